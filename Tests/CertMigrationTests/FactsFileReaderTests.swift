import Testing
import YAMLKit

@testable import CertMigration

@Suite("FactsFileReader: the facts file")
struct FactsFileReaderTests {
    func read(_ text: String) -> (facts: ClusterFacts, diagnostics: [Diagnostic]) {
        FactsFileReader().read(bytes: Array(text.utf8), fileName: "facts.yaml")
    }

    @Test("the documented example reads completely, each fact with its place")
    func fullExample() throws {
        let (facts, diagnostics) = read(
            """
            kubernetes:
              version: v1.28.9-eks-036c24b   # any form kubectl prints
              provider: eks
            keda:
              version: 2.16.1
              chartVersion: 2.16.1
              namespace: keda
              releaseName: keda
            certManager:
              installed: true
              detectedFrom: controller
              version: v1.15.3
              issuer: {name: corp-ca, kind: ClusterIssuer}
            gitops: argocd
            certificateSecret:
              exists: true
              notAfter: 2034-11-02T10:00:00Z
            apiService:
              available: false
              insecureSkipTLSVerify: false
            """)
        #expect(diagnostics.isEmpty)
        #expect(facts.kubernetesVersion?.value == SemanticVersion(1, 28, 9))
        #expect(facts.kubernetesVersion?.value.suffix == "eks-036c24b")
        #expect(facts.kubernetesVersion?.origin == .file(SourceLocation(file: "facts.yaml", line: 2, column: 12)))
        #expect(facts.provider?.value == .eks)
        #expect(facts.kedaVersion?.value == SemanticVersion(2, 16, 1))
        #expect(facts.chartVersion?.value == SemanticVersion(2, 16, 1))
        #expect(facts.namespace?.value == "keda")
        #expect(facts.releaseName?.value == "keda")
        #expect(facts.certManagerInstalled?.value == true)
        #expect(facts.certManagerEvidence?.value == .controller)
        #expect(facts.certManagerVersion?.value == SemanticVersion(1, 15, 3))
        #expect(facts.issuer?.value == IssuerReference(name: "corp-ca", kind: .clusterIssuer))
        #expect(facts.gitops?.value == .argocd)
        #expect(facts.certificateSecretExists?.value == true)
        #expect(facts.certificateNotAfter?.value == "2034-11-02T10:00:00Z")
        #expect(facts.apiServiceAvailable?.value == false)
        #expect(facts.apiServiceInsecureSkipTLSVerify?.value == false)
    }

    @Test("JSON is read the same way")
    func json() {
        let (facts, diagnostics) = read(#"{"kubernetes": {"version": "1.30.2"}, "gitops": "flux"}"#)
        #expect(diagnostics.isEmpty)
        #expect(facts.kubernetesVersion?.value == SemanticVersion(1, 30, 2))
        #expect(facts.gitops?.value == .flux)
    }

    @Test("unknown keys are warnings with a suggestion; the rest is read")
    func unknownKeys() {
        let (facts, diagnostics) = read("kubernetes:\n  Version: 1.29.1\n  provider: gke\nextra: 1\n")
        #expect(facts.provider?.value == .gke)
        #expect(facts.kubernetesVersion == nil)
        #expect(diagnostics.map(\.id) == ["facts.unknown-key", "facts.unknown-key"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(
            diagnostics[0].description
                == "facts.yaml:2:3: warning: unknown key `kubernetes.Version`; it is ignored\n  fix: did you mean `version`? Known keys here: `version`, `provider`"
        )
        #expect(diagnostics[1].location == SourceLocation(file: "facts.yaml", line: 4, column: 1))
    }

    @Test(
        "malformed versions are errors at their line and column",
        arguments: [
            ("kubernetes:\n  version: 1.28+\n", 2, 12, "nothing follows"),
            ("kubernetes:\n  version: v1.3O\n", 2, 12, "`3O` is not a decimal number"),
            ("kubernetes:\n  version: latest\n", 2, 12, "no minor version"),
            ("keda:\n  chartVersion: [2, 16]\n", 2, 17, "must be a version"),
        ])
    func malformedVersions(text: String, line: Int, column: Int, says: String) {
        let (_, diagnostics) = read(text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.location == SourceLocation(file: "facts.yaml", line: line, column: column))
        #expect(diagnostics.first?.message.contains(says) == true)
    }

