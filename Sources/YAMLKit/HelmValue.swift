/// A value as Helm holds it after reading a values file, with where it was written.
///
/// Helm reads values through sigs.k8s.io/yaml: go-yaml v2 resolves the YAML, the result is written as JSON and read
/// back into `map[string]interface{}`. So every number is a `Double` (Go's `float64`: `012` is 10, an integer above
/// 2^53 is rounded), every key is a string, and a mapping has no order. `scalar` keeps go-yaml's reading before that
/// round trip (the exact integer), for callers that write the value back.
///
/// Equality and hashing compare what Helm holds (`content`) and ignore every location, so a value read from a file
/// equals one built in memory.
public struct HelmValue: Sendable, CustomStringConvertible {
    /// What a value holds, as Helm holds it.
    public enum Content: Sendable, Hashable {
        /// `null`: `~`, `null`, an empty value.
        case null
        /// A boolean.
        case bool(Bool)
        /// A number, as Go's `float64` after the JSON round trip.
        case number(Double)
        /// A string.
        case string(String)
        /// A sequence, in order.
        case sequence([HelmValue])
        /// A mapping from Helm's key strings to values.
        case mapping([String: HelmValue])
    }

    /// How a value reached its place in the tree.
    public enum Origin: Sendable, Hashable {
        /// Written where it stands.
        case written
        /// Copied by the alias (`*name`) at this span; the value itself is written at the anchor.
        case alias(SourceSpan)
        /// Brought in by the merge key (`<<`) at this span; the value itself is written in the merged mapping.
        case merge(SourceSpan)
    }

    /// What Helm holds.
    public var content: Content {
        // A string scalar is `content`'s own text (one String held, not two): `content` changing to anything but
        // that text leaves no string for it, so it becomes nil.
        willSet {
            if scalarKind == .contentString { dropStaleStringScalar(keeping: newValue) }
        }
    }
    /// `scalar`'s case (`.none` for nil); its payload is `scalarBits`, or `content`'s string for `.contentString`.
    private var scalarKind: ScalarKind
    /// Whether `storedKeySpan` holds the key span (nil otherwise).
    private var hasKeySpan: Bool
    /// `origin`'s case; its span is `originSpan`.
    private var originKind: OriginKind
    /// The span of the node that produced the value (for a copy, the node at the anchor or in the merged mapping).
    public var span: SourceSpan
    private var storedKeySpan: SourceSpan
    /// The bits of a boolean, integer or float scalar.
    private var scalarBits: UInt64
    /// The alias's or merge key's span for those origins.
    private var originSpan: SourceSpan

    // Stored compactly (104 bytes a value, not 128, and one reference counted, not two): a value is copied into
    // and out of every mapping and freed with its tree, so its size and references cost on every values file.

    /// For a mapping entry's value, the span of its key node; nil elsewhere.
    public var keySpan: SourceSpan? {
        get { hasKeySpan ? storedKeySpan : nil }
        set {
            hasKeySpan = newValue != nil
            storedKeySpan = newValue ?? .none
        }
    }

    /// How the value got here: written, or copied by the outermost alias or merge key above it.
    public var origin: Origin {
        get {
            switch originKind {
            case .written: .written
            case .alias: .alias(originSpan)
            case .merge: .merge(originSpan)
            }
        }
        set {
            switch newValue {
            case .written:
                originKind = .written
                originSpan = .none
            case .alias(let span):
                originKind = .alias
                originSpan = span
            case .merge(let span):
                originKind = .merge
                originSpan = span
            }
        }
    }

    /// For a scalar, go-yaml's reading before the JSON round trip (`int(9007199254740993)`); nil for collections.
    ///
    /// A string reading is always `content`'s own text (go-yaml's string is the one Helm holds): a string that
    /// `content` does not hold is stored as nil, and so is a string reading once `content` changes to another value.
    public var scalar: HelmScalar? {
        get {
            switch scalarKind {
            case .none: return nil
            case .null: return .null
            case .bool: return .bool(scalarBits != 0)
            case .int: return .int(Int64(bitPattern: scalarBits))
            case .uint: return .uint(scalarBits)
            case .float: return .float(Double(bitPattern: scalarBits))
            case .contentString:
                guard case .string(let text) = content else { preconditionFailure("a string scalar lost its text") }
                return .string(text)
            }
        }
        set { store(newValue) }
    }

    /// Creates a value.
    public init(
        _ content: Content, span: SourceSpan = .none, keySpan: SourceSpan? = nil, origin: Origin = .written,
        scalar: HelmScalar? = nil
    ) {
        self.content = content
        self.span = span
        hasKeySpan = keySpan != nil
        storedKeySpan = keySpan ?? .none
        scalarKind = .none
        scalarBits = 0
        originKind = .written
        originSpan = .none
        store(scalar)
        self.origin = origin
    }

    /// A scalar as go-yaml read it, holding what Helm holds after the JSON round trip: every number a `Double` (an
    /// infinity or NaN too, which JSON cannot hold: the readers refuse those). The decoders' way: the scalar's
    /// string is stored as the content's without comparing the two (they are one).
    @inline(__always)
    init(reading scalar: HelmScalar, span: SourceSpan, keySpan: SourceSpan?) {
        self.span = span
        hasKeySpan = keySpan != nil
        storedKeySpan = keySpan ?? .none
        originKind = .written
        originSpan = .none
        (scalarKind, scalarBits) = Self.packed(scalar)
        content = Content(reading: scalar)
    }

