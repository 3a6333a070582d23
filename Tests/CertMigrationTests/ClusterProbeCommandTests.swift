import Foundation
import Testing

@testable import CertMigration

@Suite("ClusterProbe: the commands --from-cluster runs, and what their results mean")
struct ClusterProbeCommandTests {
    @Test("every query's commands, with --context on each (helm: --kube-context) and KEDA's namespace")
    func commands() {
        let lines = ClusterQuery.allCases.flatMap { $0.commands(context: "prod-eu", namespace: "keda-system") }
            .map(\.description)
        #expect(
            lines == [
                "kubectl version -o json --context prod-eu",
                "helm list -A -o json --kube-context prod-eu",
                "kubectl get crd certificates.cert-manager.io -o json --ignore-not-found --context prod-eu",
                "kubectl get deployment -n keda-system keda-operator -o json --ignore-not-found --context prod-eu",
                "kubectl get secret -n keda-system kedaorg-certs -o json --ignore-not-found --context prod-eu",
                "kubectl get applications.argoproj.io -A -o name --context prod-eu",
                "kubectl get helmreleases.helm.toolkit.fluxcd.io -A -o name --context prod-eu",
                "kubectl get apiservice v1beta1.external.metrics.k8s.io -o json --ignore-not-found --context prod-eu",
                "kubectl get deployment -n cert-manager cert-manager -o json --ignore-not-found --context prod-eu",
            ])
        #expect(
            ClusterQuery.kubernetesVersion.commands(context: nil, namespace: "keda")[0].arguments == [
                "version", "-o", "json",
            ])
    }

    @Test("a context that a shell would split is one argument, shown quoted")
    func quoting() {
        let command = ClusterQuery.kubernetesVersion.commands(context: "a b; rm -rf ~ 'x'", namespace: "keda")[0]
        #expect(command.arguments == ["version", "-o", "json", "--context", "a b; rm -rf ~ 'x'"])
        #expect(command.description == #"kubectl version -o json --context 'a b; rm -rf ~ '\''x'\'''"#)
    }

    static func result(_ status: Int32, stderr: String, stdout: String = "") -> CommandResult {
        CommandResult(
            command: ClusterCommand(tool: "kubectl", arguments: ["get", "crd", "-o", "json"]), status: status,
            stdout: Array(stdout.utf8), stderr: Array(stderr.utf8))
    }

    @Test("an unreachable server is a failure naming the command and kubectl's own sentence, not its klog lines")
    func unreachable() {
        let stderr = """
            E1125 17:55:02.014470   28515 memcache.go:381] "Couldn't get current server API group list" err="Get \\"https://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"
            The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?

            """
        guard case .failed(let diagnostic) = Self.result(1, stderr: stderr).meaning else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            diagnostic.description == """
                kubectl: error: `kubectl get crd -o json` failed (exit status 1): The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?
                  fix: check that the cluster is reachable and the context is right (`kubectl config current-context`, --context NAME), or capture the outputs and use --captured
                """)
    }

    @Test("a refused read (RBAC) and an absent resource type are not failures")
    func refusedAndAbsent() {
        let forbidden = Self.result(
            1,
            stderr:
                #"Error from server (Forbidden): secrets "kedaorg-certs" is forbidden: User "dev" cannot get resource "secrets" in API group "" in the namespace "keda""#
                + "\n")
        guard case .forbidden(let message) = forbidden.meaning else {
            Issue.record("expected forbidden")
            return
        }
        #expect(message.hasPrefix("Error from server (Forbidden): secrets \"kedaorg-certs\" is forbidden"))
        let absent = Self.result(1, stderr: "error: the server doesn't have a resource type \"applications\"\n")
        guard case .resourceTypeAbsent = absent.meaning else {
            Issue.record("expected an absent resource type")
            return
        }
        guard case .answered(let bytes) = Self.result(0, stderr: "", stdout: "{}").meaning else {
            Issue.record("expected an answer")
            return
        }
        #expect(bytes == Array("{}".utf8))
    }

    /// Answers each command from a table, recording the order in which they ran.
    final class RecordedCluster: @unchecked Sendable {
        var ran: [String] = []
        let answers: [String: CommandResult]
        let missingTools: Set<String>

        init(_ answers: [String: (Int32, String, String)], missingTools: Set<String> = []) {
            self.answers = answers.mapValues {
                CommandResult(
                    command: ClusterCommand(tool: "", arguments: []), status: $0.0, stdout: Array($0.1.utf8),
                    stderr: Array($0.2.utf8))
            }
            self.missingTools = missingTools
        }

        func run(_ command: ClusterCommand) throws(Diagnostic) -> CommandResult {
            ran.append(command.description)
            if missingTools.contains(command.tool) {
                throw Diagnostic(
                    id: "cluster.tool-missing", severity: .error,
                    message: "`\(command)` cannot run: \(command.tool) is not on PATH")
            }
            var result =
                answers[command.description] ?? CommandResult(command: command, status: 0, stdout: [], stderr: [])
            result.command = command
            return result
        }
    }

    @Test(
        "live: KEDA's namespace comes from the Helm release; an absent Argo CD is an empty answer; origins name commands"
    )
    func live() {
        let cluster = RecordedCluster([
            "kubectl version -o json": (0, #"{"serverVersion": {"gitVersion": "v1.28.9-eks-036c24b"}}"#, ""),
            "helm list -A -o json": (
                0, #"[{"name": "keda", "namespace": "autoscaling", "status": "deployed", "chart": "keda-2.16.1"}]"#, ""
            ),
            "kubectl get crd certificates.cert-manager.io -o json --ignore-not-found": (0, "", ""),
            "kubectl get applications.argoproj.io -A -o name": (
                1, "", "error: the server doesn't have a resource type \"applications\"\n"
            ),
            "kubectl get helmreleases.helm.toolkit.fluxcd.io -A -o name": (
                0, "helmrelease.helm.toolkit.fluxcd.io/keda\n", ""
            ),
            "kubectl get secret -n autoscaling kedaorg-certs -o json --ignore-not-found": (
                1, "",
                #"Error from server (Forbidden): secrets "kedaorg-certs" is forbidden: User "dev" cannot get resource "secrets""#
                    + "\n"
            ),
        ])
        let probed = ClusterProbe.readLive(context: nil, namespace: nil) { command throws(Diagnostic) in
            try cluster.run(command)
        }
        #expect(
            cluster.ran == [
                "kubectl version -o json", "helm list -A -o json",
                "kubectl get crd certificates.cert-manager.io -o json --ignore-not-found",
                "kubectl get deployment -n autoscaling keda-operator -o json --ignore-not-found",
                "kubectl get secret -n autoscaling kedaorg-certs -o json --ignore-not-found",
                "kubectl get applications.argoproj.io -A -o name",
                "kubectl get helmreleases.helm.toolkit.fluxcd.io -A -o name",
                "kubectl get apiservice v1beta1.external.metrics.k8s.io -o json --ignore-not-found",
                "kubectl get deployment -n cert-manager cert-manager -o json --ignore-not-found",
            ])
        #expect(probed.facts.gitops?.value == .flux)
        #expect(
            probed.facts.gitops?.origin
                == .command(
                    "kubectl get applications.argoproj.io -A -o name and kubectl get helmreleases.helm.toolkit.fluxcd.io -A -o name"
                ))
        #expect(probed.facts.namespace?.value == "autoscaling")
        #expect(probed.facts.certManagerInstalled?.value == false)
        #expect(probed.facts.certificateSecretExists == nil)
        #expect(
            probed.unknownReasons[.certificateSecretExists]
                == "`kubectl get secret -n autoscaling kedaorg-certs -o json --ignore-not-found` was refused (Forbidden)"
        )
        #expect(probed.diagnostics.map(\.id) == ["cluster.forbidden"])
        #expect(probed.diagnostics.map(\.severity) == [.warning])
    }

    @Test("live: a failing kubectl version stops everything with that one error")
    func liveStops() {
        let cluster = RecordedCluster([
            "kubectl version -o json --context gone": (
                1, #"{"clientVersion": {}}"#, "error: context \"gone\" does not exist\n"
            )
        ])
        let probed = ClusterProbe.readLive(context: "gone", namespace: "keda") { command throws(Diagnostic) in
            try cluster.run(command)
        }
        #expect(cluster.ran == ["kubectl version -o json --context gone"])
        #expect(
            probed.diagnostics.map(\.message) == [
                "`kubectl version -o json --context gone` failed (exit status 1): error: context \"gone\" does not exist"
            ])
        #expect(probed.facts == ClusterFacts())
    }

    @Test("live: helm missing from PATH is a warning; the chart version still comes from the operator's labels")
    func liveWithoutHelm() {
        let operatorJSON = """
            {"kind": "Deployment", "metadata": {"name": "keda-operator", "namespace": "kube-keda",
              "labels": {"helm.sh/chart": "keda-2.16.1", "app.kubernetes.io/managed-by": "Helm", "app.kubernetes.io/instance": "keda"}},
             "spec": {"template": {"spec": {"containers": [{"name": "keda-operator", "image": "ghcr.io/kedacore/keda:2.16.1"}]}}}}
            """
        let cluster = RecordedCluster(
            ["kubectl get deployment -n kube-keda keda-operator -o json --ignore-not-found": (0, operatorJSON, "")],
            missingTools: ["helm"])
        let probed = ClusterProbe.readLive(context: nil, namespace: "kube-keda") { command throws(Diagnostic) in
            try cluster.run(command)
        }
        #expect(probed.diagnostics.map(\.severity) == [.warning])
        #expect(probed.facts.chartVersion?.value.description == "2.16.1")
        #expect(probed.facts.releaseName?.value == "keda")
        #expect(probed.facts.kubernetesVersion == nil)
        #expect(probed.unknownReasons[.kubernetesVersion] == "`kubectl version -o json` is empty")
    }
}
