/// Writes JSON text straight into bytes, laid out exactly as Foundation's `JSONEncoder` lays it out with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two spaces a level, `"key" : value`, an empty array
/// or object as its brackets around an empty line, `/` and every byte from U+0020 up (non-ASCII included) as they
/// are, and `"`, `\`, and the control characters U+0000...U+001F escaped (`\b \t \n \f \r`, else `\u00xx` in
/// lowercase hex).
///
/// The caller writes an object's members in sorted order: the encoder sorts keys by their UTF-8 bytes
/// (``sortedKeys(_:)`` sorts keys that are not known in advance the same way). Members and elements are written
/// in the order of the calls: `beginObject()`, then `key(_:)` and one value per member, then `endObject()`;
/// `beginArray()`, one value per element, `endArray()`. `PlanReportJSONWriterTests` holds this to the encoder's
/// own bytes.
struct JSONTextWriter {
    /// The text written so far.
    private(set) var bytes: [UInt8] = []
    /// How many containers are open.
    private var depth = 0
    /// Whether the innermost open container has a member already (the next one needs a comma first).
    private var containerHasMember = false
    /// Whether a key was just written, so the next value follows it on the same line.
    private var valueFollowsKey = false

    /// An empty writer whose buffer holds `capacity` bytes before it must grow.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object.
    mutating func beginObject() {
        open(UInt8(ascii: "{"))
    }

    /// Closes the innermost object.
    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    /// Opens an array.
    mutating func beginArray() {
        open(UInt8(ascii: "["))
    }

    /// Closes the innermost array.
    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts a member of the innermost object whose name is fixed text that needs no escaping (a field name).
    mutating func key(_ name: StaticString) {
        assert(
            UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount).allSatisfy {
                $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
            }, "a fixed key must be plain ASCII")
        startMember()
        bytes.append(UInt8(ascii: "\""))
        appendASCII(name)
        appendASCII(Self.quoteAndKeySeparator)
        valueFollowsKey = true
    }

    /// Starts a member of the innermost object whose name is any text (escaped as a string value is).
    mutating func key(text name: String) {
        startMember()
        appendQuoted(name)
        appendASCII(Self.keySeparator)
        valueFollowsKey = true
    }

    /// Writes a string.
    mutating func string(_ text: String) {
        startValue()
        appendQuoted(text)
    }

    /// Writes a string, or `null` when there is none.
    mutating func string(orNull text: String?) {
        if let text { string(text) } else { null() }
    }

    /// Writes an array of strings.
    mutating func strings(_ texts: [String]) {
        beginArray()
        for text in texts { string(text) }
        endArray()
    }

    /// Writes an integer in decimal.
    mutating func integer(_ value: Int) {
        startValue()
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Writes `true` or `false`.
    mutating func boolean(_ value: Bool) {
        startValue()
        appendASCII(value ? "true" : "false")
    }

    /// Writes `null`.
    mutating func null() {
        startValue()
        appendASCII("null")
    }

    /// Keys in the order `JSONEncoder`'s `.sortedKeys` writes them: by their UTF-8 bytes (not by `String`'s `<`,
    /// which compares canonical equivalents: `"e\u{301}x"` sorts before `"éa"` here and after it there).
    static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// What comes between a key and its value.
    private static let keySeparator: StaticString = " : "
    /// The closing quote of a fixed key and what comes between it and its value.
    private static let quoteAndKeySeparator: StaticString = "\" : "

    /// Before a key: the comma after the previous member, the line break and the indentation, in one append.
    private mutating func startMember() {
        appendLineBreak(afterMember: containerHasMember, depth: depth)
        containerHasMember = true
    }

    /// Before a value: nothing after a key or at the top; in an array, what comes before a member.
    private mutating func startValue() {
        if valueFollowsKey {
            valueFollowsKey = false
        } else if depth > 0 {
            startMember()
        }
    }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        bytes.append(bracket)
        depth += 1
        containerHasMember = false
    }

    /// The encoder breaks the line after every opening bracket and before every closing one, the closing bracket at
    /// its container's indentation: an empty container is `[`, an empty line, and `]`.
    private mutating func close(_ bracket: UInt8) {
        if !containerHasMember { bytes.append(UInt8(ascii: "\n")) }
        depth -= 1
        appendLineBreak(afterMember: false, depth: depth)
        bytes.append(bracket)
        // The container just closed is a member of the one around it.
        containerHasMember = true
    }

    /// `,` when `afterMember`, a line break, and two spaces a level of `depth`.
    private mutating func appendLineBreak(afterMember: Bool, depth: Int) {
        let start = afterMember ? 0 : 1
        let end = 2 + 2 * depth
        let breaks = Self.lineBreaks
        if end <= breaks.count {
            bytes.append(contentsOf: breaks[start..<end])
        } else {
            bytes.append(contentsOf: breaks[start...])
            bytes.append(contentsOf: repeatElement(0x20, count: end - breaks.count))
        }
    }

    /// `,`, a line break and the indentation of the deepest level that one append covers.
    private static let lineBreaks: [UInt8] = Array(",\n".utf8) + repeatElement(0x20, count: 2 * 16)

    /// `text` in quotes, escaped as the encoder escapes it: runs of bytes that need no escape are copied whole, and
    /// found eight bytes at a time.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var runStart = 0
            var index = 0
            while index < utf8.count {
                if index + 8 <= utf8.count,
                    !Self.anyNeedsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = base[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                    appendEscape(of: byte)
                    runStart = index + 1
                }
                index += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: utf8.count - runStart))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `word` is below U+0020, `"` or `\` (never false when one is; the bytes of
    /// a word that says true are then looked at one by one).
    private static func anyNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasByteBelow(_ limit: UInt64, in word: UInt64) -> Bool {
            (word &- ones &* limit) & ~word & highBits != 0
        }
        return hasByteBelow(0x20, in: word) || hasByteBelow(1, in: word ^ (ones &* 0x22))
            || hasByteBelow(1, in: word ^ (ones &* 0x5C))
    }

    private mutating func appendEscape(of byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            appendASCII("u00")
            bytes.append(hexDigits.utf8Start[Int(byte >> 4)])
            bytes.append(hexDigits.utf8Start[Int(byte & 0x0F)])
        }
    }

    private mutating func appendASCII(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
