import YAMLKit

/// A default value in the chart's `values.yaml`, typed as the chart's templates read it.
public enum ChartDefault: Sendable, Hashable, CustomStringConvertible {
    /// A boolean (`true`, `false`).
    case bool(Bool)
    /// A string, whatever quoting the file used (`kedaorg-certs`, `"kedaorg-ca"`, `8760h0m0s`).
    case string(String)
    /// An integer (`443`).
    case integer(Int)
    /// An empty mapping, `{}`.
    case emptyMapping
    /// A key with no value (`operator:` whose children are all commented out); templates read it as nil.
    case null
    /// A list of strings (used for commented-out examples such as `caDirs: [/custom/ca]`).
    case stringList([String])

    /// The value as the scalar text YAMLKit parses from the values file, or nil for collections.
    ///
    /// `.null` is the empty text: libyaml reports a key with nothing after it as an empty plain scalar.
    public var scalarText: String? {
        switch self {
        case .bool(let value): value ? "true" : "false"
        case .string(let text): text
        case .integer(let number): String(number)
        case .null: ""
        case .emptyMapping, .stringList: nil
        }
    }

    /// The value as Helm holds it after reading `values.yaml` (numbers are Go `float64`s), to compare with a user's
    /// values read by `HelmValueReader`.
    public var helmValue: HelmValue {
        switch self {
        case .bool(let value): .bool(value)
        case .string(let text): .string(text)
        case .integer(let number): .number(Double(number))
        case .emptyMapping: .mapping([:])
        case .null: .null
        case .stringList(let items): .sequence(items.map { .string($0) })
        }
    }

    /// The value written as YAML text: `true`, `kedaorg-certs`, `{}`, `null`, `[/custom/ca]`.
    public var description: String {
        switch self {
        case .bool, .string, .integer: scalarText ?? ""
        case .emptyMapping: "{}"
        case .null: "null"
        case .stringList(let items): "[" + items.joined(separator: ", ") + "]"
        }
    }
}

/// One key of the chart's values that the certificate handling reads, in one chart version.
///
/// Keys are dotted paths from the root of `values.yaml` (`certificates.certManager.issuer.kind`). Some keys are
/// documented in `values.yaml` only as comments (`# apiServicePatching:` / `#   enabled: false`): the templates read
/// them when a user sets them, but they are absent from the parsed default tree. The catalog keeps them with
/// `presence == .commentedOut`, `defaultValue == .null` (what the template sees when unset) and the commented example
/// in `commentedExample`; an overlay that sets one of them uses a real key of that chart version.
public struct ChartValueKey: Sendable, Hashable {
    /// How the key appears in the chart's default `values.yaml`.
    public enum Presence: String, Sendable, Hashable {
        /// Written as a real key: it is in the parsed tree with `defaultValue`.
        case inValuesFile
        /// Only shown in a comment: not in the parsed tree, yet read by the templates when set.
        case commentedOut
    }

    /// The dotted path (`certificates.certManager.enabled`).
    public var path: String
    /// The default the templates see when the user sets nothing.
    public var defaultValue: ChartDefault
    /// Whether the default file writes the key or only comments it.
    public var presence: Presence
    /// The value shown in the comment, for commented-out keys.
    public var commentedExample: ChartDefault?
    /// The first chart version whose `values.yaml` documents the key.
    public var introducedIn: SemanticVersion
    /// One line: what the templates do with it.
    public var role: String
    /// Where the key and its default are written.
    public var sources: [CatalogSource]

    /// Creates a key.
    public init(
        path: String, defaultValue: ChartDefault, presence: Presence = .inValuesFile,
        commentedExample: ChartDefault? = nil, introducedIn: SemanticVersion, role: String,
        sources: [CatalogSource]
    ) {
        self.path = path
        self.defaultValue = defaultValue
        self.presence = presence
        self.commentedExample = commentedExample
        self.introducedIn = introducedIn
        self.role = role
        self.sources = sources
    }

    /// The path split at its dots (`["certificates", "certManager", "enabled"]`), as every values lookup splits a
    /// dotted path (at the byte `.`, as Helm does, even before a combining mark).
    public var pathComponents: [String] { EffectiveValues.components(of: path) }

    /// True for keys under `certificates.`.
    public var isCertificatesKey: Bool { path.hasPrefix("certificates.") }
}
