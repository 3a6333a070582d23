/// How a node was written (or is to be written).
public enum YAMLNodeStyle: String, Sendable, Hashable, CaseIterable {
    /// A plain (unquoted) scalar.
    case plain
    /// A `'single-quoted'` scalar.
    case singleQuoted
    /// A `"double-quoted"` scalar.
    case doubleQuoted
    /// A literal block scalar (`|`, `|-`, `|+`).
    case literal
    /// A folded block scalar (`>`, `>-`, `>+`).
    case folded
    /// A block collection (indentation, `- ` items).
    case block
    /// A flow collection (`{...}` or `[...]`).
    case flow
    /// An alias (`*name`), which has no style of its own.
    case alias

    /// True for the scalar styles that make a scalar a string whatever its text (quoted or block).
    public var isQuotedOrBlockScalar: Bool {
        switch self {
        case .singleQuoted, .doubleQuoted, .literal, .folded: true
        default: false
        }
    }
}

/// One node of a YAML document as written: a scalar, a mapping, a sequence or an alias, with its tag, anchor,
/// style and exact source span.
///
/// Equality compares what a document says (content, tag, anchor and style), not where it was written: two nodes
/// parsed from different files, or one parsed and one built in memory, are equal when they say the same thing.
public struct YAMLNode: Sendable, CustomStringConvertible {
    /// What a node holds.
    public enum Content: Sendable, Hashable {
        /// A scalar's text after YAML's quoting and folding rules (`'it''s'` holds `it's`).
        case scalar(String)
        /// A mapping's pairs in source order, duplicates included.
        case mapping([YAMLPair])
        /// A sequence's items in order.
        case sequence([YAMLNode])
        /// A reference to the node anchored with this name earlier in the document.
        case alias(String)
    }

    /// What the node holds.
    public var content: Content
    /// How the node was written. (Declared right after `content`, it fills the byte of padding that follows the
    /// content's case tag.)
    public var style: YAMLNodeStyle
    /// The tag and anchor, held out of line because almost no node has either: nil for a node with neither, so a
    /// plain node is smaller and copying it retains one reference fewer per string.
    var decorations: YAMLNodeDecorations?
    /// Where the node was written; `.none` for built nodes.
    ///
    /// A scalar's span covers its anchor, tag, quotes or block indicator and its text; a block scalar's ends at the
    /// end of its last non-blank line (libyaml's own mark lies past trailing blank lines). A block collection's span
    /// ends with its last child; a flow collection's after its closing bracket.
    public var span: SourceSpan

    /// The node's explicit tag, fully resolved (`!!str` becomes `tag:yaml.org,2002:str`); nil when it has none.
    public var tag: String? {
        get { decorations?.tag }
        set { decorations = YAMLNodeDecorations.make(tag: newValue, anchor: anchor) }
    }

    /// The anchor name (`&name`), if any.
    public var anchor: String? {
        get { decorations?.anchor }
        set { decorations = YAMLNodeDecorations.make(tag: tag, anchor: newValue) }
    }

    // The initializers are in an extension, so that the compiler's memberwise initializer (content, style,
    // decorations, span) stays available to the parser: it builds a node directly, where an initializer written
    // out builds it in a local and copies that out (a retain and a release per node that the optimizer keeps).
}

extension YAMLNode {
    /// Creates a node.
    public init(
        _ content: Content, tag: String? = nil, anchor: String? = nil, style: YAMLNodeStyle? = nil,
        span: SourceSpan = .none
    ) {
        let resolvedStyle: YAMLNodeStyle
        if let style {
            resolvedStyle = style
        } else {
            switch content {
            case .scalar: resolvedStyle = .plain
            case .mapping, .sequence: resolvedStyle = .block
            case .alias: resolvedStyle = .alias
            }
        }
        self.init(
            content: content, style: resolvedStyle, decorations: YAMLNodeDecorations.make(tag: tag, anchor: anchor),
            span: span)
    }

    /// A scalar node.
    public static func scalar(_ text: String, style: YAMLNodeStyle = .plain, tag: String? = nil) -> YAMLNode {
        YAMLNode(.scalar(text), tag: tag, style: style)
    }

    /// A block mapping from pairs of nodes.
    public static func mapping(_ pairs: [YAMLPair], style: YAMLNodeStyle = .block) -> YAMLNode {
        YAMLNode(.mapping(pairs), style: style)
    }

