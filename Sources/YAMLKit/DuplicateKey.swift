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
    /// The first key as written (`on`, `"true"`, `'a'`, `*anchor`).
    public var firstWritten: String
    /// The repeating key as written.
    public var duplicateWritten: String

    /// Creates a duplicate; a key written without its spellings is taken as written plain both times.
    public init(
        key: String, first: SourceSpan, duplicate: SourceSpan, firstWritten: String? = nil,
        duplicateWritten: String? = nil
    ) {
        self.key = key
        self.first = first
        self.duplicate = duplicate
        self.firstWritten = firstWritten ?? key
        self.duplicateWritten = duplicateWritten ?? key
    }

    /// What the repetition is, naming each key as written, for a message that then says which one counts:
    /// "`a` is set twice in one mapping (first at line 3)", or, when the two are spelled differently,
    /// "`true` and `on` (line 4) are the same key to Helm, which reads `on` as the boolean true (YAML 1.1)".
    public var sameKeyPhrase: String {
        guard firstWritten != duplicateWritten else {
            return "`\(duplicateWritten)` is set twice in one mapping (first at line \(first.start.line))"
        }
        let odd = [firstWritten, duplicateWritten].first { $0 != key } ?? firstWritten
        return "`\(duplicateWritten)` and `\(firstWritten)` (line \(first.start.line)) are the same key to Helm, "
            + "which \(Self.reading(odd, as: key))"
    }

    /// The way out besides deleting one, when a plain spelling is what makes the two keys one (`on` read as the
    /// boolean true): ", or quote the key you mean as a string (`"on":`)"; empty otherwise.
    public var quotingAdvice: String {
        guard firstWritten != duplicateWritten,
            let odd = [firstWritten, duplicateWritten].first(where: { $0 != key }),
            let first = odd.first, first != "\"", first != "'", first != "*"
        else { return "" }
        return ", or quote the key you mean as a string (`\"\(odd)\":`)"
    }

    /// How Helm comes to read a key spelled `written` as the key string `key`.
    static func reading(_ written: String, as key: String) -> String {
        guard let first = written.first, first != "\"", first != "'", first != "*" else {
            return "reads both as the key `\(key)`"
        }
        switch HelmScalarResolver.resolve(written, style: .plain, tag: nil) {
        case .bool(let value):
            let yaml11 = !["true", "false"].contains(written.lowercased())
            return "reads `\(written)` as the boolean \(value)" + (yaml11 ? " (YAML 1.1)" : "")
        case .int, .uint, .float:
            return "reads `\(written)` as the number \(key)"
        default:
            return "reads both as the key `\(key)`"
        }
    }

    /// A key node's text as it was written: plain, quoted in its style, or the alias.
    static func written(_ node: YAMLNode) -> String {
        switch node.content {
        case .alias(let name): return "*" + name
        case .scalar(let text):
            switch node.style {
            case .singleQuoted: return "'" + text.replacingAll("'", with: "''") + "'"
            case .doubleQuoted:
                return "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
            default: return text
            }
        default: return ""
        }
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
    ///
    /// - Parameter skipped: the byte range of a node not to search (a wrapper's values, which the values' own
    ///   reading searches); an alias key outside it that names an anchor inside it is then not compared.
    public static func duplicates(in node: YAMLNode, skipping skipped: Range<Int>? = nil) -> [DuplicateKey] {
        var walker = Walker(skipped: skipped)
        walker.visit(node)
        return walker.found.sorted { $0.duplicate.start.offset < $1.duplicate.start.offset }
    }

    /// The repeated keys of one mapping alone (its children's mappings are not searched), exactly as
    /// ``duplicates(in:)`` over `root` reports them for this mapping.
    ///
    /// Cheap for what an edit needs (the mappings on its path); a mapping with an alias as a key falls back to the
    /// whole tree, whose anchors the alias needs.
    public static func duplicates(amongKeysOf mapping: YAMLNode, in root: YAMLNode) -> [DuplicateKey] {
        guard case .mapping(let pairs) = mapping.content else { return [] }
        if pairs.contains(where: { if case .alias = $0.key.content { true } else { false } }) {
            let keyOffsets = Set(pairs.map(\.key.span.start.offset))
            return duplicates(in: root).filter { keyOffsets.contains($0.duplicate.start.offset) }
        }
        var walker = Walker()
        walker.checkKeys(of: pairs)
        return walker.found
    }

    /// True when a mapping key node is a merge key for go-yaml: `<<` plain, or tagged `!!merge`.
    static func isMergeKey(_ key: YAMLNode) -> Bool {
        guard key.scalarText == "<<" else { return false }
        return (key.tag == nil && key.style == .plain) || key.tag == HelmScalarResolver.mergeTag
    }

    private struct Walker {
        var skipped: Range<Int>? = nil
        var anchors: [String: YAMLNode] = [:]
        var found: [DuplicateKey] = []

        mutating func visit(_ node: YAMLNode) {
            if let skipped, node.span.byteRange == skipped { return }
            if let anchor = node.anchor { anchors[anchor] = node }
            switch node.content {
            case .scalar, .alias:
                break
            case .sequence(let items):
                for item in items { visit(item) }
            case .mapping(let pairs):
                var firstSpans: [String: (span: SourceSpan, written: String)] = [:]
                for pair in pairs {
                    visit(pair.key)
                    record(pair.key, in: &firstSpans)
                    visit(pair.value)
                }
            }
        }

        /// The repeats among one mapping's keys (alias keys resolve through the anchors seen so far).
        mutating func checkKeys(of pairs: [YAMLPair]) {
            var firstSpans: [String: (span: SourceSpan, written: String)] = [:]
            for pair in pairs { record(pair.key, in: &firstSpans) }
        }

        mutating func record(_ keyNode: YAMLNode, in firstSpans: inout [String: (span: SourceSpan, written: String)]) {
            guard !DuplicateKeyFinder.isMergeKey(keyNode), let key = keyString(keyNode) else { return }
            if let first = firstSpans[key] {
                found.append(
                    DuplicateKey(
                        key: key, first: first.span, duplicate: keyNode.span, firstWritten: first.written,
                        duplicateWritten: DuplicateKey.written(keyNode)))
            } else {
                firstSpans[key] = (keyNode.span, DuplicateKey.written(keyNode))
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

extension String {
    /// The text with every `target` replaced (YAMLKit does not import Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