    @Test(
        "wrong types and values are errors that say what was expected",
        arguments: [
            ("certManager:\n  installed: \"true\"\n", "facts.wrong-type", "write true without quotes"),
            ("certManager:\n  installed: maybe\n", "facts.wrong-type", "write true or false"),
            ("gitops: jenkins\n", "facts.unknown-value", "`none` when KEDA is applied by hand"),
            ("kubernetes:\n  provider: azure\n", "facts.unknown-value", "`other` when none fits"),
            ("gitops: argo\n", "facts.unknown-value", "did you mean `argocd`?"),
            ("kubernetes: 1.28\n", "facts.wrong-type", "`version`, `provider`"),
            ("keda:\n  namespace: KEDA_NS\n", "facts.invalid-name", "lower-case letters"),
            ("certificateSecret:\n  notAfter: next year\n", "facts.malformed-timestamp", "2034-11-02T10:00:00Z"),
            ("certManager:\n  issuer: {kind: Issuer}\n", "facts.missing-key", "add `name:"),
            ("- a\n- b\n", "facts.wrong-type", "`kubernetes`"),
        ])
    func wrongTypes(text: String, id: String, fix: String) {
        let (_, diagnostics) = read(text)
        #expect(diagnostics.map(\.id) == [id])
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.fix?.contains(fix) == true)
    }

    @Test("YAML 1.1 booleans read as booleans; an empty section says nothing")
    func booleansAndEmptySections() {
        let (facts, diagnostics) = read("certManager:\n  installed: yes\napiService:\ngitops: none\n")
        #expect(diagnostics.isEmpty)
        #expect(facts.certManagerInstalled?.value == true)
        #expect(facts.apiServiceAvailable == nil)
        #expect(facts.gitops?.value == GitOpsTool.none)
    }

    @Test("timestamps are normalised to UTC")
    func timestamps() {
        let (facts, _) = read("certificateSecret:\n  notAfter: 2034-11-02T12:00:00.5+02:00\n")
        #expect(facts.certificateNotAfter?.value == "2034-11-02T10:00:00Z")
    }

    @Test("contradictions are warnings at the fact that contradicts")
    func contradictions() {
        let (_, diagnostics) = read(
            "certManager:\n  installed: false\n  issuer: {name: corp-ca, kind: ClusterIssuer}\n")
        #expect(diagnostics.map(\.id) == ["facts.contradiction"])
        #expect(diagnostics.first?.location == SourceLocation(file: "facts.yaml", line: 3, column: 11))
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test("bad YAML, several documents and an empty file")
    func badFiles() {
        let broken = read("kubernetes:\n  version: [1.28\n")
        #expect(broken.diagnostics.map(\.id) == ["facts.invalid-yaml"])
        #expect(broken.diagnostics.first?.location?.line == 3)
        let several = read("gitops: none\n---\ngitops: flux\n")
        #expect(several.diagnostics.map(\.id) == ["facts.several-documents"])
        #expect(several.diagnostics.first?.location?.line == 2)
        let empty = read("# nothing yet\n")
        #expect(empty.diagnostics.map(\.id) == ["facts.empty"])
        #expect(empty.diagnostics.first?.severity == .warning)
        let duplicate = read("gitops: none\ngitops: flux\n")
        #expect(duplicate.facts.gitops?.value == .flux)
        #expect(duplicate.diagnostics.map(\.id) == ["facts.duplicate-key"])
    }

    @Test("the provider is derived from a version suffix when not given")
    func derivedProvider() {
        let (facts, _) = read("kubernetes:\n  version: v1.30.5-gke.1014001\n")
        #expect(facts.effectiveProvider?.value == .gke)
        let overridden = facts.overridden(
            by: {
                var f = ClusterFacts(); f.provider = Fact(.other, from: .flag("--provider")); return f
            }())
        #expect(overridden.effectiveProvider?.value == .other)
        #expect(overridden.kubernetesVersion == facts.kubernetesVersion)
    }

    @Test("text with two dots or more is never a float to the resolver, so versions skip its number parsing")
    func twoDotsAreNoFloat() {
        let texts = [
            "1.28.9", "2.20.1", "0.0.0", "1.2.3e5", "1.2.3E-5", "+1.2.3", "-1.2.3", ".1.2", "1..2", "1.2.", "..",
            "0x1.2.3p1", "1_0.2.3", ".inf.", ".nan.1", "1.28.9-eks-036c24b", "v1.28.9",
        ]
        for text in texts {
            #expect(!FactsFileReader.mayReadAsFloat(text), "\(text)")
            if case .float = HelmScalarResolver.resolve(text, style: .plain, tag: nil) {
                Issue.record("\(text) reads as a float")
            }
        }
        for text in ["1.28", "1.0", ".5", "1e3", ".inf", "2", "v1"] {
            #expect(FactsFileReader.mayReadAsFloat(text), "\(text)")
        }
    }

    @Test("a version written as a plain float is read by its text, with a warning; a full version is not")
    func versionAsNumber() {
        let read = FactsFileReader().read(
            bytes: Array("kubernetes:\n  version: 1.30\nkeda:\n  version: 2.16.1\n  chartVersion: '2.16'\n".utf8),
            fileName: "facts.yaml")
        #expect(read.diagnostics.map(\.id) == ["facts.version-as-number"])
        #expect(read.diagnostics.first?.location == SourceLocation(file: "facts.yaml", line: 2, column: 12))
        #expect(read.facts.kubernetesVersion?.value == SemanticVersion(1, 30))
        #expect(read.facts.kedaVersion?.value.description == "2.16.1")
    }
}
