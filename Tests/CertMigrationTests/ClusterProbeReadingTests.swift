import Foundation
import Testing

@testable import CertMigration

/// One query answered by a text, read alone.
private func probe(_ query: ClusterQuery, _ text: String, file: String? = nil, namespace: String? = nil)
    -> ProbedFacts
{
    let name = file ?? query.capturedFileNames[0]
    let output = CapturedOutput(file: name, bytes: Array(text.utf8), format: name.hasSuffix(".txt") ? .names : .json)
    return ClusterProbe.read([query: .output(output)], namespace: namespace)
}

/// A `kubectl get deployment -o json` of the operator with these args and this image.
private func operatorDeployment(args: [String], image: String = "ghcr.io/kedacore/keda:2.16.1") -> String {
    let list = args.map { "\"\($0)\"" }.joined(separator: ", ")
    return """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "keda-operator", "namespace": "keda"},
         "spec": {"template": {"spec": {"containers": [
            {"name": "keda-operator", "image": "\(image)", "command": ["/keda"], "args": [\(list)]}]}}},
         "status": {"replicas": 1, "readyReplicas": 1}}
        """
}

@Suite("ClusterProbe: each captured output, read alone")
struct ClusterProbeReadingTests {
    @Test(
        "kubectl version: the server's gitVersion, and the provider only when its suffix names one",
        arguments: [
            ("v1.28.9-eks-036c24b", "1.28.9-eks-036c24b", KubernetesProvider.eks as KubernetesProvider?),
            ("v1.30.5-gke.1014001", "1.30.5-gke.1014001", .gke),
            ("v1.29.7", "1.29.7", nil),
            ("v1.26.15+k3s1", "1.26.15-k3s1", nil),
            ("v1.27.16-eks-a18cd3a", "1.27.16-eks-a18cd3a", .eks),
        ])
    func kubernetesVersion(gitVersion: String, written: String, provider: KubernetesProvider?) {
        let probed = probe(
            .kubernetesVersion,
            """
            {"clientVersion": {"major": "1", "minor": "31", "gitVersion": "v1.31.1"}, "kustomizeVersion": "v5.4.2",
             "serverVersion": {"major": "1", "minor": "28+", "gitVersion": "\(gitVersion)", "platform": "linux/amd64"}}
            """)
        #expect(probed.diagnostics.isEmpty)
        #expect(probed.facts.kubernetesVersion?.value.description == written)
        #expect(probed.facts.kubernetesVersion?.origin == .file(SourceLocation(file: "kubectl-version.json")))
        #expect(probed.facts.provider?.value == provider)
        #expect((probed.unknownReasons[.provider] == nil) == (provider != nil))
    }

