import Foundation
import Testing
import YAMLKit

@testable import CertMigration

/// A place in a values or facts file (Swift Testing has its own `SourceLocation`).
typealias FileLocation = CertMigration.SourceLocation

/// Inputs for snippet tests: values from inline YAML, facts built in code, each fact at a fixed line of a notional
/// `facts.yaml` so that findings about facts have a location to check.
enum Snippet {
    /// The moment every snippet plan is made.
    static let now = Timestamp.date("2026-11-25T09:00:00Z")!

    /// The line each fact is said to come from in `facts.yaml` (column 12 for all).
    enum FactLine {
        static let kubernetes = 2
        static let provider = 3
        static let keda = 5
        static let chart = 6
        static let namespace = 7
        static let certManagerInstalled = 9
        static let certManagerEvidence = 10
        static let certManagerVersion = 11
        static let issuer = 12
        static let secretExists = 14
        static let notAfter = 15
        static let apiAvailable = 17
        static let insecure = 18
    }

    static func at(_ line: Int) -> FactOrigin { .file(FileLocation(file: "facts.yaml", line: line, column: 12)) }

    static func version(_ text: String) -> SemanticVersion {
        do { return try SemanticVersion.parse(text) } catch { preconditionFailure("\(error)") }
    }

    /// Facts built in code; nil leaves a fact unknown.
    static func facts(
        kubernetes: String? = "v1.30.5", provider: KubernetesProvider? = nil, keda: String? = nil,
        chart: String? = "2.16.1", namespace: String? = nil, certManager: Bool? = nil,
        evidence: CertManagerEvidence? = nil, certManagerVersion: String? = nil, issuer: IssuerReference? = nil,
        secretExists: Bool? = nil, notAfter: String? = nil, apiAvailable: Bool? = nil, insecure: Bool? = nil
    ) -> ClusterFacts {
        var facts = ClusterFacts()
        facts.kubernetesVersion = kubernetes.map { Fact(version($0), from: at(FactLine.kubernetes)) }
        facts.provider = provider.map { Fact($0, from: at(FactLine.provider)) }
        facts.kedaVersion = keda.map { Fact(version($0), from: at(FactLine.keda)) }
        facts.chartVersion = chart.map { Fact(version($0), from: at(FactLine.chart)) }
        facts.namespace = namespace.map { Fact($0, from: at(FactLine.namespace)) }
        facts.certManagerInstalled = certManager.map { Fact($0, from: at(FactLine.certManagerInstalled)) }
        facts.certManagerEvidence = evidence.map { Fact($0, from: at(FactLine.certManagerEvidence)) }
        facts.certManagerVersion = certManagerVersion.map { Fact(version($0), from: at(FactLine.certManagerVersion)) }
        facts.issuer = issuer.map { Fact($0, from: at(FactLine.issuer)) }
        facts.certificateSecretExists = secretExists.map { Fact($0, from: at(FactLine.secretExists)) }
        facts.certificateNotAfter = notAfter.map { Fact($0, from: at(FactLine.notAfter)) }
        facts.apiServiceAvailable = apiAvailable.map { Fact($0, from: at(FactLine.apiAvailable)) }
        facts.apiServiceInsecureSkipTLSVerify = insecure.map { Fact($0, from: at(FactLine.insecure)) }
        return facts
    }

    /// One values file.
    static func layer(_ text: String, file: String = "values.yaml") throws -> ValuesLayer {
        try ValuesLayer(bytes: Array(text.utf8), fileName: file)
    }

    /// Values files layered in order, named `a.yaml`, `b.yaml`, ... unless one text is given (`values.yaml`).
    static func values(_ texts: String...) throws -> ValuesLayers {
        if texts.count == 1 { return ValuesLayers([try layer(texts[0])]) }
        let names = ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
        return ValuesLayers(try texts.enumerated().map { try layer($0.element, file: names[$0.offset]) })
    }

