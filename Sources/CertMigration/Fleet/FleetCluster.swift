/// One cluster of a fleet: its name and where its values and facts are.
///
/// The name becomes a folder under `--output-dir`, so it must be a plain folder name (see ``nameProblem(_:)``).
public struct FleetCluster: Sendable, Hashable {
    /// The cluster's name: its folder in the fleet layout, or `name:` in a fleet index.
    public var name: String
    /// Its values files (plain, Argo CD Application or Flux HelmRelease), layered like `helm -f` (later wins).
    public var valuesPaths: [String]
    /// Its facts file, if it has one.
    public var factsPath: String?
    /// Where the cluster was declared (its entry in a fleet index, or its folder).
    public var declaredAt: SourceLocation

    /// Creates a cluster entry.
    public init(name: String, valuesPaths: [String], factsPath: String?, declaredAt: SourceLocation) {
        self.name = name
        self.valuesPaths = valuesPaths
        self.factsPath = factsPath
        self.declaredAt = declaredAt
    }

    /// Why a text cannot be a cluster name, or nil when it can: 1 to 253 bytes of letters, digits, `.`, `_` and
    /// `-`, not starting with `.` (no `..`, no `/`, nothing hidden), so it is always one folder inside the output.
    public static func nameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        if bytes.isEmpty { return "it is empty" }
        if bytes.count > 253 { return "it is longer than 253 bytes" }
        if bytes[0] == UInt8(ascii: ".") { return "it starts with `.`" }
        let allowed = bytes.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "only letters, digits, `.`, `_` and `-` are allowed"
    }
}
