import Foundation
import YAMLKit

/// What the rules look at, worked out once from a ``MigrationInput``.
///
/// Read-only once built: the `values.*` findings and the names it keeps are worked out from these parts.
public struct DiagnosisContext: Sendable {
    /// The input.
    public private(set) var input: MigrationInput
    /// The chart release whose knowledge applies.
    public private(set) var chart: ChartResolution
    /// The values as that chart's templates see them.
    public private(set) var values: EffectiveValues
    /// What the values make the operator do.
    public private(set) var rotation: RotationAnalysis
    /// The certificate's expiry, when the facts give it: read once, where the rules, the checks, the reasons and
    /// the advice each parsed the timestamp again.
    public private(set) var certificateNotAfter: Date?

    /// Works out the context. The input is taken, not copied, when the caller has no further use for it.
    public init(_ input: consuming MigrationInput) {
        chart = ChartResolution.resolve(facts: input.facts, catalog: input.catalog)
        values = EffectiveValues(layers: input.values, release: chart.release)
        rotation = RotationAnalysis(values: values)
        certificateNotAfter = input.facts.certificateNotAfter.flatMap { Timestamp.date($0.value) }
        // Stored last, once read: storing it first made the reads above work on a copy.
        self.input = input
    }

    /// The errors the `values.*` rules find: values the chart cannot read. Worked out once, on first use (every
    /// strategy's preconditions ask).
    public var valuesErrors: [Diagnostic] { valuesFindings.errors }

    /// The findings of each `values.*` rule of ``DiagnosisRules/all``, at its index (nil for the other rules):
    /// worked out once for ``valuesErrors``, and reused by ``DiagnosisRules/diagnose(_:)``.
    var valuesRuleFindings: [[Diagnostic]?] { valuesFindings.byRule }

    /// The `values.*` rules' findings, worked out on first use and kept for copies of this context. Worked out in the
    /// initializer they cost a copy of the whole context, handed to the rules while it was being built.
    private var valuesFindings: ValuesFindings {
        if let known = shared.withLock({ $0.valuesFindings }) { return known }
        var byRule = [[Diagnostic]?](repeating: nil, count: DiagnosisRules.all.count)
        for index in DiagnosisRules.valuesRuleIndices {
            byRule[index] = DiagnosisRules.all[index].findings(in: self)
        }
        // The errors picked out of each rule's findings in place: all the findings joined into one list, then
        // filtered into another, copied every finding once more.
        var errors: [Diagnostic] = []
        for findings in byRule {
            for finding in findings ?? [] where finding.severity == .error { errors.append(finding) }
        }
        let found = ValuesFindings(byRule: byRule, errors: errors)
        shared.withLock { $0.valuesFindings = found }
        return found
    }

    /// The `values.*` rules' findings: by rule, and their errors.
    private struct ValuesFindings {
        var byRule: [[Diagnostic]?]
        var errors: [Diagnostic]
    }

    /// What is worked out on first use and shared by copies of this context, which read the same input.
    private struct SharedWork {
        /// The names worked out so far (see ``name(of:)``).
        var names = KnownNames()
        /// The `values.*` rules' findings, once worked out.
        var valuesFindings: ValuesFindings?
        /// Who signs the serving certificate, once worked out.
        var certificateSigner: CertificateSigner?
    }

    /// The facts.
    public var facts: ClusterFacts { input.facts }
    /// The catalog.
    public var catalog: ChartCatalog { input.catalog }

    /// The running KEDA version: the fact, else the app version of the resolved chart (unless assumed).
    public var kedaVersion: SemanticVersion? {
        if let version = facts.kedaVersion?.value { return version }
        switch chart.basis {
        case .known, .nearestOlder, .newerThanCatalog, .inferredFromKeda: return chart.release.appVersion
        case .assumedNewest, .olderThanCertificates: return nil
        }
    }

    /// True when the chart predates KEDA's certificate rotation.
    public var predatesCertificates: Bool {
        if case .olderThanCertificates = chart.basis { return true }
        return false
    }

    /// The operator's deployment name (`operator.name`, default `keda-operator`).
    public var operatorName: String { name(of: .operatorDeployment) }

