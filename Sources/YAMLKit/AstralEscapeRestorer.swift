/// Puts back as UTF-8 the characters beyond U+FFFF (emoji, rare CJK) that libyaml 0.2.5's emitter escapes.
///
/// libyaml's emitter treats only the Basic Multilingual Plane as printable, so it writes `"ship it 🚀"` as
/// `"ship it \U0001F680"`. A double-quoted YAML scalar may hold the character itself, so each such escape inside a
/// double-quoted scalar is replaced by its UTF-8 bytes. The scalars are found by parsing the output (never by
/// guessing at quotes), and the result is parsed again: unless it says exactly what the original output says, the
/// original is kept.
enum AstralEscapeRestorer {
    static func restore(_ bytes: [UInt8]) -> [UInt8] {
        guard containsAstralEscape(bytes) else { return bytes }
        let parser = YAMLParser(limits: YAMLLimits(maxInputBytes: Int.max, maxDepth: Int.max, maxDocuments: Int.max))
        guard let original = try? parser.parse(bytes: bytes, fileName: "") else { return bytes }
        var ranges: [Range<Int>] = []
        for document in original.documents { collectDoubleQuoted(document.root, into: &ranges) }
        guard !ranges.isEmpty else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= cursor {
            output += bytes[cursor..<range.lowerBound]
            output += unescapeAstral(bytes[range])
            cursor = range.upperBound
        }
        output += bytes[cursor...]
        guard let restored = try? parser.parse(bytes: output, fileName: ""),
            restored.documents.map(\.root) == original.documents.map(\.root)
        else { return bytes }
        return output
    }

    /// True when the bytes contain `\U`, the only escape libyaml uses for characters beyond U+FFFF.
    static func containsAstralEscape(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x5C, bytes[index + 1] == 0x55 { return true }
            index += 1
        }
        return false
    }

    static func collectDoubleQuoted(_ node: YAMLNode, into ranges: inout [Range<Int>]) {
        switch node.content {
        case .scalar:
            if node.style == .doubleQuoted { ranges.append(node.span.byteRange) }
        case .mapping(let pairs):
            for pair in pairs {
                collectDoubleQuoted(pair.key, into: &ranges)
                collectDoubleQuoted(pair.value, into: &ranges)
            }
        case .sequence(let items):
            for item in items { collectDoubleQuoted(item, into: &ranges) }
        case .alias:
            break
        }
    }

    /// A double-quoted scalar's bytes with every `\UXXXXXXXX` above U+FFFF written as UTF-8; other escapes,
    /// including `\\`, are copied as they are.
    static func unescapeAstral(_ scalar: ArraySlice<UInt8>) -> [UInt8] {
        let bytes = Array(scalar)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x5C, index + 1 < bytes.count else {
                output.append(bytes[index])
                index += 1
                continue
            }
            if bytes[index + 1] == 0x55, index + 10 <= bytes.count,
                let value = UInt32(String(decoding: bytes[(index + 2)..<(index + 10)], as: UTF8.self), radix: 16),
                value > 0xFFFF, let character = Unicode.Scalar(value)
            {
                output += Array(String(character).utf8)
                index += 10
            } else {
                output += bytes[index...(index + 1)]
                index += 2
            }
        }
        return output
    }
}
