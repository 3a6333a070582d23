import Foundation
import Testing
import YAMLKit

@testable import CertMigration

/// Loads the captured outputs under `Fixtures/captured/<name>/` as the `facts --captured` command does, each file
/// named `captured/<name>/<file>`.
enum CapturedFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/captured")

    static let names = [
        "aks-partial", "eks-argocd-rotation", "gke-flux-cert-manager", "list-output", "unreachable-malformed",
    ]

    static func answers(_ name: String) -> [ClusterQuery: ClusterAnswer] {
        var answers: [ClusterQuery: ClusterAnswer] = [:]
        for query in ClusterQuery.allCases {
            let file = query.capturedFileNames.first {
                FileManager.default.fileExists(atPath: root.appendingPathComponent("\(name)/\($0)").path)
            }
            guard let file else {
                answers[query] = .unavailable(
                    "\(query.capturedFileNames.joined(separator: " or ")) is not in captured/\(name)")
                continue
            }
            let bytes = [UInt8](
                FileManager.default.contents(atPath: root.appendingPathComponent("\(name)/\(file)").path)!)
            answers[query] = .output(
                CapturedOutput(
                    file: "captured/\(name)/\(file)", bytes: bytes, format: file.hasSuffix(".txt") ? .names : .json))
        }
        return answers
    }

    static func probe(_ name: String, namespace: String? = nil) -> ProbedFacts {
        ClusterProbe.read(answers(name), namespace: namespace)
    }

    static func yaml(_ probed: ProbedFacts, _ name: String) throws -> String {
        String(
            decoding: try FactsWriter().write(probed, source: "the captured outputs in captured/\(name)"), as: UTF8.self
        )
    }
}

/// Every fact's value as text (versions with their suffix), so facts with different origins compare by value.
func factValues(_ facts: ClusterFacts) -> [String: String] {
    var values: [String: String] = [:]
    func put<V>(_ key: FactKey, _ fact: Fact<V>?) { if let fact { values[key.rawValue] = "\(fact.value)" } }
    put(.kubernetesVersion, facts.kubernetesVersion)
    put(.provider, facts.provider)
    put(.kedaVersion, facts.kedaVersion)
    put(.chartVersion, facts.chartVersion)
    put(.namespace, facts.namespace)
    put(.releaseName, facts.releaseName)
    put(.certManagerInstalled, facts.certManagerInstalled)
    put(.certManagerEvidence, facts.certManagerEvidence)
    put(.certManagerVersion, facts.certManagerVersion)
    put(.issuer, facts.issuer)
    put(.gitops, facts.gitops)
    put(.certificateSecretExists, facts.certificateSecretExists)
    put(.certificateNotAfter, facts.certificateNotAfter)
    put(.apiServiceAvailable, facts.apiServiceAvailable)
    put(.apiServiceInsecureSkipTLSVerify, facts.apiServiceInsecureSkipTLSVerify)
    return values
}