    @Test(
        "the operator's --enable-cert-rotation: the last occurrence wins, the bare flag is true, absent is false",
        arguments: [
            (["--leader-elect", "--enable-cert-rotation=true"], true as Bool?),
            (["--enable-cert-rotation=true", "--enable-cert-rotation=false"], false),
            (["--enable-cert-rotation"], true),
            (["--enable-cert-rotation=T"], true),
            (["--enable-cert-rotation=0"], false),
            (["--leader-elect"], false),
            (["--enable-cert-rotation=yes"], nil),
        ])
    func certRotation(args: [String], expected: Bool?) {
        let probed = probe(.kedaOperator, operatorDeployment(args: args))
        #expect(probed.diagnostics.isEmpty)
        #expect(probed.operatorCertRotation?.value == expected)
        if expected == nil {
            #expect(
                probed.remarks.contains {
                    $0.contains("`--enable-cert-rotation=yes`, which Go's strconv.ParseBool refuses")
                })
        }
    }

    @Test(
        "the operator's image tag gives KEDA's version; a registry port or a digest does not confuse it",
        arguments: [
            ("ghcr.io/kedacore/keda:2.16.1", "2.16.1" as String?),
            ("registry.local:5000/kedacore/keda:2.15.0", "2.15.0"),
            ("ghcr.io/kedacore/keda:2.17.2@sha256:0123456789abcdef", "2.17.2"),
            ("registry.local:5000/kedacore/keda@sha256:0123456789abcdef", nil),
            ("ghcr.io/kedacore/keda:main", nil),
            ("keda", nil),
        ])
    func kedaVersion(image: String, version: String?) {
        let probed = probe(.kedaOperator, operatorDeployment(args: [], image: image))
        #expect(probed.facts.kedaVersion?.value.description == version)
        #expect((probed.unknownReasons[.kedaVersion] != nil) == (version == nil))
    }

    @Test("ContainerImage splits repository, tag and digest")
    func containerImage() {
        let image = ContainerImage("registry.local:5000/a/b:1.2.3@sha256:ff")
        #expect(image.repository == "registry.local:5000/a/b")
        #expect(image.tag == "1.2.3")
        #expect(image.digest == "sha256:ff")
        #expect(ContainerImage("registry.local:5000/a/b").tag == nil)
    }

    @Test("an operator with another certificate secret is remarked on")
    func otherSecretName() {
        let probed = probe(.kedaOperator, operatorDeployment(args: ["--cert-secret-name=my-certs"]))
        #expect(
            probed.remarks.contains(
                "the operator keeps its certificates in the secret my-certs, not kedaorg-certs (keda-operator.json)"))
    }

    @Test("an empty keda-operator.json (kubectl --ignore-not-found) says no operator was found")
    func operatorAbsent() {
        let probed = probe(.kedaOperator, "\n")
        #expect(probed.facts.kedaVersion == nil)
        #expect(
            probed.unknownReasons[.kedaVersion] == "keda-operator.json is empty: no keda-operator Deployment was found")
    }

    static let releases = """
        [{"name": "keda", "namespace": "keda", "revision": "3", "status": "deployed", "chart": "keda-2.16.1",
          "app_version": "2.16.1"},
         {"name": "keda-staging", "namespace": "keda-staging", "revision": "1", "status": "failed",
          "chart": "keda-2.17.0-rc.1", "app_version": "2.17.0-rc.1"},
         {"name": "http", "namespace": "keda", "revision": "1", "status": "deployed",
          "chart": "keda-add-ons-http-0.8.0", "app_version": "0.8.0"}]
        """

    @Test("helm list: the deployed KEDA release, or the one in --namespace; add-on charts are not KEDA's")
    func helmReleases() {
        let chosen = probe(.helmReleases, Self.releases)
        #expect(chosen.facts.chartVersion?.value.description == "2.16.1")
        #expect(chosen.facts.releaseName?.value == "keda")
        #expect(chosen.facts.namespace?.value == "keda")
        let staging = probe(.helmReleases, Self.releases, namespace: "keda-staging")
        #expect(staging.facts.chartVersion?.value.description == "2.17.0-rc.1")
        #expect(staging.facts.releaseName?.value == "keda-staging")
        #expect(
            staging.remarks == ["the Helm release keda-staging/keda-staging is `failed`, not deployed (helm-list.json)"]
        )
        let none = probe(.helmReleases, "[]")
        #expect(none.facts.chartVersion == nil)
        #expect(
            none.unknownReasons[.chartVersion]?.hasPrefix("helm-list.json lists no release of the keda chart") == true)
    }

    @Test("helm list with two deployed KEDA releases and no --namespace leaves them unknown, naming both")
    func helmAmbiguous() {
        let two = """
            [{"name": "a", "namespace": "one", "status": "deployed", "chart": "keda-2.16.1"},
             {"name": "b", "namespace": "two", "status": "deployed", "chart": "keda-2.15.0"}]
            """
        let probed = probe(.helmReleases, two)
        #expect(probed.facts.chartVersion == nil)
        #expect(
            probed.unknownReasons[.chartVersion]
                == "helm-list.json lists several KEDA releases (one/a, two/b): choose one with --namespace")
    }

    @Test(
        "gitops.txt: Applications mean argocd, HelmReleases flux, nothing none; both decide by a keda name",
        arguments: [
            ("", GitOpsTool.none as GitOpsTool?),
            ("application.argoproj.io/keda\n", .argocd),
            ("helmrelease.helm.toolkit.fluxcd.io/keda\n", .flux),
            ("application.argoproj.io/web\nhelmrelease.helm.toolkit.fluxcd.io/keda\n", .flux),
            ("application.argoproj.io/web\nhelmrelease.helm.toolkit.fluxcd.io/podinfo\n", nil),
        ])
    func gitops(text: String, tool: GitOpsTool?) {
        let probed = probe(.gitOpsObjects, text)
        #expect(probed.facts.gitops?.value == tool)
        #expect(probed.facts.gitops?.origin.description ?? "gitops.txt" == "gitops.txt")
    }

    @Test("APIService: Available False with its reason remarked; insecureSkipTLSVerify absent means false")
    func apiService() {
        let probed = probe(
            .apiService,
            """
            {"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService",
             "metadata": {"name": "v1beta1.external.metrics.k8s.io"},
             "spec": {"group": "external.metrics.k8s.io", "version": "v1beta1"},
             "status": {"conditions": [{"type": "Available", "status": "False", "reason": "FailedDiscoveryCheck",
                                        "message": "failing or missing response\\nfrom the service"}]}}
            """)
        #expect(probed.facts.apiServiceAvailable?.value == false)
        #expect(probed.facts.apiServiceInsecureSkipTLSVerify?.value == false)
        #expect(
            probed.remarks == [
                "the APIService is not Available (FailedDiscoveryCheck: failing or missing response\nfrom the service) (apiservice.json)"
            ])
        #expect(
            FactsWriter().notes(probed).last
                == "the APIService is not Available (FailedDiscoveryCheck: failing or missing response from the service) (apiservice.json)"
        )
    }

    @Test("cert-manager: a running controller beats CRDs; CRDs alone are weak evidence; neither means not installed")
    func certManager() {
        let crds = CapturedOutput(
            file: "api-resources.txt", bytes: Array("certificates.cert-manager.io\nissuers.cert-manager.io\n".utf8),
            format: .names)
        let noCRDs = CapturedOutput(file: "api-resources.txt", bytes: Array("pods\n".utf8), format: .names)
        let absent = CapturedOutput(file: "cert-manager.json", bytes: [])
        let running = CapturedOutput(
            file: "cert-manager.json",
            bytes: Array(
                """
                {"kind": "Deployment", "metadata": {"name": "cert-manager", "namespace": "cert-manager"},
                 "spec": {"template": {"spec": {"containers": [{"name": "cert-manager-controller",
                   "image": "quay.io/jetstack/cert-manager-controller:v1.16.2"}]}}},
                 "status": {"replicas": 1, "readyReplicas": 1}}
                """.utf8))
        let both = ClusterProbe.read([
            .customResourceDefinitions: .output(crds), .certManagerController: .output(running),
        ])
        #expect(both.facts.certManagerEvidence?.value == .controller)
        #expect(both.facts.certManagerVersion?.value.description == "1.16.2")
        #expect(both.facts.certManagerInstalled?.origin.description == "cert-manager.json")
        let crdsOnly = ClusterProbe.read([
            .customResourceDefinitions: .output(crds), .certManagerController: .output(absent),
        ])
        #expect(crdsOnly.facts.certManagerInstalled?.value == true)
        #expect(crdsOnly.facts.certManagerEvidence?.value == .crds)
        #expect(crdsOnly.remarks.contains { $0.contains("cert-manager/cert-manager#6721") })
        let neither = ClusterProbe.read([
            .customResourceDefinitions: .output(noCRDs), .certManagerController: .output(absent),
        ])
        #expect(neither.facts.certManagerInstalled?.value == false)
        #expect(neither.facts.certManagerInstalled?.origin.description == "api-resources.txt")
        #expect(
            neither.unknownReasons[.certManagerEvidence]
                == "cert-manager is not installed (its CRDs are absent: api-resources.txt)")
    }

    @Test("crds.json: the whole list, the one CRD, or empty (`--ignore-not-found`: it does not exist)")
    func customResourceDefinitions() {
        let one = """
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
             "metadata": {"name": "certificates.cert-manager.io", "labels": {"app.kubernetes.io/version": "v1.14.5"}},
             "spec": {"group": "cert-manager.io"}}
            """
        let single = probe(.customResourceDefinitions, one)
        #expect(single.facts.certManagerInstalled?.value == true)
        #expect(single.facts.certManagerEvidence?.value == .crds)
        #expect(single.facts.certManagerVersion?.value.description == "1.14.5")
        let list = probe(.customResourceDefinitions, #"{"apiVersion": "v1", "kind": "List", "items": [\#(one)]}"#)
        #expect(list.facts.certManagerVersion?.value.description == "1.14.5")
        let others = probe(
            .customResourceDefinitions,
            #"{"kind": "List", "items": [{"metadata": {"name": "scaledobjects.keda.sh"}}]}"#)
        #expect(others.facts.certManagerInstalled?.value == false)
        let empty = probe(.customResourceDefinitions, "")
        #expect(empty.facts.certManagerInstalled?.value == false)
        #expect(empty.facts.certManagerInstalled?.origin.description == "crds.json")
        #expect(empty.diagnostics.isEmpty)
    }

    @Test("JSON of an unexpected shape is an error naming the field")
    func unexpectedShape() {
        let probed = probe(.helmReleases, #"{"releases": []}"#)
        #expect(
            probed.diagnostics.map(\.description) == [
                """
                helm-list.json: error: this does not look like the expected output: the top level expected a list
                  fix: capture it again with the command the README lists for this file (its `-o json` output unchanged)
                """
            ])
        let wrongField = probe(.apiService, #"{"kind": "APIService", "spec": {"insecureSkipTLSVerify": "yes"}}"#)
        #expect(
            wrongField.diagnostics.first?.message
                == "this does not look like the expected output: `spec.insecureSkipTLSVerify` expected true or false")
        #expect(
            wrongField.unknownReasons[.apiServiceAvailable] == "apiservice.json cannot be read (see the error above)")
    }

    @Test(
        "malformed JSON: the line and column of Foundation's offset",
        arguments: [
            ("{\"a\": 1,,}", 1, 9),
            ("[\n  1,\n  2\n", 4, 1),
            ("{\n  \"kind\": \"Secret\"\n  \"data\": {}\n}", 3, 3),
            ("{\"é\": x}", 1, 7),
        ])
    func malformed(text: String, line: Int, column: Int) {
        let probed = probe(.certificateSecret, text)
        #expect(probed.diagnostics.count == 1)
        #expect(
            probed.diagnostics.first?.location == SourceLocation(file: "kedaorg-certs.json", line: line, column: column)
        )
        #expect(probed.diagnostics.first?.id == "captured.malformed-json")
    }

    @Test("an output from a command names the command: in errors and as the facts' origin")
    func commandOrigin() {
        let command = ClusterQuery.kubernetesVersion.commands(context: "prod", namespace: "keda")
        let output = CapturedOutput(
            commands: command, bytes: Array("{\"serverVersion\": {\"gitVersion\": \"v1.29.7\"}}".utf8))
        let probed = ClusterProbe.read([.kubernetesVersion: .output(output)])
        #expect(
            probed.facts.kubernetesVersion?.origin == .command("kubectl version -o json --context prod"))
        let broken = CapturedOutput(commands: command, bytes: Array("{".utf8))
        #expect(
            ClusterProbe.read([.kubernetesVersion: .output(broken)]).diagnostics.first?.message
                == "`kubectl version -o json --context prod` is not valid JSON (Unexpected end of file during JSON parse.)"
        )
    }
}