    /// A scalar's case and payload bits as stored; a string is `.contentString`, its text being `content`'s.
    @inline(__always)
    private static func packed(_ scalar: HelmScalar) -> (ScalarKind, UInt64) {
        switch scalar {
        case .null: (.null, 0)
        case .bool(let value): (.bool, value ? 1 : 0)
        case .int(let value): (.int, UInt64(bitPattern: value))
        case .uint(let value): (.uint, value)
        case .float(let value): (.float, value.bitPattern)
        case .string: (.contentString, 0)
        }
    }

    /// Stores `scalar` in the compact fields (a string only as `content`'s own text).
    private mutating func store(_ scalar: HelmScalar?) {
        guard let scalar else {
            (scalarKind, scalarBits) = (.none, 0)
            return
        }
        (scalarKind, scalarBits) = Self.packed(scalar)
        if case .string(let text) = scalar {
            guard case .string(let held) = content, held == text else {
                scalarKind = .none
                return
            }
        }
    }

    /// Drops a string scalar read from `content` when `content` is about to hold something else.
    private mutating func dropStaleStringScalar(keeping newContent: Content) {
        if case .string(let text) = content, case .string(let next) = newContent, text == next { return }
        scalarKind = .none
    }

    /// A mapping built in memory.
    public static func mapping(_ entries: [String: HelmValue]) -> HelmValue { HelmValue(.mapping(entries)) }
    /// A sequence built in memory.
    public static func sequence(_ items: [HelmValue]) -> HelmValue { HelmValue(.sequence(items)) }
    /// A string built in memory.
    public static func string(_ text: String) -> HelmValue { HelmValue(.string(text)) }
    /// A number built in memory.
    public static func number(_ value: Double) -> HelmValue { HelmValue(.number(value)) }
    /// A boolean built in memory.
    public static func bool(_ value: Bool) -> HelmValue { HelmValue(.bool(value)) }
    /// Null.
    public static let null = HelmValue(.null)

    /// The mapping's entries, or nil for other values.
    public var entries: [String: HelmValue]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The sequence's items, or nil for other values.
    public var items: [HelmValue]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The value under a key of a mapping, or nil.
    public subscript(key: String) -> HelmValue? {
        entries?[key]
    }

    /// The value at a path of mapping keys (`["certificates", "autoGenerated"]`), or nil where one is missing.
    public func value(at path: [String]) -> HelmValue? {
        var current = self
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }

    /// Compact JSON-like text with sorted keys, numbers in Swift's shortest form: `{"a":[1.0,"x",null]}`.
    public var description: String {
        switch content {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return "\(value)"
        case .string(let text): return text.debugDescription
        case .sequence(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case .mapping(let entries):
            let body = entries.keys.sorted().map { "\($0.debugDescription):\(entries[$0]!.description)" }
            return "{" + body.joined(separator: ",") + "}"
        }
    }
}

extension HelmValue.Content {
    /// The content Helm holds for a scalar as go-yaml read it: every number a `Double` (see
    /// ``HelmValue/init(reading:span:keySpan:)``).
    @inline(__always)
    init(reading scalar: HelmScalar) {
        switch scalar {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .number(Double(value))
        case .uint(let value): self = .number(Double(value))
        case .float(let value): self = .number(value)
        case .string(let text): self = .string(text)
        }
    }
}

extension HelmValue {
    /// The case of a stored scalar.
    private enum ScalarKind: UInt8 {
        case none, null, bool, int, uint, float
        /// A string: the one `content` holds.
        case contentString
    }

    private enum OriginKind: UInt8 {
        case written, alias, merge
    }
}

extension HelmValue {
    /// Applies `change` to this value and then to every value inside it, changing the collections in place: each is
    /// taken out of its value while its children change, so it stays uniquely referenced and nothing is copied.
    public mutating func updateEach(_ change: (inout HelmValue) -> Void) {
        change(&self)
        switch content {
        case .mapping(var entries):
            content = .null
            for index in entries.indices { entries.values[index].updateEach(change) }
            content = .mapping(entries)
        case .sequence(var items):
            content = .null
            for index in items.indices { items[index].updateEach(change) }
            content = .sequence(items)
        default:
            break
        }
    }
}

extension HelmValue {
    /// ``description`` with every value under a key that may hold a secret (``SecretValues``, keys counted from
    /// this value) shown as `"<redacted>"`: for messages and reports, which quote values but must not show secrets.
    public var redactedDescription: String { redactedDescription(keys: []) }

    func redactedDescription(keys: [String]) -> String {
        switch content {
        case .sequence(let items):
            return "[" + items.map { $0.redactedDescription(keys: keys) }.joined(separator: ",") + "]"
        case .mapping(let entries):
            let body = entries.keys.sorted().map {
                "\($0.debugDescription):\(entries[$0]!.redactedDescription(keys: keys + [$0]))"
            }
            return "{" + body.joined(separator: ",") + "}"
        default:
            return SecretValues.isSecret(path: keys) ? SecretValues.marker.debugDescription : description
        }
    }
}

extension HelmValue: Hashable {
    /// True when both hold the same content, wherever they were written.
    public static func == (lhs: HelmValue, rhs: HelmValue) -> Bool {
        lhs.content == rhs.content
    }

    /// Hashes the content only, like `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(content)
    }
}
