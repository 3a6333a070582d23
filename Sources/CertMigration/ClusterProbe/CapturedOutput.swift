/// The text a command printed, captured in a file or read from the command as it ran, with what to call it.
public struct CapturedOutput: Sendable {
    /// How the text is laid out.
    public enum Format: Sendable, Hashable {
        /// `-o json` output.
        case json
        /// One name a line (`kubectl api-resources -o name`, `kubectl get ... -o name`).
        case names
    }

    /// The file as the user named it (`captured/crds.json`) or the command line that printed the text.
    public var name: String
    /// Where facts read from this text come from.
    public var origin: FactOrigin
    /// The text's bytes.
    public var bytes: [UInt8]
    /// How the text is laid out.
    public var format: Format

    /// Creates an output read from a captured file: its facts come from the file.
    public init(file: String, bytes: [UInt8], format: Format = .json) {
        self.name = file
        self.origin = .file(SourceLocation(file: file))
        self.bytes = bytes
        self.format = format
    }

    /// Creates an output read from the commands the tool ran (their stdout joined): its facts come from
    /// `--from-cluster` and the commands.
    public init(commands: [ClusterCommand], bytes: [UInt8], format: Format = .json) {
        let shown = commands.map(\.description).joined(separator: " and ")
        self.name = "`\(shown)`"
        self.origin = .command(shown)
        self.bytes = bytes
        self.format = format
    }

    /// True when the text holds nothing but white space: what `kubectl get --ignore-not-found` prints for an
    /// object that does not exist.
    public var isBlank: Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}

/// What the tool has to go on for one ``ClusterQuery``.
public enum ClusterAnswer: Sendable {
    /// The command's output.
    case output(CapturedOutput)
    /// No output, and why (`kedaorg-certs.json is not in captured/`, `forbidden: ...`): its facts stay unknown.
    case unavailable(String)
}
