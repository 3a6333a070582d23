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
        walker.openKeys.reserveCapacity(Walker.scanLimit)
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
        /// Mappings with more keys than this look their keys up in a table; smaller ones (nearly all) compare each
        /// key with the keys before it, which costs less than hashing them.
        static let scanLimit = 16

        var skipped: Range<Int>? = nil
        var anchors: [String: YAMLNode] = [:]
        var found: [DuplicateKey] = []
        /// The keys seen so far of each small mapping being walked, the innermost mapping's last: its key string,
        /// the string's length in bytes, and the index of the pair that holds it. A mapping's keys are dropped when
        /// its walk ends, so one array serves every mapping.
        var openKeys: [(key: String, length: Int, pair: Int)] = []

        mutating func visit(_ node: YAMLNode) {
            if let skipped, node.span.byteRange == skipped { return }
            if let anchor = node.anchor { anchors[anchor] = node }
            switch node.content {
            case .scalar, .alias:
                break
            case .sequence(let items):
                for item in items { visit(item) }
            case .mapping(let pairs):
                // Read in place: a copy of each key node would cost more than comparing it.
                pairs.withUnsafeBufferPointer { visit(pairs: $0) }
            }
        }

        mutating func visit(pairs: UnsafeBufferPointer<YAMLPair>) {
            if pairs.count > Self.scanLimit {
                var firstPairs: [String: Int] = Dictionary(minimumCapacity: pairs.count)
                for index in pairs.indices {
                    visitChild(pairs[index].key)
                    record(index, of: pairs, in: &firstPairs)
                    visitChild(pairs[index].value)
                }
            } else {
                let base = openKeys.count
                for index in pairs.indices {
                    visitChild(pairs[index].key)
                    record(index, of: pairs, above: base)
                    visitChild(pairs[index].value)
                }
                // One at a time: a handful of keys, which `removeSubrange` drops at a higher fixed cost.
                while openKeys.count > base { openKeys.removeLast() }
            }
        }

        /// ``visit(_:)`` of a mapping's key or value node, without its cost for the usual one: a scalar with no
        /// anchor, read in place (passed by value, each would be copied and freed).
        mutating func visitChild(_ node: borrowing YAMLNode) {
            switch node.content {
            case .scalar, .alias:
                guard node.anchor != nil else { return }
                if let skipped, node.span.byteRange == skipped { return }
                anchors[node.anchor!] = copy node
            case .mapping, .sequence:
                visit(copy node)
            }
        }

        /// The repeats among one mapping's keys (alias keys resolve through the anchors seen so far).
        mutating func checkKeys(of pairs: [YAMLPair]) {
            var firstPairs: [String: Int] = [:]
            pairs.withUnsafeBufferPointer { pairs in
                for index in pairs.indices { record(index, of: pairs, in: &firstPairs) }
            }
        }

        /// Checks a key of a large mapping against the earlier keys in `firsts` (key string to pair index).
        mutating func record(_ index: Int, of pairs: UnsafeBufferPointer<YAMLPair>, in firsts: inout [String: Int]) {
            guard let key = keyString(of: pairs, at: index) else { return }
            if let first = firsts[key] {
                report(key, first: pairs[first].key, repeatedBy: pairs[index].key)
            } else {
                firsts[key] = index
            }
        }

        /// Checks a key of a small mapping against the earlier keys of the same mapping, `openKeys[base...]`.
        mutating func record(_ index: Int, of pairs: UnsafeBufferPointer<YAMLPair>, above base: Int) {
            guard let key = keyString(of: pairs, at: index) else { return }
            let length = key.utf8.count
            for open in openKeys[base...] where open.length == length && open.key == key {
                report(key, first: pairs[open.pair].key, repeatedBy: pairs[index].key)
                return
            }
            openKeys.append((key, length, index))
        }

        mutating func report(_ key: String, first: YAMLNode, repeatedBy keyNode: YAMLNode) {
            found.append(
                DuplicateKey(
                    key: key, first: first.span, duplicate: keyNode.span, firstWritten: DuplicateKey.written(first),
                    duplicateWritten: DuplicateKey.written(keyNode)))
        }

        /// The key string Helm reads for the key of `pairs[index]`; nil for a merge key and for keys Helm refuses.
        ///
        /// Reads the key node in place through `pairs`: copying it out would cost more than the rest.
        func keyString(of pairs: UnsafeBufferPointer<YAMLPair>, at index: Int) -> String? {
            switch pairs[index].key.content {
            case .scalar(let text):
                let style = pairs[index].key.style
                guard let tag = pairs[index].key.tag else {
                    if HelmScalarResolver.readsAsItsText(text, style: style) { return text }
                    if text == "<<" { return nil }  // the merge key
                    return HelmScalarResolver.keyString(for: HelmScalarResolver.resolve(text, style: style, tag: nil))
                }
                if text == "<<", tag == HelmScalarResolver.mergeTag { return nil }
                return HelmScalarResolver.keyString(for: HelmScalarResolver.resolve(text, style: style, tag: tag))
            case .alias(let name):
                // An alias of a `<<` scalar is no merge key: it reads as the key string `<<`.
                guard let target = anchors[name], case .scalar(let text) = target.content else { return nil }
                return HelmScalarResolver.keyString(
                    for: HelmScalarResolver.resolve(text, style: target.style, tag: target.tag))
            case .mapping, .sequence:
                return nil
            }
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