    static func input(_ values: ValuesLayers, _ facts: ClusterFacts, strategy: StrategyChoice = .auto)
        -> MigrationInput
    {
        MigrationInput(values: values, facts: facts, strategy: strategy, now: now)
    }

    static func context(_ values: ValuesLayers, _ facts: ClusterFacts) -> DiagnosisContext {
        DiagnosisContext(input(values, facts))
    }

    static func plan(_ values: ValuesLayers, _ facts: ClusterFacts, strategy: StrategyChoice = .auto)
        -> RemediationPlan
    {
        PlanDecider.plan(input(values, facts, strategy: strategy))
    }

    static func rule(_ id: String) -> DiagnosisRule {
        guard let rule = DiagnosisRules.all.first(where: { $0.id == id }) else {
            preconditionFailure("no rule \(id)")
        }
        return rule
    }

    static func location(_ file: String, _ line: Int, _ column: Int) -> FileLocation {
        FileLocation(file: file, line: line, column: column)
    }

    static func factLocation(_ line: Int) -> FileLocation { location("facts.yaml", line, 12) }
}

@Suite("DiagnosisRules: each rule fires where its condition holds, and only there")
struct DiagnosisRulesTests {
    /// Runs one rule on a context.
    func findings(_ id: String, values: ValuesLayers, facts: ClusterFacts = Snippet.facts()) -> [Diagnostic] {
        Snippet.rule(id).findings(in: Snippet.context(values, facts))
    }

    func one(_ id: String, values: ValuesLayers, facts: ClusterFacts = Snippet.facts()) throws -> Diagnostic {
        let all = findings(id, values: values, facts: facts)
        #expect(all.count == 1, "expected one finding, got \(all)")
        return try #require(all.first)
    }

