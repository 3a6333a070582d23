/// A template text split into literal text and `${name}` placeholders.
///
/// Syntax, shared by YAML, Markdown and text templates: `${name}` where the name is an ASCII letter or `_` followed
/// by letters, digits or `_`; `$${` writes a literal `${`. Any other `${` is malformed. Replacement is one pass: a
/// value's own text is never scanned again, so a value holding `${x}` stays as written.
struct PlaceholderText: Sendable, Hashable {
    /// One piece of the text.
    enum Segment: Sendable, Hashable {
        /// Literal text (`$${` already turned into `${`).
        case text(String)
        /// A placeholder; `offset` is the UTF-8 offset of its `$` in the scanned text.
        case placeholder(name: String, offset: Int)
    }

    /// A `${` that does not start a placeholder.
    struct Malformed: Error, Sendable, Hashable {
        /// The UTF-8 offset of the `$` in the scanned text.
        var offset: Int
    }

    /// The pieces in order.
    var segments: [Segment]

    /// Splits `text`, or throws at the first malformed `${`.
    init(scanning text: String) throws(Malformed) {
        let bytes = Array(text.utf8)
        var segments: [Segment] = []
        var literal: [UInt8] = []
        var index = 0
        func flush() {
            if !literal.isEmpty { segments.append(.text(String(decoding: literal, as: UTF8.self))) }
            literal.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "$"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "$"),
                bytes[index + 2] == UInt8(ascii: "{")
            {
                literal += [UInt8(ascii: "$"), UInt8(ascii: "{")]
                index += 3
            } else if byte == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                guard let name = Self.name(in: bytes, from: index + 2) else { throw Malformed(offset: index) }
                flush()
                segments.append(.placeholder(name: name, offset: index))
                index += 2 + name.utf8.count + 1
            } else {
                literal.append(byte)
                index += 1
            }
        }
        flush()
        self.segments = segments
    }

    /// True when the text holds at least one placeholder.
    var hasPlaceholders: Bool {
        segments.contains { if case .placeholder = $0 { true } else { false } }
    }

    /// The placeholder name when the whole text is exactly one placeholder.
    var wholePlaceholder: (name: String, offset: Int)? {
        guard segments.count == 1, case .placeholder(let name, let offset) = segments[0] else { return nil }
        return (name, offset)
    }

    /// The name starting at `start` and closed by `}`, or nil.
    static func name(in bytes: [UInt8], from start: Int) -> String? {
        var end = start
        while end < bytes.count, isNameByte(bytes[end], first: end == start) { end += 1 }
        guard end > start, end < bytes.count, bytes[end] == UInt8(ascii: "}") else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// ASCII letters and `_`, and digits after the first byte.
    static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
        case UInt8(ascii: "0")...UInt8(ascii: "9"): !first
        default: false
        }
    }
}
