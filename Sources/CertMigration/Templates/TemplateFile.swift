/// One template: its name in the set, its bytes, and the path errors name.
public struct TemplateFile: Sendable, Hashable {
    /// Where a template comes from.
    public enum Origin: Sendable, Hashable {
        /// Built into the binary from the repository's `templates/`.
        case embedded
        /// Read by the caller from a `--templates` directory.
        case override
    }

    /// The path relative to the templates directory (`manifests/ca-issuer.yaml`).
    public var name: String
    /// The exact bytes.
    public var bytes: [UInt8]
    /// Where it comes from.
    public var origin: Origin
    /// The path errors name: `templates/<name>` for a built-in template, `<directory>/<name>` for an override.
    public var displayPath: String

    /// Creates a template file.
    public init(name: String, bytes: [UInt8], origin: Origin, displayPath: String) {
        self.name = name
        self.bytes = bytes
        self.origin = origin
        self.displayPath = displayPath
    }
}
