/// What a finished ``ClusterCommand`` gave: its exit status and both output streams.
public struct CommandResult: Sendable {
    /// The command that ran.
    public var command: ClusterCommand
    /// Its exit status.
    public var status: Int32
    /// What it printed on stdout (may hold secret data: never shown).
    public var stdout: [UInt8]
    /// What it printed on stderr.
    public var stderr: [UInt8]

    /// Creates a result.
    public init(command: ClusterCommand, status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        self.command = command
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// What the result means for the facts.
    public enum Meaning: Sendable {
        /// The command answered (exit 0): its stdout.
        case answered([UInt8])
        /// The cluster does not know the resource type (`the server doesn't have a resource type`): an empty
        /// answer, as when no object of that type exists.
        case resourceTypeAbsent
        /// The cluster refused (RBAC `Forbidden`): the facts stay unknown, and a warning says why.
        case forbidden(String)
        /// Anything else: an error naming the command.
        case failed(Diagnostic)
    }

    /// Reads the exit status and stderr (never stdout, which may hold a secret) into a ``Meaning``.
    public var meaning: Meaning {
        if status == 0 { return .answered(stdout) }
        let message = stderrSummary
        if message.contains("the server doesn't have a resource type") { return .resourceTypeAbsent }
        if message.contains("(Forbidden)") || message.contains(" is forbidden: ") { return .forbidden(message) }
        return .failed(
            Diagnostic(
                id: "cluster.command-failed", severity: .error,
                message: "`\(command)` failed (exit status \(status))" + (message.isEmpty ? "" : ": \(message)"),
                location: SourceLocation(file: command.tool),
                fix: command.tool == "helm"
                    ? "check that helm reaches the cluster with the same context (`helm list -A`), or capture the "
                        + "outputs and use --captured"
                    : "check that the cluster is reachable and the context is right (`kubectl config current-context`, "
                        + "--context NAME), or capture the outputs and use --captured"))
    }

    /// The line of stderr that says what went wrong: the last one that is not a klog line (`E1125 17:55:02.01 ...`),
    /// else the last line, control characters replaced by spaces.
    public var stderrSummary: String {
        let lines = String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let isKlog: (String) -> Bool = { line in
            let scalars = Array(line.unicodeScalars.prefix(5))
            return scalars.count == 5 && "IWEF".unicodeScalars.contains(scalars[0])
                && scalars[1...].allSatisfy { ("0"..."9").contains($0) }
        }
        let chosen = lines.last { !isKlog($0) } ?? lines.last ?? ""
        return String(String.UnicodeScalarView(chosen.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
    }
}
