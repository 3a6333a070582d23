import YAMLKit

/// A value for a template placeholder: its type says how it is written, never its text.
///
/// In a YAML template a placeholder that is a whole scalar is replaced by the node the value makes:
/// - `.string`: a scalar that reads back as exactly that text (``YAMLNode/string(_:)``: `on`, `1.0`, `true`, `a\nb: c`
///   stay strings);
/// - `.bool` and `.integer`: a plain `true`/`false` or decimal number, typed as such;
/// - `.list`: a block sequence of the items; `.mapping`: a block mapping, keys written as strings, sorted;
/// - `.node`: a tree the caller built, inserted as is;
/// - `.omitted`: the mapping pair or sequence item holding the placeholder is left out.
///
/// Inside a longer scalar (`${name}-ca`) and in Markdown or text templates only `.string`, `.integer` and `.bool`
/// are accepted, written as text.
public enum TemplateValue: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Text, always written as a string.
    case string(String)
    /// A boolean, written plain `true` or `false`.
    case bool(Bool)
    /// An integer, written plain in decimal.
    case integer(Int)
    /// A sequence of values.
    case list([TemplateValue])
    /// A mapping from string keys to values, written in key order.
    case mapping([String: TemplateValue])
    /// A node tree built by the caller, inserted unchanged. Boxed: a node is many words, and held inline it made every
    /// value that large, so each copy of a value (into a render's dictionary, out of it) went through a switch over
    /// a node's fields.
    indirect case node(YAMLNode)
    /// Leaves out the mapping pair or sequence item that holds the placeholder.
    case omitted

    /// A string value from a literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// A list of strings.
    public static func strings(_ items: [String]) -> TemplateValue {
        .list(items.map(TemplateValue.string))
    }

    /// The text of a value that can stand inside text, or nil for lists, mappings, nodes and `.omitted`.
    var text: String? {
        switch self {
        case .string(let text): text
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .list, .mapping, .node, .omitted: nil
        }
    }

    /// What kind of value this is, for error messages.
    var kindName: String {
        switch self {
        case .string: "a string"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .list: "a list"
        case .mapping: "a mapping"
        case .node: "a node"
        case .omitted: "omitted"
        }
    }

    /// The node for a whole-scalar placeholder, or nil for `.omitted`.
    var node: YAMLNode? {
        switch self {
        case .string(let text): .string(text)
        case .bool(let value): .scalar(value ? "true" : "false")
        case .integer(let value): .scalar(String(value))
        case .list(let items): .sequence(items.compactMap(\.node))
        case .mapping(let entries):
            .mapping(
                entries.sorted { $0.key < $1.key }.compactMap { key, value in
                    value.node.map { YAMLPair(key: .string(key), value: $0) }
                })
        case .node(let node): node
        case .omitted: nil
        }
    }
}
