extension ClusterProbe {
    /// Runs every query's read-only commands through `run` and reads the answers, as `--from-cluster` does.
    ///
    /// `kubectl version` runs first: when it fails (no kubectl, an unreachable cluster, a wrong context) nothing
    /// else runs and the result holds that one error. `helm list` runs next; KEDA's namespace for the commands that
    /// need one is `namespace` when given, else the KEDA release's, else `keda`. A command the cluster refuses
    /// (RBAC `Forbidden`) leaves its facts unknown with a warning; a resource type the cluster lacks (no Argo CD, no
    /// Flux) is an empty answer; helm missing from PATH is a warning (its facts may still come from the operator's
    /// labels); any other failure is an error naming the command, and stops.
    ///
    /// - Parameter run: runs one command and returns what it printed, or throws a diagnostic naming it (the tool
    ///   missing, a timeout). Its `id` `cluster.tool-missing` marks a tool that is not on PATH.
    public static func readLive(
        context: String?, namespace: String?, run: (ClusterCommand) throws(Diagnostic) -> CommandResult
    ) -> ProbedFacts {
        var answers: [ClusterQuery: ClusterAnswer] = [:]
        var diagnostics: [Diagnostic] = []
        func ask(_ query: ClusterQuery, namespace: String) -> Bool {
            let commands = query.commands(context: context, namespace: namespace)
            var stdout: [UInt8] = []
            var refusal: String?
            for command in commands {
                let result: CommandResult
                do {
                    result = try run(command)
                } catch {
                    if command.tool == "helm", error.id == "cluster.tool-missing" {
                        var warning = error
                        warning.severity = .warning
                        diagnostics.append(warning)
                        answers[query] = .unavailable("helm is not on PATH, so `\(command)` did not run")
                        return true
                    }
                    diagnostics.append(error)
                    return false
                }
                switch result.meaning {
                case .answered(let bytes): stdout += bytes
                case .resourceTypeAbsent: continue
                case .forbidden(let message):
                    diagnostics.append(
                        Diagnostic(
                            id: "cluster.forbidden", severity: .warning,
                            message: "`\(command)` was refused: \(message)",
                            location: SourceLocation(file: command.tool),
                            fix: "ask for read access to that resource, or capture its output where you have it"))
                    refusal = "`\(command)` was refused (Forbidden)"
                case .failed(let diagnostic):
                    diagnostics.append(diagnostic)
                    return false
                }
            }
            answers[query] =
                refusal.map(ClusterAnswer.unavailable)
                ?? .output(
                    CapturedOutput(
                        commands: commands, bytes: stdout, format: query == .gitOpsObjects ? .names : .json))
            return true
        }
        let fallback = namespace ?? "keda"
        guard ask(.kubernetesVersion, namespace: fallback), ask(.helmReleases, namespace: fallback) else {
            var failed = ProbedFacts()
            failed.diagnostics = diagnostics
            return failed
        }
        let kedaNamespace =
            namespace ?? read(answers.filter { $0.key == .helmReleases }).facts.namespace?.value ?? fallback
        for query in ClusterQuery.allCases where answers[query] == nil {
            guard ask(query, namespace: kedaNamespace) else {
                var failed = ProbedFacts()
                failed.diagnostics = diagnostics
                return failed
            }
        }
        var probed = read(answers, namespace: namespace)
        probed.diagnostics = diagnostics + probed.diagnostics
        return probed
    }
}
