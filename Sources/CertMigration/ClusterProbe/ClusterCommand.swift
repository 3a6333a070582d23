/// One read-only command the tool runs against a cluster: a tool from PATH and its arguments as a list (never a
/// shell line).
public struct ClusterCommand: Sendable, Hashable, CustomStringConvertible {
    /// The program, looked up in PATH: `kubectl` or `helm`.
    public var tool: String
    /// The arguments, passed as they are.
    public var arguments: [String]

    /// Creates a command.
    public init(tool: String, arguments: [String]) {
        self.tool = tool
        self.arguments = arguments
    }

    /// The command as a person would type it, arguments quoted where a shell would need it
    /// (`kubectl get secret -n keda kedaorg-certs -o json --context 'my cluster'`).
    public var description: String {
        ([tool] + arguments).map(Self.quotedForShell).joined(separator: " ")
    }

    /// The text as is when a shell would read it as one plain word; otherwise in single quotes.
    static func quotedForShell(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || "-_./=:,@+%".unicodeScalars.contains(scalar))
            }
        if plain { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