@Suite("ClusterProbe: captured outputs of real clusters into a facts file")
struct ClusterProbeFixtureTests {
    @Test("EKS 1.28 with KEDA 2.16.1 rotating, Argo CD, a failing APIService and cert-manager CRDs only")
    func eks() throws {
        let probed = CapturedFixtures.probe("eks-argocd-rotation")
        #expect(probed.diagnostics.isEmpty)
        #expect(probed.operatorCertRotation?.value == true)
        #expect(
            try CapturedFixtures.yaml(probed, "eks-argocd-rotation") == """
                # Cluster facts for keda-cert-migrate, read from the captured outputs in captured/eks-argocd-rotation.
                # The comment after each fact says where it came from. Check them, then pass this file with --facts.
                #
                # Unknown (add what you know):
                #   certManager.issuer: the tool does not look for issuers: name one the team runs under certManager.issuer, if any
                #
                # Also seen:
                #   the operator runs with --enable-cert-rotation=true: it generates and rotates its own certificates (captured/eks-argocd-rotation/keda-operator.json)
                #   the APIService is not Available (FailedDiscoveryCheck: failing or missing response from https://10.100.42.7:443/apis/external.metrics.k8s.io/v1beta1: Get "https://10.100.42.7:443/apis/external.metrics.k8s.io/v1beta1": remote error: tls: bad certificate) (captured/eks-argocd-rotation/apiservice.json)
                #   cert-manager's CRDs exist but no cert-manager Deployment in the namespace cert-manager (captured/eks-argocd-rotation/cert-manager.json); CRDs alone do not prove cert-manager runs (cert-manager/cert-manager#6721)
                kubernetes:
                  version: 1.28.9-eks-036c24b  # captured/eks-argocd-rotation/kubectl-version.json
                  provider: eks  # derived from the `-eks` suffix of v1.28.9-eks-036c24b in captured/eks-argocd-rotation/kubectl-version.json
                keda:
                  version: 2.16.1  # captured/eks-argocd-rotation/keda-operator.json
                  chartVersion: 2.16.1  # captured/eks-argocd-rotation/helm-list.json
                  namespace: keda  # captured/eks-argocd-rotation/helm-list.json
                  releaseName: keda  # captured/eks-argocd-rotation/helm-list.json
                certManager:
                  installed: true  # captured/eks-argocd-rotation/crds.json
                  detectedFrom: crds  # captured/eks-argocd-rotation/crds.json
                  version: 1.15.3  # captured/eks-argocd-rotation/crds.json
                gitops: argocd  # captured/eks-argocd-rotation/gitops.txt
                certificateSecret:
                  exists: true  # captured/eks-argocd-rotation/kedaorg-certs.json
                  notAfter: 2036-11-22T18:01:29Z  # captured/eks-argocd-rotation/kedaorg-certs.json
                apiService:
                  available: false  # captured/eks-argocd-rotation/apiservice.json
                  insecureSkipTLSVerify: false  # captured/eks-argocd-rotation/apiservice.json

                """)
    }

    @Test("AKS 1.29: no provider suffix, api-resources without cert-manager, an operator pinned by digest")
    func aks() throws {
        let probed = CapturedFixtures.probe("aks-partial")
        #expect(probed.diagnostics.isEmpty)
        #expect(probed.operatorCertRotation?.value == false)
        #expect(
            try CapturedFixtures.yaml(probed, "aks-partial") == """
                # Cluster facts for keda-cert-migrate, read from the captured outputs in captured/aks-partial.
                # The comment after each fact says where it came from. Check them, then pass this file with --facts.
                #
                # Unknown (add what you know):
                #   kubernetes.provider: the server version v1.29.7 names no provider (EKS prints -eks-, GKE -gke.; AKS and most others print none): set kubernetes.provider yourself
                #   keda.version: the operator's image (myregistry.azurecr.io/kedacore/keda@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08) carries no version tag, and no app.kubernetes.io/version label says it: set keda.version yourself
                #   keda.chartVersion: helm-list.json is not in captured/aks-partial
                #   keda.releaseName: helm-list.json is not in captured/aks-partial
                #   certManager.detectedFrom: cert-manager is not installed (its CRDs are absent: captured/aks-partial/api-resources.txt)
                #   certManager.version: cert-manager is not installed (its CRDs are absent: captured/aks-partial/api-resources.txt)
                #   certManager.issuer: the tool does not look for issuers: name one the team runs under certManager.issuer, if any
                #   certificateSecret.notAfter: the secret does not exist (captured/aks-partial/kedaorg-certs.json is empty)
                #
                # Also seen:
                #   the operator runs without --enable-cert-rotation (default false): it does not rotate its own certificates (captured/aks-partial/keda-operator.json)
                #   the keda-operator Deployment has no ready replica (captured/aks-partial/keda-operator.json)
                kubernetes:
                  version: 1.29.7  # captured/aks-partial/kubectl-version.json
                keda:
                  namespace: keda  # captured/aks-partial/keda-operator.json
                certManager:
                  installed: false  # captured/aks-partial/api-resources.txt
                gitops: none  # captured/aks-partial/gitops.txt
                certificateSecret:
                  exists: false  # captured/aks-partial/kedaorg-certs.json
                apiService:
                  available: true  # captured/aks-partial/apiservice.json
                  insecureSkipTLSVerify: true  # captured/aks-partial/apiservice.json

                """)
    }

    @Test("GKE 1.30 with Flux, a running cert-manager controller and a bundle whose first certificate ends in 2054")
    func gke() throws {
        let probed = CapturedFixtures.probe("gke-flux-cert-manager")
        #expect(probed.diagnostics.isEmpty)
        #expect(
            factValues(probed.facts) == [
                "kubernetes.version": "1.30.5-gke.1014001", "kubernetes.provider": "gke", "keda.version": "2.17.2",
                "keda.chartVersion": "2.17.2", "keda.namespace": "keda-system", "keda.releaseName": "keda-prod",
                "certManager.installed": "true", "certManager.detectedFrom": "controller",
                "certManager.version": "1.15.3", "gitops": "flux", "certificateSecret.exists": "true",
                "certificateSecret.notAfter": "2054-04-12T18:01:29Z", "apiService.available": "true",
                "apiService.insecureSkipTLSVerify": "false",
            ])
        #expect(
            probed.facts.certManagerEvidence?.origin
                == .file(SourceLocation(file: "captured/gke-flux-cert-manager/cert-manager.json")))
        #expect(
            probed.facts.provider?.origin
                == .derived(
                    "the `-gke` suffix of v1.30.5-gke.1014001 in captured/gke-flux-cert-manager/kubectl-version.json"))
        // `--enable-cert-rotation=false` then `=true`: pflag keeps the last.
        #expect(probed.operatorCertRotation?.value == true)
    }

    @Test("kubectl 1.31 with a List of Deployments: chart version and release name from the operator's labels")
    func listOutput() {
        let probed = CapturedFixtures.probe("list-output")
        #expect(probed.diagnostics.isEmpty)
        let values = factValues(probed.facts)
        #expect(values["keda.version"] == "2.15.1")
        #expect(values["keda.chartVersion"] == "2.15.1")
        #expect(values["keda.releaseName"] == "keda")
        #expect(values["keda.namespace"] == "autoscaling")
        #expect(values["certificateSecret.exists"] == "true")
        #expect(values["certificateSecret.notAfter"] == nil)
        #expect(
            probed.unknownReasons[.certificateNotAfter]
                == "the secret has no tls.crt (captured/list-output/kedaorg-certs.json)")
        #expect(probed.operatorCertRotation?.value == true)
    }

    @Test("malformed JSON is an error at its line and column; a version output without a server leaves it unknown")
    func malformed() {
        let probed = CapturedFixtures.probe("unreachable-malformed")
        #expect(
            probed.diagnostics.map(\.description) == [
                """
                captured/unreachable-malformed/crds.json:7:13: error: this is not valid JSON
                  fix: capture it again with the command the README lists for this file (its `-o json` output unchanged)
                """
            ])
        #expect(probed.diagnostics.first?.id == "captured.malformed-json")
        #expect(probed.facts.kubernetesVersion == nil)
        #expect(
            probed.unknownReasons[.kubernetesVersion]
                == "captured/unreachable-malformed/kubectl-version.json has no serverVersion (kubectl printed only its own version: the server was not reached)"
        )
    }

    @Test(
        "the printed YAML reads back through FactsFileReader to the same facts, with no diagnostic",
        arguments: CapturedFixtures.names)
    func yamlRoundTrip(name: String) throws {
        let probed = CapturedFixtures.probe(name)
        let bytes = try FactsWriter(format: .yaml).write(probed, source: name)
        let (read, diagnostics) = FactsFileReader().read(bytes: bytes, fileName: "facts.yaml")
        #expect(diagnostics.isEmpty)
        #expect(factValues(read) == factValues(probed.facts))
    }

    @Test("the printed JSON reads back to the same facts", arguments: CapturedFixtures.names)
    func jsonRoundTrip(name: String) throws {
        let probed = CapturedFixtures.probe(name)
        let bytes = try FactsWriter(format: .json).write(probed, source: name)
        #expect(bytes.first == UInt8(ascii: "{"))
        let (read, diagnostics) = FactsFileReader().read(bytes: bytes, fileName: "facts.json")
        #expect(diagnostics.isEmpty)
        #expect(factValues(read) == factValues(probed.facts))
    }

    @Test(
        "no byte of the secret's data other than the certificate's expiry reaches the output",
        arguments: CapturedFixtures.names)
    func noKeyMaterial(name: String) throws {
        let probed = CapturedFixtures.probe(name)
        for format in FactsWriter.Format.allCases {
            let text =
                String(decoding: try FactsWriter(format: format).write(probed, source: name), as: UTF8.self)
                + FactsWriter(format: format).notes(probed).joined()
            #expect(!text.contains("PRIVATE KEY"))
            #expect(!text.contains("BEGIN CERTIFICATE"))
            #expect(!text.contains("not a key"))
            #expect(!text.contains("Zml4dHVyZTog"))  // base64 of the fixture's tls.key
        }
    }

    @Test("a fact set by hand (an issuer) is written as a mapping and reads back")
    func issuerRoundTrip() throws {
        var probed = CapturedFixtures.probe("gke-flux-cert-manager")
        probed.facts.issuer = Fact(IssuerReference(name: "corp-ca", kind: .clusterIssuer), from: .flag("test"))
        let text = String(decoding: try FactsWriter().write(probed, source: "test"), as: UTF8.self)
        #expect(
            text.contains(
                """
                  issuer:  # test
                    name: corp-ca
                    kind: ClusterIssuer
                    group: cert-manager.io
                """))
        let (read, diagnostics) = FactsFileReader().read(bytes: Array(text.utf8), fileName: "facts.yaml")
        #expect(diagnostics.isEmpty)
        #expect(read.issuer?.value == IssuerReference(name: "corp-ca", kind: .clusterIssuer))
    }

    @Test("with nothing known, the YAML is an empty mapping under a header listing every fact")
    func nothingKnown() throws {
        let probed = ClusterProbe.read([:])
        let text = String(decoding: try FactsWriter().write(probed, source: "nothing"), as: UTF8.self)
        #expect(text.hasSuffix("#   apiService.insecureSkipTLSVerify: not asked\n{}\n"))
        #expect(text.components(separatedBy: ": not asked").count - 1 == FactKey.allCases.count - 1)
        let (read, diagnostics) = FactsFileReader().read(bytes: Array(text.utf8), fileName: "facts.yaml")
        #expect(diagnostics.isEmpty)
        #expect(factValues(read).isEmpty)
    }
}
