/// A key written twice in one mapping, with Helm's meaning of "the same key".
///
/// Helm keeps the last one silently; callers warn with both lines, and the editor refuses to edit such a key.
public struct DuplicateKey: Sendable, Hashable, CustomStringConvertible {
    /// The key as Helm holds it (`on`, `true` and `"true"` are all `true`).
    public var key: String
    /// The span of the first key node with this meaning in the mapping.
    public var first: SourceSpan
    /// The span of the later key node that repeats it.
    public var duplicate: SourceSpan

    /// Creates a duplicate.
    public init(key: String, first: SourceSpan, duplicate: SourceSpan) {
        self.key = key
        self.first = first
        self.duplicate = duplicate
    }

    /// `key "name" at 7:3 repeats 2:3`.
    public var description: String {
        "key \(key.debugDescription) at \(duplicate.start) repeats \(first.start)"
    }
}

/// Finds duplicate keys in every mapping of a node tree, as written.
public enum DuplicateKeyFinder {
    /// Every repeated key of every mapping in the tree, in source order of the repetition.
    ///
    /// Keys compare by Helm's key string (`HelmScalarResolver.keyString`): `on`, `true`, `"true"` and `y` are the
    /// same key, so are `1`, `0x1`, `"1"` and `1.0`. Aliases are not expanded (a mapping reached through an alias is
    /// reported where it was written), but an alias used as a key counts as the scalar it names. Merge keys (`<<`)
    /// are never duplicates, and keys Helm refuses (null, collections) are skipped: reading the values reports them.
    /// Each extra occurrence is reported against the first one.
    public static func duplicates(in node: YAMLNode) -> [DuplicateKey] {
        var walker = Walker()
        walker.visit(node)
        return walker.found.sorted { $0.duplicate.start.offset < $1.duplicate.start.offset }
    }

    /// True when a mapping key node is a merge key for go-yaml: `<<` plain, or tagged `!!merge`.
    static func isMergeKey(_ key: YAMLNode) -> Bool {
        guard key.scalarText == "<<" else { return false }
        return (key.tag == nil && key.style == .plain) || key.tag == HelmScalarResolver.mergeTag
    }

    private struct Walker {
        var anchors: [String: YAMLNode] = [:]
        var found: [DuplicateKey] = []

        mutating func visit(_ node: YAMLNode) {
            if let anchor = node.anchor { anchors[anchor] = node }
            switch node.content {
            case .scalar, .alias:
                break
            case .sequence(let items):
                for item in items { visit(item) }
            case .mapping(let pairs):
                var firstSpans: [String: SourceSpan] = [:]
                for pair in pairs {
                    visit(pair.key)
                    if !DuplicateKeyFinder.isMergeKey(pair.key), let key = keyString(pair.key) {
                        if let first = firstSpans[key] {
                            found.append(DuplicateKey(key: key, first: first, duplicate: pair.key.span))
                        } else {
                            firstSpans[key] = pair.key.span
                        }
                    }
                    visit(pair.value)
                }
            }
        }

        func keyString(_ key: YAMLNode) -> String? {
            var node = key
            if case .alias(let name) = key.content {
                guard let target = anchors[name] else { return nil }
                node = target
            }
            guard case .scalar(let text) = node.content else { return nil }
            return HelmScalarResolver.keyString(for: HelmScalarResolver.resolve(text, style: node.style, tag: node.tag))
        }
    }
}