    /// The certificate secret's name (`certificates.secretName`, default `kedaorg-certs`).
    public var secretName: String { name(of: .certificateSecret) }

    /// The CA secret's name (`certificates.certManager.caSecretName`, default `kedaorg-ca`).
    public var caSecretName: String { name(of: .caSecret) }

    /// An object whose name the values may set.
    enum NamedObject {
        case operatorDeployment, certificateSecret, caSecret

        /// The values path that sets the name.
        var path: String {
            switch self {
            case .operatorDeployment: "operator.name"
            case .certificateSecret: "certificates.secretName"
            case .caSecret: "certificates.certManager.caSecretName"
            }
        }

        /// The keys of ``path``, split once: every cluster's plan asks for the names.
        var components: [String] {
            switch self {
            case .operatorDeployment: Self.operatorDeploymentComponents
            case .certificateSecret: Self.certificateSecretComponents
            case .caSecret: Self.caSecretComponents
            }
        }

        private static let operatorDeploymentComponents = EffectiveValues.components(of: Self.operatorDeployment.path)
        private static let certificateSecretComponents = EffectiveValues.components(of: Self.certificateSecret.path)
        private static let caSecretComponents = EffectiveValues.components(of: Self.caSecret.path)

        /// The chart's name when the values set none.
        var chartDefault: String {
            switch self {
            case .operatorDeployment: "keda-operator"
            case .certificateSecret: "kedaorg-certs"
            case .caSecret: "kedaorg-ca"
            }
        }
    }

    /// The names and findings worked out so far: the preconditions, manifests and advice of a plan ask for each
    /// name four or five times, each a lookup through the values' layers. Shared by copies of this context, which
    /// read the same values.
    private let shared = Locked(SharedWork())

    /// The names worked out so far, one field an object: kept by a dictionary keyed by the path, hashing the path
    /// cost more than the rest of a look-up that found the name.
    private struct KnownNames {
        var operatorDeployment: String?
        var certificateSecret: String?
        var caSecret: String?

        subscript(object: NamedObject) -> String? {
            get {
                switch object {
                case .operatorDeployment: operatorDeployment
                case .certificateSecret: certificateSecret
                case .caSecret: caSecret
                }
            }
            set {
                switch object {
                case .operatorDeployment: operatorDeployment = newValue
                case .certificateSecret: certificateSecret = newValue
                case .caSecret: caSecret = newValue
                }
            }
        }
    }

    /// The name the values set for an object, or the chart's name when they set none (or an empty or non-string
    /// one).
    func name(of object: NamedObject) -> String {
        if let known = shared.withLock({ $0.names[object] }) { return known }
        var found = object.chartDefault
        if let value = values.setting(object.path, components: object.components).value,
            case .string(let text) = value.content, !text.isEmpty
        {
            found = text
        }
        shared.withLock { $0.names[object] = found }
        return found
    }

    /// Who signs the serving certificate under the cert-manager strategy (see ``workOutCertificateSigner()``): worked
    /// out on first use and kept, since the plan's reason, its manifests and its advice each ask.
    public var certificateSigner: CertificateSigner {
        if let known = shared.withLock({ $0.certificateSigner }) { return known }
        let signer = workOutCertificateSigner()
        shared.withLock { $0.certificateSigner = signer }
        return signer
    }

    /// cert-manager is said to be installed.
    public var certManagerInstalled: Bool { facts.certManagerInstalled?.value == true }

    /// cert-manager's support of this Kubernetes version: nil when either version or the series is unknown.
    public var certManagerSupportsKubernetes: Bool? {
        guard let kubernetes = facts.kubernetesVersion?.value, let certManager = facts.certManagerVersion?.value
        else { return nil }
        return catalog.isKubernetes(kubernetes, supportedByCertManager: certManager)
    }

    /// The location of a fact, or the flag it came from, for a finding.
    func location<V>(_ fact: Fact<V>?) -> SourceLocation? {
        guard let fact else { return nil }
        switch fact.origin {
        case .file(let location): return location
        case .flag(let flag): return SourceLocation(file: flag)
        case .command(let command): return SourceLocation(file: "`\(command)`")
        case .derived: return nil
        }
    }
}
