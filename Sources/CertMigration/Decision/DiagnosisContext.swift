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

    /// Works out the context. The input is taken, not copied, when the caller has no further use for it.
    public init(_ input: consuming MigrationInput) {
        chart = ChartResolution.resolve(facts: input.facts, catalog: input.catalog)
        values = EffectiveValues(layers: input.values, release: chart.release)
        rotation = RotationAnalysis(values: values)
        // Stored last, once read: storing it first made the reads above work on a copy.
        self.input = input
        var valuesFindings = [[Diagnostic]?](repeating: nil, count: DiagnosisRules.all.count)
        for index in DiagnosisRules.valuesRuleIndices {
            valuesFindings[index] = DiagnosisRules.all[index].findings(in: self)
        }
        valuesRuleFindings = valuesFindings
        valuesErrors = valuesFindings.flatMap { $0 ?? [] }.filter { $0.severity == .error }
    }

    /// The errors the `values.*` rules find: values the chart cannot read. Worked out once (every strategy's
    /// preconditions ask).
    public private(set) var valuesErrors: [Diagnostic] = []

    /// The findings of each `values.*` rule of ``DiagnosisRules/all``, at its index (nil for the other rules):
    /// worked out once for ``valuesErrors``, and reused by ``DiagnosisRules/diagnose(_:)``.
    private(set) var valuesRuleFindings: [[Diagnostic]?] = []

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
    public var operatorName: String { name(at: "operator.name", default: "keda-operator") }

    /// The certificate secret's name (`certificates.secretName`, default `kedaorg-certs`).
    public var secretName: String { name(at: "certificates.secretName", default: "kedaorg-certs") }

    /// The CA secret's name (`certificates.certManager.caSecretName`, default `kedaorg-ca`).
    public var caSecretName: String { name(at: "certificates.certManager.caSecretName", default: "kedaorg-ca") }

    /// The names worked out so far: the preconditions, manifests and advice of a plan ask for them four or five
    /// times, each a lookup through the values' layers. Shared by copies of this context, which read the same
    /// values.
    private let names = Locked<[String: String]>([:])

    /// A name the values set at a path, or the chart's name when they set none (or an empty or non-string one).
    func name(at path: String, default name: String) -> String {
        if let known = names.withLock({ $0[path] }) { return known }
        var found = name
        if let value = values.setting(path).value, case .string(let text) = value.content, !text.isEmpty {
            found = text
        }
        names.withLock { $0[path] = found }
        return found
    }

    /// cert-manager is said to be installed.
    public var certManagerInstalled: Bool { facts.certManagerInstalled?.value == true }

    /// cert-manager's support of this Kubernetes version: nil when either version or the series is unknown.
    public var certManagerSupportsKubernetes: Bool? {
        guard let kubernetes = facts.kubernetesVersion?.value, let certManager = facts.certManagerVersion?.value
        else { return nil }
        return catalog.isKubernetes(kubernetes, supportedByCertManager: certManager)
    }

    /// The certificate's expiry, when the facts give it.
    public var certificateNotAfter: Date? {
        facts.certificateNotAfter.flatMap { Timestamp.date($0.value) }
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