    /// A block mapping whose keys are plain scalars, in the given order.
    public static func mapping(_ pairs: KeyValuePairs<String, YAMLNode>) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { YAMLPair(key: .scalar($0.key), value: $0.value) }), style: .block)
    }

    /// A block sequence.
    public static func sequence(_ items: [YAMLNode], style: YAMLNodeStyle = .block) -> YAMLNode {
        YAMLNode(.sequence(items), style: style)
    }

    /// The scalar's text, or nil for other nodes.
    public var scalarText: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }

    /// The mapping's pairs, or nil for other nodes.
    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The sequence's items, or nil for other nodes.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// A mapping's pairs where its array stores them, or nil for other nodes: for walks that read a tree in place,
    /// the pointer valid only while the tree neither changes nor goes away.
    ///
    /// Taken this way the array is neither retained nor released; bound from `content` (`case .mapping(let
    /// pairs)`), it stayed retained while its children were walked: two atomic operations a collection.
    @inline(__always)
    var pairsInPlace: UnsafeBufferPointer<YAMLPair>? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.withUnsafeBufferPointer { $0 }
    }

    /// A sequence's items where its array stores them, or nil for other nodes (see ``pairsInPlace``).
    @inline(__always)
    var itemsInPlace: UnsafeBufferPointer<YAMLNode>? {
        guard case .sequence(let items) = content else { return nil }
        return items.withUnsafeBufferPointer { $0 }
    }

    /// The value of the last pair whose key is a scalar with this text (the last one wins, as in Helm).
    public subscript(key: String) -> YAMLNode? {
        // The keys are compared where they lie: `pairs?.last(where:)` copied every pair it passed (both its nodes).
        guard let pairs = pairsInPlace else { return nil }
        for index in pairs.indices.reversed() {
            if case .scalar(let text) = pairs[index].key.content, text == key { return pairs[index].value }
        }
        return nil
    }

    /// A short, readable rendering for test failures and debugging.
    public var description: String {
        var prefix = ""
        if let anchor { prefix += "&\(anchor) " }
        if let tag { prefix += "!<\(tag)> " }
        switch content {
        case .scalar(let text):
            switch style {
            case .plain: return prefix + text
            default: return prefix + "\(style)(\(text.debugDescription))"
            }
        case .mapping(let pairs):
            let body = pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            return prefix + (style == .flow ? "flow{\(body)}" : "{\(body)}")
        case .sequence(let items):
            let body = items.map(\.description).joined(separator: ", ")
            return prefix + (style == .flow ? "flow[\(body)]" : "[\(body)]")
        case .alias(let name):
            return prefix + "*\(name)"
        }
    }
}

extension YAMLNode: Hashable {
    /// Equal when content, tag, anchor and style are; spans are not compared.
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        withUnsafePointer(to: lhs) { lhs in withUnsafePointer(to: rhs) { rhs in same(lhs, rhs) } }
    }

    /// `==` over nodes where they are stored: children are compared through pointers into their lists, not copied
    /// out of them (a retain and a release per node).
    static func same(_ lhs: UnsafePointer<YAMLNode>, _ rhs: UnsafePointer<YAMLNode>) -> Bool {
        guard lhs.pointee.style == rhs.pointee.style else { return false }
        if lhs.pointee.decorations !== rhs.pointee.decorations,
            lhs.pointee.tag != rhs.pointee.tag || lhs.pointee.anchor != rhs.pointee.anchor
        {
            return false
        }
        // Collections' children reached where their arrays store them (``pairsInPlace``), not retaining the arrays.
        if let pairs = lhs.pointee.pairsInPlace {
            guard let others = rhs.pointee.pairsInPlace else { return false }
            return same(pairs, others) { left, right in
                same(left.pointer(to: \.key)!, right.pointer(to: \.key)!)
                    && same(left.pointer(to: \.value)!, right.pointer(to: \.value)!)
            }
        }
        if let items = lhs.pointee.itemsInPlace {
            guard let others = rhs.pointee.itemsInPlace else { return false }
            return same(items, others, by: same)
        }
        switch lhs.pointee.content {
        case .scalar(let text):
            guard case .scalar(let other) = rhs.pointee.content else { return false }
            return text == other
        case .alias(let name):
            guard case .alias(let other) = rhs.pointee.content else { return false }
            return name == other
        case .mapping, .sequence:
            return false  // taken above
        }
    }

    /// True when two child lists have the same count and `equal` holds for each pair of elements at the same index,
    /// the elements handed over where the lists store them; two lists sharing one buffer are equal at once.
    private static func same<Element>(
        _ lhs: UnsafeBufferPointer<Element>, _ rhs: UnsafeBufferPointer<Element>,
        by equal: (UnsafePointer<Element>, UnsafePointer<Element>) -> Bool
    ) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard var left = lhs.baseAddress, var right = rhs.baseAddress else { return true }
        if left == right { return true }
        for _ in 0..<lhs.count {
            guard equal(left, right) else { return false }
            left += 1
            right += 1
        }
        return true
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(content)
        hasher.combine(tag)
        hasher.combine(anchor)
        hasher.combine(style)
    }
}

/// One key and its value in a mapping.
public struct YAMLPair: Sendable, Hashable {
    /// The key node (usually a scalar; YAML allows any node).
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node's tag and anchor, boxed so that a node without either stores one nil reference instead of two optional
/// strings. Immutable: changing a node's tag or anchor puts a new box in that node, so copies never share a change.
final class YAMLNodeDecorations: Sendable {
    let tag: String?
    let anchor: String?

    private init(tag: String?, anchor: String?) {
        self.tag = tag
        self.anchor = anchor
    }

    /// A box for a tag and an anchor, or nil when there is neither.
    static func make(tag: String?, anchor: String?) -> YAMLNodeDecorations? {
        tag == nil && anchor == nil ? nil : YAMLNodeDecorations(tag: tag, anchor: anchor)
    }
}
