import YAMLKit

/// Recognises a node tree that libyaml writes and reads back node for node: non-empty block collections and plain
/// scalars of printable ASCII that libyaml can write plain, without tags, anchors or aliases, and small enough for
/// any parse limits. For such a tree, parsing what ``YAMLEmitter`` writes gives a tree `==` to it (same content,
/// styles, tags and anchors), so a caller that would parse the emitted bytes only to get the tree back can use the
/// tree itself.
///
/// The test is deliberately narrower than libyaml's own rules: a scalar is refused when it could need quotes in
/// any place (a leading indicator character, `: ` or ` #` inside, a leading or trailing space, `...` at the start),
/// a key also when it holds a flow indicator, `:` or `#`, or is longer than a simple key may be; an empty
/// collection (written `[]` or `{}`, read back in flow style) is refused too. A refused tree is simply taken the
/// long way. `PlainBlockTreeTests` holds every tree it accepts to an emit-and-parse round trip.
enum PlainBlockTree {
    /// The deepest nesting accepted.
    static let maxDepth = 32
    /// The most nodes accepted.
    static let maxNodes = 10_000
    /// The longest value scalar accepted, in bytes.
    static let maxScalarBytes = 4_096
    /// The longest key accepted, in bytes (libyaml writes a longer key as a complex `? key`).
    static let maxKeyBytes = 128

    /// True when `root` is a tree libyaml writes and reads back unchanged.
    static func readsBackUnchanged(_ root: YAMLNode) -> Bool {
        var nodesLeft = maxNodes
        return accepts(root, depth: 0, isKey: false, nodesLeft: &nodesLeft)
    }

    private static func accepts(_ node: YAMLNode, depth: Int, isKey: Bool, nodesLeft: inout Int) -> Bool {
        nodesLeft -= 1
        guard nodesLeft >= 0, depth <= maxDepth, node.tag == nil, node.anchor == nil else { return false }
        switch node.content {
        case .alias:
            return false
        case .scalar(let text):
            return node.style == .plain && isPlainText(text, isKey: isKey)
        case .sequence(let items):
            guard !isKey, node.style == .block, !items.isEmpty else { return false }
            for item in items where !accepts(item, depth: depth + 1, isKey: false, nodesLeft: &nodesLeft) {
                return false
            }
            return true
        case .mapping(let pairs):
            guard !isKey, node.style == .block, !pairs.isEmpty else { return false }
            for pair in pairs {
                guard accepts(pair.key, depth: depth + 1, isKey: true, nodesLeft: &nodesLeft),
                    accepts(pair.value, depth: depth + 1, isKey: false, nodesLeft: &nodesLeft)
                else { return false }
            }
            return true
        }
    }

    /// True for text libyaml writes plain as a block value (or, with `isKey`, as a simple key) and reads back as
    /// the same text.
    static func isPlainText(_ text: String, isKey: Bool) -> Bool {
        text.withUTF8Bytes { bytes in
            guard let first = bytes.first, let last = bytes.last,
                bytes.count <= (isKey ? maxKeyBytes : maxScalarBytes), first != UInt8(ascii: " "),
                last != UInt8(ascii: " "), last != UInt8(ascii: ":"), !isLeadingIndicator(first),
                !(bytes.count >= 3 && first == UInt8(ascii: ".") && bytes[1] == first && bytes[2] == first)
            else { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                guard byte >= 0x20, byte <= 0x7E, !(isKey && isKeyIndicator(byte)) else { return false }
                if previous == UInt8(ascii: ":"), byte == UInt8(ascii: " ") { return false }
                if previous == UInt8(ascii: " "), byte == UInt8(ascii: "#") { return false }
                previous = byte
            }
            return true
        }
    }

    /// Characters that may not start a plain scalar (some only when a space follows: refused anyway).
    private static func isLeadingIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            true
        default:
            false
        }
    }

    /// Characters a key may not hold anywhere: flow indicators, `:` and `#`.
    private static func isKeyIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: ":"), UInt8(ascii: "#"):
            true
        default:
            false
        }
    }
}
