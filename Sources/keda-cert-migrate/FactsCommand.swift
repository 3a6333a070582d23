import ArgumentParser
import CertMigration
import Foundation

extension FactsWriter.Format: NamedCaseArgument {}

/// The options that read facts from the cluster itself, shared by `facts`, `plan`, `check` and `generate`.
struct ClusterOptions: ParsableArguments {
    @Flag(
        name: .customLong("from-cluster"),
        help: "Read the facts from the cluster with read-only kubectl and helm commands from PATH.")
    var fromCluster = false

    @Option(
        name: .customLong("context"),
        help: ArgumentHelp("The kubeconfig context to use (kubectl --context, helm --kube-context).", valueName: "name")
    )
    var context: String?

    @Option(
        name: .customLong("namespace"),
        help: ArgumentHelp(
            "KEDA's namespace (default: the KEDA Helm release's namespace, else keda).", valueName: "namespace"))
    var namespace: String?

    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp("How long each command may run, in seconds.", valueName: "seconds"))
    var timeout: Double = 30

    /// Refuses `--context` without `--from-cluster`, and a timeout that is not a positive number.
    func validate() throws {
        if context != nil, !fromCluster { throw ValidationError("--context needs --from-cluster") }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds")
        }
    }

    /// The facts the cluster gives, with the diagnostics of reading them.
    func probe(environment: [String: String] = ProcessInfo.processInfo.environment) -> ProbedFacts {
        let runner = ClusterCommandRunner(timeout: timeout, environment: environment)
        return ClusterProbe.readLive(context: context, namespace: namespace) { command throws(Diagnostic) in
            try runner.run(command)
        }
    }

    /// What the facts were read from, for a facts file's header.
    var sourceDescription: String {
        "the cluster" + (context.map { " (context \($0))" } ?? " (the current context)")
    }
}

/// Reads the captured outputs a bot stored in a folder, by ``ClusterQuery/capturedFileNames``.
struct CapturedFolder {
    /// The folder, as the user named it.
    var path: String

    /// Every query's answer: a file's contents, or why it is unavailable; and the problems met reading them.
    /// Files up to 256 MB are read: `kubectl get crd -o json` on a cluster with hundreds of CRDs runs to tens of MB.
    func answers(files: InputFiles = InputFiles(maximumBytes: 256 << 20)) -> (
        answers: [ClusterQuery: ClusterAnswer], problems: [Diagnostic]
    ) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (
                [:],
                [
                    Diagnostic(
                        id: "input.unreadable", severity: .error, message: "no such folder",
                        location: SourceLocation(file: path), fix: "name the folder that holds the captured outputs")
                ]
            )
        }
        var answers: [ClusterQuery: ClusterAnswer] = [:]
        var problems: [Diagnostic] = []
        for query in ClusterQuery.allCases {
            let names = query.capturedFileNames
            guard
                let name = names.first(where: {
                    FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent($0))
                })
            else {
                answers[query] = .unavailable(
                    "\(names.joined(separator: " or ")) is not in \(path)")
                continue
            }
            let file = (path as NSString).appendingPathComponent(name)
            switch files.read(file) {
            case .success(let bytes):
                answers[query] = .output(
                    CapturedOutput(file: file, bytes: bytes, format: name.hasSuffix(".txt") ? .names : .json))
            case .failure(let problem):
                problems.append(problem)
            }
        }
        if problems.isEmpty, !answers.values.contains(where: { if case .output = $0 { true } else { false } }) {
            problems.append(
                Diagnostic(
                    id: "captured.empty-folder", severity: .error,
                    message: "the folder holds none of the captured outputs",
                    location: SourceLocation(file: path),
                    fix: "capture them as the README's \"Facts from the cluster\" shows: "
                        + ClusterQuery.allCases.map { $0.capturedFileNames[0] }.joined(separator: ", ")))
        }
        return (answers, problems)
    }
}

extension KedaCertMigrate {
    /// `facts`: a facts file assembled from the cluster or from captured command outputs.
    struct Facts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "facts",  // named, not derived from the type: saves a runtime type lookup at start
            abstract: "Print a facts file read from the cluster, or from captured kubectl and helm outputs.",
            discussion: """
                With --captured DIR, reads kubectl-version.json, crds.json (or api-resources.txt), \
                keda-operator.json, helm-list.json, kedaorg-certs.json, gitops.txt, apiservice.json and \
                cert-manager.json from DIR; any may be missing, and its facts stay unknown. With --from-cluster, \
                runs the same read-only commands itself. Each fact's comment says where it came from; the header \
                lists what is unknown and why. Problems go to stderr. Exit codes: 0 printed; 1 an output could not \
                be read or a command failed.
                """)

        @Option(
            name: .customLong("captured"), help: ArgumentHelp("A folder of captured command outputs.", valueName: "dir")
        )
        var captured: String?

        @OptionGroup var cluster: ClusterOptions

        @Option(
            name: [.customLong("format"), .customLong("output")],
            help: "Output format: yaml or json (--output is the same option, as on the other commands).")
        var format: FactsWriter.Format = .yaml

        func validate() throws {
            if (captured != nil) == cluster.fromCluster {
                throw ValidationError("give either --captured DIR or --from-cluster")
            }
        }

        func run() throws {
            let probed: ProbedFacts
            let source: String
            if let captured {
                let (answers, problems) = CapturedFolder(path: captured).answers()
                guard problems.isEmpty else {
                    Terminal.printErrors(problems)
                    throw ExitCode(1)
                }
                probed = ClusterProbe.read(answers, namespace: cluster.namespace)
                source = "the captured outputs in \(captured)"
            } else {
                probed = cluster.probe()
                source = cluster.sourceDescription
            }
            Terminal.printErrors(probed.diagnostics)
            guard !probed.diagnostics.hasErrors else { throw ExitCode(1) }
            let writer = FactsWriter(format: format)
            let bytes: [UInt8]
            do {
                bytes = try writer.write(probed, source: source)
            } catch {
                Terminal.printErrors([error])
                throw ExitCode(1)
            }
            if format == .json {
                FileHandle.standardError.write(Data(writer.notes(probed).map { "note: \($0)\n" }.joined().utf8))
            }
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
