/// Writes JSON text straight into bytes, laid out exactly as Foundation's `JSONEncoder` lays it out with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two spaces a level, `"key" : value`, an empty array
/// or object as its brackets around an empty line, `/` and every byte from U+0020 up (non-ASCII included) as they
/// are, and `"`, `\`, and the control characters U+0000...U+001F escaped (`\b \t \n \f \r`, else `\u00xx` in
/// lowercase hex).
///
/// The caller writes an object's members in sorted order: the encoder sorts keys by their UTF-8 bytes
/// (``sortedByKey(_:)`` sorts keys that are not known in advance the same way). Members and elements are written
/// in the order of the calls: `beginObject()`, then `key(_:)` and one value per member, then `endObject()`;
/// `beginArray()`, one value per element, `endArray()`. `PlanReportJSONWriterTests` holds this to the encoder's
/// own bytes.
///
/// The text goes into a ``ByteWriter``, a key or a string with what comes before it in one bounds test
/// (`ByteWriter.appendInPlace(maxCount:_:)`): three appends to a key and their calls to `memcpy` cost about 130
/// instructions, a fifth of writing plan.json.
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
        let afterMember = containerHasMember
        let depth = depth
        let nameCount = name.utf8CodeUnitCount
        // The line break, the name in quotes and the separator, in one bounds test.
        output.appendInPlace(maxCount: Self.lineBreakRoom(depth: depth) + nameCount + 5) { start in
            let quote = Self.writeLineBreak(afterMember: afterMember, depth: depth, at: start)
            quote[0] = UInt8(ascii: "\"")
            ByteWriter.copy(name.utf8Start, count: nameCount, to: quote + 1)
            // `" : ` as one little-endian word.
            UnsafeMutableRawPointer(quote + 1 + nameCount).storeBytes(
                of: UInt32(0x203A_2022).littleEndian, as: UInt32.self)
            return quote + 5 + nameCount - start
        }
        containerHasMember = true
        valueFollowsKey = true
    }

    /// Starts a member of the innermost object whose name is any text (escaped as a string value is).
    mutating func key(text name: String) {
        valueFollowsKey = false
        name.withUTF8Bytes { appendQuoted($0, startingMember: true) }
        appendASCII(Self.keySeparator)
        valueFollowsKey = true
    }

    /// Writes a string.
    mutating func string(_ text: String) {
        let startsMember = !valueFollowsKey && depth > 0
        valueFollowsKey = false
        text.withUTF8Bytes { appendQuoted($0, startingMember: startsMember) }
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

    /// A dictionary's entries in the order `JSONEncoder`'s `.sortedKeys` writes them: by their keys' UTF-8 bytes
    /// (not by `String`'s `<`, which compares canonical equivalents: `"e\u{301}x"` sorts before `"éa"` here and
    /// after it there). Sorted with their values, so that no key is looked up again.
    static func sortedByKey<Value>(_ entries: [String: Value]) -> [(key: String, value: Value)] {
        entries.sorted { UTF8Order.precedes($0.key, $1.key) }
    }

    /// What comes between a key and its value.
    private static let keySeparator: StaticString = " : "

    /// Before a key: the comma after the previous member, the line break and the indentation, in one append.
    private mutating func startMember() {
        let afterMember = containerHasMember
        let depth = depth
        output.appendInPlace(maxCount: Self.lineBreakRoom(depth: depth)) { start in
            Self.writeLineBreak(afterMember: afterMember, depth: depth, at: start) - start
        }
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
        let startsMember = !valueFollowsKey && depth > 0
        let afterMember = containerHasMember
        let depth = depth
        output.appendInPlace(maxCount: Self.lineBreakRoom(depth: depth) + 1) { start in
            let end = startsMember ? Self.writeLineBreak(afterMember: afterMember, depth: depth, at: start) : start
            end[0] = bracket
            return end + 1 - start
        }
        valueFollowsKey = false
        self.depth += 1
        containerHasMember = false
    }

    /// The encoder breaks the line after every opening bracket and before every closing one, the closing bracket at
    /// its container's indentation: an empty container is `[`, an empty line, and `]`.
    private mutating func close(_ bracket: UInt8) {
        let isEmpty = !containerHasMember
        depth -= 1
        let depth = depth
        output.appendInPlace(maxCount: 1 + Self.lineBreakRoom(depth: depth) + 1) { start in
            start[0] = UInt8(ascii: "\n")
            let end = Self.writeLineBreak(afterMember: false, depth: depth, at: start + (isEmpty ? 1 : 0))
            end[0] = bracket
            return end + 1 - start
        }
        // The container just closed is a member of the one around it.
        containerHasMember = true
    }

    /// The room ``writeLineBreak(afterMember:depth:at:)`` needs.
    @inline(__always)
    private static func lineBreakRoom(depth: Int) -> Int {
        2 + 2 * depth + 7
    }

    /// Writes `,` when `afterMember`, a line break and two spaces a level of `depth` at `start`, and returns where
    /// they end. The spaces go in eight at a time, so up to seven bytes past the end are written too (and left for
    /// the next piece to overwrite).
    @inline(__always)
    private static func writeLineBreak(
        afterMember: Bool, depth: Int, at start: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        start[0] = UInt8(ascii: ",")
        let lineBreak = start + (afterMember ? 1 : 0)
        lineBreak[0] = UInt8(ascii: "\n")
        let indentation = lineBreak + 1
        let spaceCount = 2 &* depth
        let eightSpaces: UInt64 = 0x2020_2020_2020_2020
        var offset = 0
        while offset < spaceCount {
            UnsafeMutableRawPointer(indentation + offset).storeBytes(of: eightSpaces, as: UInt64.self)
            offset &+= 8
        }
        return indentation + spaceCount
    }

    /// `utf8` in quotes, escaped as the encoder escapes it, after a member's line break when `startingMember`.
    ///
    /// A text with nothing to escape (nearly every one) goes in with one bounds test, copied a word at a time as it
    /// is scanned (``copyUntilEscape(_:from:to:)``); after an escape, the rest goes in the same way up to the next.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, startingMember: Bool) {
        let afterMember = containerHasMember
        let depth = depth
        if startingMember { containerHasMember = true }
        let count = utf8.count
        var position = 0
        output.appendInPlace(maxCount: (startingMember ? Self.lineBreakRoom(depth: depth) : 0) + count + 2 + 7) {
            start in
            let quote =
                startingMember ? Self.writeLineBreak(afterMember: afterMember, depth: depth, at: start) : start
            quote[0] = UInt8(ascii: "\"")
            position = Self.copyUntilEscape(utf8, from: 0, to: quote + 1)
            guard position == count else { return quote + 1 + position - start }
            quote[1 + count] = UInt8(ascii: "\"")
            return quote + 2 + count - start
        }
        while position < count {
            appendEscape(of: utf8[position])
            let runStart = position + 1
            output.appendInPlace(maxCount: count - runStart + 1 + 7) { start in
                position = Self.copyUntilEscape(utf8, from: runStart, to: start)
                guard position == count else { return position - runStart }
                start[count - runStart] = UInt8(ascii: "\"")
                return count - runStart + 1
            }
        }
    }

    /// Copies `utf8` from `start` up to the first byte that needs an escape to `destination`, and returns that
    /// byte's offset (`utf8.count` when none does). Bytes past the copy may be written too: up to fifteen, and at
    /// most seven past the text's end.
    ///
    /// A text of eight bytes or more is read and copied a word at a time, and its last bytes (fewer than eight) as
    /// the text's last word, with the bytes before `start` in it (already written, perhaps escaped) made clean for
    /// the scan and shifted out of the copy. A shorter text is read byte by byte: no word of it can be loaded
    /// without reading past its end.
    @inline(__always)
    private static func copyUntilEscape(
        _ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let count = utf8.count
        var index = start
        guard count >= 8, let base = utf8.baseAddress else {
            while index < count {
                let byte = utf8[index]
                if needsEscape(byte) { break }
                destination[index &- start] = byte
                index &+= 1
            }
            return index
        }
        let source = UnsafeRawPointer(base)
        let output = UnsafeMutableRawPointer(destination)
        let lastWord = count &- 8
        // Two words a round while they fit (most texts have no escape at all, and a message runs to a hundred bytes
        // or more); a word is stored before it is scanned, so the bytes after an escape up to the end of its pair
        // are written too, inside the text's own length.
        while index &+ 16 <= count {
            let first = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let second = source.loadUnaligned(fromByteOffset: index &+ 8, as: UInt64.self)
            output.storeBytes(of: first, toByteOffset: index &- start, as: UInt64.self)
            output.storeBytes(of: second, toByteOffset: index &- start &+ 8, as: UInt64.self)
            let firstFlags = escapeFlags(UInt64(littleEndian: first))
            let secondFlags = escapeFlags(UInt64(littleEndian: second))
            if firstFlags | secondFlags != 0 {
                if firstFlags != 0 { return index &+ firstFlags.trailingZeroBitCount &>> 3 }
                return index &+ 8 &+ secondFlags.trailingZeroBitCount &>> 3
            }
            index &+= 16
        }
        while index <= lastWord {
            let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            output.storeBytes(of: word, toByteOffset: index &- start, as: UInt64.self)
            let flags = escapeFlags(UInt64(littleEndian: word))
            if flags != 0 { return index &+ flags.trailingZeroBitCount &>> 3 }
            index &+= 8
        }
        if index == count { return count }
        // 1...7 bytes of the last word come before `index`: 0xFF needs no escape.
        let skipped = UInt64(8 &* (index &- lastWord))
        let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: lastWord, as: UInt64.self))
        output.storeBytes(of: (word &>> skipped).littleEndian, toByteOffset: index &- start, as: UInt64.self)
        let flags = escapeFlags(word | ((UInt64(1) &<< skipped) &- 1))
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
}