    static let rotationOn = #"""
        certificates:
          autoGenerated: true
        """#

    static let rotationOff = #"""
        certificates:
          autoGenerated: false
        """#

    @Test("every rule in the table has a test here")
    func everyRuleIsCovered() {
        #expect(
            DiagnosisRules.all.map(\.id) == [
                "values.certificates-unreadable", "values.rotation", "values.autogenerated-not-boolean",
                "values.extra-args-rotation", "values.apiservice-patching-off", "values.unknown-certificates-key",
                "cluster.kubernetes-unsupported",
                "cluster.matches-known-failure", "cluster.metrics-api-unavailable", "security.insecure-skip-tls-verify",
                "security.gitops-ignores-insecure-skip-tls-verify",
                "cluster.cert-manager-evidence", "cluster.cert-manager-unsupported", "cluster.certificate-expiry",
            ])
        for rule in DiagnosisRules.all {
            #expect(!rule.reason.isEmpty && !rule.sources.isEmpty, "\(rule.id) needs a reason and a source")
        }
    }

    // MARK: values.certificates-unreadable

    @Test("values.certificates-unreadable: `certificates: null` removes the section")
    func certificatesNull() throws {
        let finding = try one("values.certificates-unreadable", values: Snippet.values("certificates: null\n"))
        #expect(finding.id == "values.certificates-unreadable")
        #expect(finding.severity == .error)
        #expect(finding.message.contains("`certificates` is set to null"))
        #expect(finding.location == Snippet.location("values.yaml", 1, 15))
    }

    @Test("values.certificates-unreadable: `certificates` as a list cannot be read")
    func certificatesList() throws {
        let finding = try one(
            "values.certificates-unreadable", values: Snippet.values("certificates: [autoGenerated]\n"))
        #expect(finding.severity == .error)
        #expect(finding.message.contains("`certificates` is not a mapping here"))
        #expect(finding.location == Snippet.location("values.yaml", 1, 15))
    }

    @Test("values.certificates-unreadable: silent for a mapping and for an absent section")
    func certificatesReadable() throws {
        #expect(findings("values.certificates-unreadable", values: try Snippet.values(Self.rotationOn)).isEmpty)
        #expect(
            findings("values.certificates-unreadable", values: try Snippet.values("operator:\n  name: k\n")).isEmpty)
    }

    // MARK: values.rotation

    @Test("values.rotation: on, pointing at autoGenerated")
    func rotationOn() throws {
        let finding = try one("values.rotation", values: Snippet.values(Self.rotationOn))
        #expect(finding.id == "values.rotation-on")
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("--enable-cert-rotation=true"))
        #expect(finding.location == Snippet.location("values.yaml", 2, 18))
    }

    @Test("values.rotation: on by the chart default, without a location")
    func rotationOnByDefault() throws {
        let finding = try one("values.rotation", values: Snippet.values("operator:\n  replicaCount: 2\n"))
        #expect(finding.id == "values.rotation-on")
        #expect(finding.message.contains("`certificates.autoGenerated` is true (the chart's default)"))
        #expect(finding.location == nil)
    }

    @Test("values.rotation: off with autoGenerated false")
    func rotationOff() throws {
        let finding = try one(
            "values.rotation",
            values: Snippet.values(
                #"""
                # the team's values
                certificates:
                  autoGenerated: false
                """#))
        #expect(finding.id == "values.rotation-off")
        #expect(finding.severity == .info)
        #expect(finding.message.contains("`certificates.autoGenerated` is `false`"))
        #expect(finding.location == Snippet.location("values.yaml", 3, 18))
    }

    @Test("values.rotation: cert-manager in charge, pointing at certManager.enabled")
    func rotationCertManager() throws {
        let finding = try one(
            "values.rotation",
            values: Snippet.values(
                #"""
                certificates:
                  autoGenerated: true
                  certManager:
                    enabled: true
                """#))
        #expect(finding.id == "values.cert-manager-in-charge")
        #expect(finding.severity == .info)
        #expect(finding.message.contains("cert-manager issues KEDA's certificates"))
        #expect(finding.location == Snippet.location("values.yaml", 4, 14))
    }

    @Test("values.rotation: an extraArgs value the operator cannot parse is an error")
    func rotationFlagInvalid() throws {
        let finding = try one(
            "values.rotation",
            values: Snippet.values(
                #"""
                extraArgs:
                  keda:
                    enable-cert-rotation: maybe
                """#))
        #expect(finding.id == "values.rotation-flag-invalid")
        #expect(finding.severity == .error)
        #expect(finding.message.contains("`maybe`, which the operator cannot parse"))
        #expect(finding.location == Snippet.location("values.yaml", 3, 27))
    }

    @Test("values.rotation: silent for a chart before 2.10.0")
    func rotationPredates() throws {
        #expect(
            findings(
                "values.rotation", values: try Snippet.values(Self.rotationOn), facts: Snippet.facts(chart: "2.9.4")
            )
            .isEmpty)
    }

    // MARK: values.autogenerated-not-boolean

    @Test("values.autogenerated-not-boolean: the string \"false\" reads as true")
    func autoGeneratedStringFalse() throws {
        let finding = try one(
            "values.autogenerated-not-boolean",
            values: Snippet.values(
                #"""
                certificates:
                  autoGenerated: "false"
                """#))
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("the string \"false\", which the chart's templates treat as true"))
        #expect(finding.location == Snippet.location("values.yaml", 2, 18))
        #expect(finding.fix == "write true or false without quotes")
    }

    @Test("values.autogenerated-not-boolean: a number by its value; an empty string is left to the flag error")
    func autoGeneratedOtherTypes() throws {
        // `""` makes the chart pass `--enable-cert-rotation=`: values.rotation-flag-invalid reports that, alone.
        #expect(
            findings(
                "values.autogenerated-not-boolean", values: try Snippet.values("certificates:\n  autoGenerated: \"\"\n")
            )
            .isEmpty)
        let zero = try one(
            "values.autogenerated-not-boolean", values: Snippet.values("certificates:\n  autoGenerated: 0\n"))
        #expect(zero.message.contains("not a boolean; the templates read it as false"))
        #expect(zero.location == Snippet.location("values.yaml", 2, 18))
    }

    @Test("values.autogenerated-not-boolean: silent for booleans and for the chart default")
    func autoGeneratedBoolean() throws {
        #expect(findings("values.autogenerated-not-boolean", values: try Snippet.values(Self.rotationOn)).isEmpty)
        #expect(findings("values.autogenerated-not-boolean", values: try Snippet.values("operator: {}\n")).isEmpty)
        #expect(
            findings(
                "values.autogenerated-not-boolean", values: try Snippet.values("certificates:\n  autoGenerated: True\n")
            )
            .isEmpty)
    }

    @Test(
        "values.autogenerated-not-boolean: a YAML 1.1 spelling (`yes`, `off`) is a warning: YAML 1.2 tools read a string"
    )
    func autoGeneratedYAML11() throws {
        // go-yaml v2, under Helm, reads `yes` as true; yq, kustomize and editors (YAML 1.2) read the string "yes".
        let finding = try one(
            "values.autogenerated-not-boolean", values: Snippet.values("certificates:\n  autoGenerated: yes\n"))
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("which Helm reads as true (a YAML 1.1 boolean)"))
        #expect(finding.fix == "write true")
        #expect(finding.location == Snippet.location("values.yaml", 2, 18))
    }

    // MARK: values.extra-args-rotation

    @Test("values.extra-args-rotation: a later --enable-cert-rotation overrides the chart's")
    func extraArgsOverride() throws {
        let finding = try one(
            "values.extra-args-rotation",
            values: Snippet.values(
                #"""
                certificates:
                  autoGenerated: false
                extraArgs:
                  keda:
                    enable-cert-rotation: true
                """#))
        #expect(finding.severity == .warning)
        #expect(
            finding.message.contains(
                "`extraArgs.keda.enable-cert-rotation: true` overrides the chart's --enable-cert-rotation=false"))
        #expect(finding.location == Snippet.location("values.yaml", 5, 27))
    }

    @Test("values.extra-args-rotation: silent without the key, even with other extraArgs")
    func extraArgsAbsent() throws {
        let values = try Snippet.values(
            #"""
            extraArgs:
              keda:
                zap-log-level: debug
            """#)
        #expect(findings("values.extra-args-rotation", values: values).isEmpty)
    }

    // MARK: values.apiservice-patching-off

    @Test("values.apiservice-patching-off: chart 2.20 with rotation on and APIService patching off")
    func apiServicePatchingOff() throws {
        let values = try Snippet.values(
            """
            certificates:
              autoGenerated: true
              operator:
                apiServicePatching:
                  enabled: false
            """)
        let finding = try one("values.apiservice-patching-off", values: values, facts: Snippet.facts(chart: "2.20.2"))
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("no longer puts its CA into the APIService"))
        #expect(finding.location == Snippet.location("values.yaml", 5, 16))
        // Before chart 2.20.0 the key does nothing; with cert-manager in charge the flag is not passed.
        #expect(
            findings("values.apiservice-patching-off", values: values, facts: Snippet.facts(chart: "2.19.0")).isEmpty)
        let certManager = try Snippet.values(
            """
            certificates:
              certManager:
                enabled: true
              operator:
                apiServicePatching:
                  enabled: false
            """)
        #expect(
            findings("values.apiservice-patching-off", values: certManager, facts: Snippet.facts(chart: "2.20.2"))
                .isEmpty)
        let on = try Snippet.values("certificates:\n  operator:\n    apiServicePatching:\n      enabled: true\n")
        #expect(findings("values.apiservice-patching-off", values: on, facts: Snippet.facts(chart: "2.20.2")).isEmpty)
    }

    // MARK: values.unknown-certificates-key

    @Test("values.unknown-certificates-key: certManager.duration does not exist in chart 2.13.0")
    func unknownKeyBeforeIssuerKeys() throws {
        let values = try Snippet.values(
            #"""
            certificates:
              certManager:
                duration: 2160h0m0s
            """#)
        let finding = try one(
            "values.unknown-certificates-key", values: values, facts: Snippet.facts(chart: "2.13.0"))
        #expect(finding.severity == .warning)
        #expect(
            finding.message == "chart 2.13.0 has no values key `certificates.certManager.duration`; Helm ignores it")
        #expect(finding.location == Snippet.location("values.yaml", 3, 5))
        #expect(
            findings("values.unknown-certificates-key", values: values, facts: Snippet.facts(chart: "2.13.2")).isEmpty)
    }

    @Test("values.unknown-certificates-key: a misspelt key is reported at its key, known keys are not")
    func misspeltKey() throws {
        let values = try Snippet.values(
            #"""
            certificates:
              autoGenerate: false
              secretName: kedaorg-certs
              certManager:
                issuer:
                  name: corp-ca
            """#)
        let finding = try one("values.unknown-certificates-key", values: values)
        #expect(finding.message.contains("`certificates.autoGenerate`"))
        #expect(finding.location == Snippet.location("values.yaml", 2, 3))
    }

    @Test("values.unknown-certificates-key: every layer's unknown keys, depth first in key order, each at its key")
    func unknownKeysInOrder() throws {
        let values = try Snippet.values(
            #"""
            certificates:
              zeta: 1
              certManager:
                enabled: true
                bogus: 2
                issuer: {name: corp-ca, colour: blue}
              alpha: 3
            """#,
            #"""
            certificates:
              secretNam: x
            """#)
        let found = findings("values.unknown-certificates-key", values: values)
        #expect(
            found.map(\.message) == [
                "chart 2.16.1 has no values key `certificates.alpha`; Helm ignores it",
                "chart 2.16.1 has no values key `certificates.certManager.bogus`; Helm ignores it",
                "chart 2.16.1 has no values key `certificates.certManager.issuer.colour`; Helm ignores it",
                "chart 2.16.1 has no values key `certificates.zeta`; Helm ignores it",
                "chart 2.16.1 has no values key `certificates.secretNam`; Helm ignores it",
            ])
        #expect(found.map { $0.location?.line } == [7, 5, 6, 2, 2])
        #expect(found.map { $0.location?.file } == ["a.yaml", "a.yaml", "a.yaml", "a.yaml", "b.yaml"])
    }

    @Test("values.unknown-certificates-key: each path is the whole key, after a longer one and after a combining mark")
    func unknownKeysOfEveryLength() throws {
        // A short known key after a long unknown one, and a key that starts with a combining mark (which joins the
        // dot before it into one Character), each looked up and reported as itself.
        let values = try Snippet.values(
            "certificates:\n  averyveryverylongunknownkeyname: 1\n  autoGenerated: false\n  \"\u{301}x\": 2\n"
                + "  secretName: a\n")
        let found = findings("values.unknown-certificates-key", values: values)
        #expect(
            found.map(\.message) == [
                "chart 2.16.1 has no values key `certificates.averyveryverylongunknownkeyname`; Helm ignores it",
                "chart 2.16.1 has no values key `certificates.\u{301}x`; Helm ignores it",
            ])
        #expect(found.map { $0.location?.line } == [2, 4])
    }

    // MARK: cluster.kubernetes-unsupported

    @Test("cluster.kubernetes-unsupported: KEDA 2.16 on Kubernetes 1.28")
    func kubernetesUnsupported() throws {
        let finding = try one(
            "cluster.kubernetes-unsupported", values: Snippet.values(Self.rotationOn),
            facts: Snippet.facts(kubernetes: "v1.28.9-eks-036c24b"))
        #expect(finding.severity == .warning)
        #expect(finding.message == "KEDA 2.16 is tested on Kubernetes 1.29–1.31, not 1.28")
        #expect(finding.location == Snippet.factLocation(Snippet.FactLine.kubernetes))
    }

    @Test("cluster.kubernetes-unsupported: silent inside the range, or when a version is unknown")
    func kubernetesSupported() throws {
        let values = try Snippet.values(Self.rotationOn)
        #expect(
            findings("cluster.kubernetes-unsupported", values: values, facts: Snippet.facts(kubernetes: "1.31")).isEmpty
        )
        #expect(
            findings("cluster.kubernetes-unsupported", values: values, facts: Snippet.facts(kubernetes: nil)).isEmpty)
        #expect(
            findings(
                "cluster.kubernetes-unsupported", values: values, facts: Snippet.facts(kubernetes: "1.28", chart: nil)
            )
            .isEmpty)
    }

    // MARK: cluster.matches-known-failure

    @Test("cluster.matches-known-failure: EKS, Kubernetes below 1.29 and KEDA 2.16 with rotation on")
    func matchesSeedReport() throws {
        let finding = try one(
            "cluster.matches-known-failure", values: Snippet.values(Self.rotationOn),
            facts: Snippet.facts(kubernetes: "v1.28.9-eks-036c24b", provider: .eks, keda: "2.16.1"))
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("on EKS, Kubernetes 1.28 (< 1.29), KEDA 2.16.1 with rotation on"))
        #expect(finding.location == Snippet.factLocation(Snippet.FactLine.kubernetes))
    }

    @Test("cluster.matches-known-failure: the EKS provider is derived from the version suffix")
    func matchesDerivedProvider() throws {
        let finding = try one(
            "cluster.matches-known-failure", values: Snippet.values(Self.rotationOn),
            facts: Snippet.facts(kubernetes: "v1.27.16-eks-2f46c53", chart: "2.13.0"))
        #expect(finding.message.contains("on EKS, Kubernetes 1.27 (< 1.29) with rotation on"))
    }

    @Test("cluster.matches-known-failure: silent with one match only, or with rotation off")
    func matchesNot() throws {
        #expect(
            findings(
                "cluster.matches-known-failure", values: try Snippet.values(Self.rotationOn),
                facts: Snippet.facts(kubernetes: "v1.28.15-gke.1020000", provider: .gke, chart: "2.17.2")
            ).isEmpty)
        #expect(
            findings(
                "cluster.matches-known-failure", values: try Snippet.values("certificates:\n  autoGenerated: false\n"),
                facts: Snippet.facts(kubernetes: "v1.28.9-eks-036c24b", provider: .eks, keda: "2.16.1")
            ).isEmpty)
    }

    // MARK: cluster.metrics-api-unavailable

    @Test("cluster.metrics-api-unavailable: the APIService is not Available")
    func metricsAPIDown() throws {
        let finding = try one(
            "cluster.metrics-api-unavailable", values: Snippet.values(Self.rotationOn),
            facts: Snippet.facts(apiAvailable: false))
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("is not Available: HPAs that read external metrics are not scaling now"))
        #expect(finding.location == Snippet.factLocation(Snippet.FactLine.apiAvailable))
        let values = try Snippet.values(Self.rotationOn)
        #expect(
            findings("cluster.metrics-api-unavailable", values: values, facts: Snippet.facts(apiAvailable: true))
                .isEmpty)
        #expect(findings("cluster.metrics-api-unavailable", values: values, facts: Snippet.facts()).isEmpty)
    }

    // MARK: security.insecure-skip-tls-verify

    @Test("security.insecure-skip-tls-verify: a security finding, never proposed")
    func insecureSkipTLSVerify() throws {
        let finding = try one(
            "security.insecure-skip-tls-verify", values: Snippet.values(Self.rotationOn),
            facts: Snippet.facts(insecure: true))
        #expect(finding.severity == .security)
        #expect(finding.message.contains("has insecureSkipTLSVerify: true"))
        #expect(finding.fix?.contains("never use it as the fix") == true)
        #expect(finding.location == Snippet.factLocation(Snippet.FactLine.insecure))
        #expect(
            findings(
                "security.insecure-skip-tls-verify", values: try Snippet.values(Self.rotationOn),
                facts: Snippet.facts(insecure: false)
            ).isEmpty)
    }

    // MARK: cluster.cert-manager-evidence

    @Test("cluster.cert-manager-evidence: CRDs only are weak evidence, a controller is strong")
    func certManagerEvidence() throws {
        let values = try Snippet.values(Self.rotationOn)
        let crds = try one(
            "cluster.cert-manager-evidence", values: values, facts: Snippet.facts(certManager: true, evidence: .crds))
        #expect(crds.severity == .warning)
        #expect(crds.message.contains("known only from its CRDs"))
        #expect(crds.location == Snippet.factLocation(Snippet.FactLine.certManagerEvidence))
        let controller = try one(
            "cluster.cert-manager-evidence", values: values,
            facts: Snippet.facts(certManager: true, evidence: .controller))
        #expect(controller.severity == .info)
        #expect(controller.message.contains("controller is running"))
        let unknown = try one("cluster.cert-manager-evidence", values: values, facts: Snippet.facts(certManager: true))
        #expect(unknown.severity == .info)
        #expect(unknown.message.contains("not whether its controller runs"))
        #expect(unknown.location == Snippet.factLocation(Snippet.FactLine.certManagerInstalled))
    }

    @Test("cluster.cert-manager-evidence: silent when cert-manager is absent or unknown")
    func certManagerAbsent() throws {
        let values = try Snippet.values(Self.rotationOn)
        #expect(
            findings("cluster.cert-manager-evidence", values: values, facts: Snippet.facts(certManager: false)).isEmpty)
        #expect(findings("cluster.cert-manager-evidence", values: values, facts: Snippet.facts()).isEmpty)
    }

    // MARK: security.gitops-ignores-insecure-skip-tls-verify

    @Test("security.gitops-ignores-insecure-skip-tls-verify: an Argo CD Application that hides the unsafe field")
    func gitOpsIgnoresInsecureSkipTLSVerify() throws {
        let application = #"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: keda
            spec:
              source:
                repoURL: https://kedacore.github.io/charts
                chart: keda
                targetRevision: 2.16.1
                helm:
                  valuesObject:
                    certificates:
                      autoGenerated: true
              ignoreDifferences:
                - group: apiregistration.k8s.io
                  kind: APIService
                  jsonPointers:
                    - /spec/insecureSkipTLSVerify
            """#
        let source = try ValuesSource(bytes: Array(application.utf8), fileName: "apps/keda.yaml")
        let values = ValuesLayers([ValuesLayer(source: source)])
        let finding = try one("security.gitops-ignores-insecure-skip-tls-verify", values: values)
        #expect(finding.severity == .security)
        #expect(finding.location == Snippet.location("apps/keda.yaml", 18, 11))
        let caBundleOnly = application.replacingOccurrences(
            of: "/spec/insecureSkipTLSVerify", with: "/spec/caBundle")
        let clean = ValuesLayers([
            ValuesLayer(source: try ValuesSource(bytes: Array(caBundleOnly.utf8), fileName: "apps/keda.yaml"))
        ])
        #expect(findings("security.gitops-ignores-insecure-skip-tls-verify", values: clean).isEmpty)
    }

    // MARK: cluster.cert-manager-unsupported

    @Test("cluster.cert-manager-unsupported: cert-manager 1.19 on Kubernetes 1.29")
    func certManagerUnsupported() throws {
        let values = try Snippet.values(Self.rotationOn)
        let finding = try one(
            "cluster.cert-manager-unsupported", values: values,
            facts: Snippet.facts(kubernetes: "v1.29.8", certManager: true, certManagerVersion: "v1.19.1"))
        #expect(finding.severity == .warning)
        #expect(finding.message == "cert-manager 1.19 supports Kubernetes 1.31–1.35, not 1.29")
        #expect(finding.location == Snippet.factLocation(Snippet.FactLine.certManagerVersion))
        #expect(
            findings(
                "cluster.cert-manager-unsupported", values: values,
                facts: Snippet.facts(kubernetes: "v1.29.8", certManager: true, certManagerVersion: "v1.15.3")
            ).isEmpty)
        #expect(
            findings(
                "cluster.cert-manager-unsupported", values: values,
                facts: Snippet.facts(kubernetes: "v1.29.8", certManager: false, certManagerVersion: "v1.19.1")
            ).isEmpty)
    }

    // MARK: cluster.certificate-expiry

    @Test(
        "cluster.certificate-expiry: expired, soon or later",
        arguments: [
            (
                "2026-10-30T06:00:00Z", "cluster.certificate-expired", Severity.error,
                "the KEDA certificate expired on 2026-10-30T06:00:00Z"
            ),
            (
                "2026-12-15T00:00:00Z", "cluster.certificate-expiry", Severity.warning,
                "the KEDA certificate is valid until 2026-12-15T00:00:00Z, less than 30 days away"
            ),
            (
                "2027-06-01T00:00:00Z", "cluster.certificate-expiry", Severity.info,
                "the KEDA certificate is valid until 2027-06-01T00:00:00Z"
            ),
        ])
    func certificateExpiry(notAfter: String, id: String, severity: Severity, message: String) throws {
        let all = findings(
            "cluster.certificate-expiry", values: try Snippet.values(Self.rotationOff),
            facts: Snippet.facts(notAfter: notAfter))
        #expect(all.count == 1, "expected one finding, got \(all)")
        let finding = try #require(all.first)
        #expect(finding.id == id)
        #expect(finding.severity == severity)
        #expect(finding.message == message)
        #expect(finding.location == Snippet.factLocation(Snippet.FactLine.notAfter))
    }

    @Test("cluster.rotation-not-renewing: rotation on and less than 89 days left means cert-controller is not renewing")
    func rotationNotRenewing() throws {
        let soon = Snippet.facts(notAfter: "2026-12-15T00:00:00Z")
        let on = findings("cluster.certificate-expiry", values: try Snippet.values(Self.rotationOn), facts: soon)
        let failing = try #require(on.first { $0.id == "cluster.rotation-not-renewing" })
        #expect(failing.severity == .warning)
        #expect(failing.message.contains("rotation appears to be failing"))
        #expect(failing.location == Snippet.factLocation(Snippet.FactLine.notAfter))
        let off = findings("cluster.certificate-expiry", values: try Snippet.values(Self.rotationOff), facts: soon)
        #expect(!off.contains { $0.id == "cluster.rotation-not-renewing" })
        let later = Snippet.facts(notAfter: "2027-06-01T00:00:00Z")
        let onLater = findings("cluster.certificate-expiry", values: try Snippet.values(Self.rotationOn), facts: later)
        #expect(!onLater.contains { $0.id == "cluster.rotation-not-renewing" })
    }

    @Test("cluster.certificate-expiry: silent when the expiry is unknown")
    func certificateExpiryUnknown() throws {
        #expect(findings("cluster.certificate-expiry", values: try Snippet.values(Self.rotationOn)).isEmpty)
    }

    // MARK: The whole diagnosis

    @Test("diagnose: a duplicated key in a values file is reported with both lines")
    func duplicateKey() throws {
        let values = try Snippet.values(
            #"""
            certificates:
              autoGenerated: true
              autoGenerated: false
            """#)
        let findings = DiagnosisRules.diagnose(Snippet.context(values, Snippet.facts()))
        let duplicate = try #require(findings.first { $0.id == "values.duplicate-key" })
        #expect(duplicate.severity == .warning)
        #expect(duplicate.message.contains("first at line 2"))
        #expect(duplicate.location == Snippet.location("values.yaml", 3, 3))
        // Helm keeps the last one: rotation is off.
        #expect(findings.contains { $0.id == "values.rotation-off" })
    }

    @Test("diagnose: the chart resolution's note comes first")
    func chartNoteFirst() throws {
        let findings = DiagnosisRules.diagnose(
            Snippet.context(try Snippet.values(Self.rotationOn), Snippet.facts(chart: "2.21.0")))
        #expect(findings.first?.id == "facts.chart-newer-than-catalog")
    }
}
