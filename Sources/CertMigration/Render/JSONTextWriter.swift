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
///
/// The text goes into a ``ByteWriter``: an append is a bounds test and a copy, where `Array.append(contentsOf:)`
/// cost about 90 instructions a call.
struct JSONTextWriter: ~Copyable {
    /// The text written so far.
    private var output: ByteWriter
    /// How many containers are open.
    private var depth = 0
    /// Whether the innermost open container has a member already (the next one needs a comma first).
    private var containerHasMember = false
    /// Whether a key was just written, so the next value follows it on the same line.
    private var valueFollowsKey = false

    /// An empty writer whose buffer holds `capacity` bytes before it must grow.
    init(capacity: Int) {
        output = ByteWriter(capacity: capacity)
    }

    /// The text written so far.
    var bytes: [UInt8] {
        output.bytes
    }

    /// Ends the text with a line break, after the top-level value.
    mutating func endLine() {
        append(UInt8(ascii: "\n"))
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
        append(UInt8(ascii: "\""))
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
        output.append(decimal: value)
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
        keys.sorted(by: UTF8Order.precedes)
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
        append(bracket)
        depth += 1
        containerHasMember = false
    }

    /// The encoder breaks the line after every opening bracket and before every closing one, the closing bracket at
    /// its container's indentation: an empty container is `[`, an empty line, and `]`.
    private mutating func close(_ bracket: UInt8) {
        if !containerHasMember { append(UInt8(ascii: "\n")) }
        depth -= 1
        appendLineBreak(afterMember: false, depth: depth)
        append(bracket)
        // The container just closed is a member of the one around it.
        containerHasMember = true
    }

    /// `,` when `afterMember`, a line break, and two spaces a level of `depth`.
    private mutating func appendLineBreak(afterMember: Bool, depth: Int) {
        // `,`, a line break and the indentation of the deepest level that one copy covers (16 levels); a literal
        // here, where a static constant was looked up through its lazy initializer at every call.
        let breaks: StaticString = ",\n                                "
        let start = afterMember ? 0 : 1
        let end = 2 + 2 * depth
        if end <= breaks.utf8CodeUnitCount {
            append(breaks.utf8Start + start, count: end - start)
            return
        }
        append(breaks.utf8Start + start, count: breaks.utf8CodeUnitCount - start)
        for _ in breaks.utf8CodeUnitCount..<end { append(0x20) }
    }

    /// `text` in quotes, escaped as the encoder escapes it.
    private mutating func appendQuoted(_ text: String) {
        append(UInt8(ascii: "\""))
        // A native string lends its UTF-8 as it is; any other is made native first.
        let lent: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if lent == nil {
            var native = text
            native.withUTF8 { appendEscaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    /// `utf8` escaped: each run of bytes that needs no escape is copied in one append, and the byte that ends it is
    /// found eight bytes at a time (``firstEscape(in:from:count:)``).
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        while true {
            let position = Self.firstEscape(in: base, from: runStart, count: count)
            append(base + runStart, count: position - runStart)
            if position == count { return }
            appendEscape(of: base[position])
            runStart = position + 1
        }
    }

    /// The offset of the first byte from `start` on that needs an escape, or `count` when none does.
    ///
    /// A text of eight bytes or more is read a word at a time, and its last bytes (fewer than eight) as the text's
    /// last word, with the bytes before `start` in it (already written, perhaps escaped) made clean first. A shorter
    /// text is read byte by byte: no word of it can be loaded without reading past its end.
    @inline(__always)
    private static func firstEscape(in base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var index = start
        guard count >= 8 else {
            while index < count, !needsEscape(base[index]) { index &+= 1 }
            return index
        }
        let raw = UnsafeRawPointer(base)
        let lastWord = count &- 8
        while index <= lastWord {
            let flags = escapeFlags(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            if flags != 0 { return index &+ flags.trailingZeroBitCount &>> 3 }
            index &+= 8
        }
        if index == count { return count }
        // 1...7 bytes of the last word come before `index`: 0xFF needs no escape.
        let before = (UInt64(1) &<< UInt64(8 &* (index &- lastWord))) &- 1
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: lastWord, as: UInt64.self)) | before
        let flags = escapeFlags(word)
        return flags == 0 ? count : lastWord &+ flags.trailingZeroBitCount &>> 3
    }

    /// Whether a byte is written escaped: below U+0020, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Marks for a word's eight bytes (the first in the low bits): the top bit of the first byte that needs an
    /// escape set and none of those before it (bytes after it may be marked or not), and no bit set when no byte
    /// needs one. The lowest set bit marks the first byte that needs an escape.
    ///
    /// XOR 0x02 maps `"` (0x22) to 0x20 and the control characters onto themselves, and every other byte to 0x21
    /// or above: a byte needs an escape when it is then below 0x21, or when it is zero after XOR 0x5C (`\`). A
    /// byte's subtraction borrows from the next byte only when it is below what is subtracted, so every byte before
    /// the first one that needs an escape comes out unmarked; `& ~word` unmarks the bytes from 0x80 up (UTF-8 past
    /// ASCII), whose top bit survives the subtraction.
    @inline(__always)
    private static func escapeFlags(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quoteOrControl = (word ^ (ones &* 0x02)) &- ones &* 0x21
        let backslash = (word ^ (ones &* 0x5C)) &- ones
        return (quoteOrControl | backslash) & ~word & (ones &* 0x80)
    }

    private mutating func appendEscape(of byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
        case 0x08: append(UInt8(ascii: "b"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0C: append(UInt8(ascii: "f"))
        case 0x0D: append(UInt8(ascii: "r"))
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            appendASCII("u00")
            append(hexDigits.utf8Start[Int(byte >> 4)])
            append(hexDigits.utf8Start[Int(byte & 0x0F)])
        }
    }

    @inline(__always)
    private mutating func appendASCII(_ text: StaticString) {
        output.append(text)
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        output.append(byte)
    }

    @inline(__always)
    private mutating func append(_ source: UnsafePointer<UInt8>, count sourceCount: Int) {
        output.append(source, count: sourceCount)
    }
}
