import Synchronization

/// An input's bytes with the index needed to turn byte offsets into lines and columns and to quote a line back.
///
/// This is the one place where positions are converted: libyaml's marks count characters, not bytes (a CRLF counts
/// two, a byte order mark one), and invalid UTF-8 only has a byte offset. Everything else works in byte offsets.
public struct SourceText: Sendable {
    /// The input's bytes, exactly as given.
    public let bytes: [UInt8]
    /// True when the input contains only ASCII bytes, so a character index is a byte offset.
    public let isASCII: Bool
    /// The offset of the first NUL byte, or nil when there is none (a YAML file cannot contain one).
    public let firstNULOffset: Int?
    /// The line starts, found on first use and then kept (copies of this source share them).
    private let lineStartsIndex: LineStartsIndex

    /// Byte offsets at which each line starts; `lineStarts[0] == 0`. Lines break at LF, CR LF and a lone CR, as in
    /// YAML.
    ///
    /// Found on first use: most parsed inputs never need them (libyaml's marks carry lines and columns already;
    /// only an error, an edit or a block scalar's end asks), and finding them for every input cost more than the
    /// tree builder's own work on a scalar.
    public var lineStarts: [Int] {
        lineStartsIndex.lineStarts(of: bytes)
    }

    /// Takes the bytes, noting whether they are all ASCII and where the first NUL byte is.
    ///
    /// Eight bytes are looked at together, in one pass without an early exit (which the compiler turns into
    /// vector code); only an input with a NUL byte is gone through again to find the first one.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.lineStartsIndex = LineStartsIndex()
        var high: UInt64 = 0
        var zeros: UInt64 = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            let words = count / 8
            let raw = UnsafeRawPointer(base)
            for word in 0..<words {
                let value = raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)
                high |= value
                zeros |= Self.zeroBytes(value)
            }
            for index in (words * 8)..<count {
                high |= UInt64(base[index])
                if base[index] == 0 { zeros = 1 }
            }
        }
        self.isASCII = high & Self.highBits == 0
        self.firstNULOffset = zeros == 0 ? nil : bytes.firstIndex(of: 0)
    }

    /// The offsets at which lines start. Eight bytes are looked at together: in a word without a carriage return
    /// (nearly all of them) the line feeds are found from the word's bits; a word with one is gone through byte by
    /// byte.
    static func findLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var index = 0
            while index < count {
                if index + 8 <= count {
                    // Little-endian order whatever the machine: byte k of the input is bits 8k to 8k+7.
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if Self.zeroBytes(word ^ Self.carriageReturns) == 0 {
                        var lineFeeds = Self.zeroBytes(word ^ Self.lineFeeds)
                        while lineFeeds != 0 {
                            starts.append(index + lineFeeds.trailingZeroBitCount / 8 + 1)
                            lineFeeds &= lineFeeds - 1
                        }
                        index += 8
                        continue
                    }
                }
                let end = min(index + 8, count)
                while index < end {
                    let byte = buffer[index]
                    if byte == 0x0A {
                        starts.append(index + 1)
                    } else if byte == 0x0D {
                        if index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                        starts.append(index + 1)
                    }
                    index += 1
                }
            }
        }
        return starts
    }

    private static let lowSevenBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    private static let carriageReturns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// The high bit of every byte of a word that is zero, and of no other (exact: no carry crosses a byte).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowSevenBits) &+ lowSevenBits) | word | lowSevenBits)
    }

    /// Creates the source of a Swift string (UTF-8).
    public init(_ string: String) {
        self.init(Array(string.utf8))
    }

    /// True when the input starts with a UTF-8 byte order mark.
    public var hasByteOrderMark: Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The line break the input uses first (`"\r\n"`, `"\r"` or `"\n"`); `"\n"` when it has none.
    public var lineBreak: String {
        guard let first = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return "\n" }
        if bytes[first] == 0x0A { return "\n" }
        return first + 1 < bytes.count && bytes[first + 1] == 0x0A ? "\r\n" : "\r"
    }

    /// The 0-based index of the line holding a byte offset.
    public func lineIndex(ofOffset offset: Int) -> Int {
        Self.lineIndex(ofOffset: offset, in: lineStarts)
    }

    /// The index of the last line start at or before `offset` (0 when there is none), by binary search of increasing
    /// line starts.
    public static func lineIndex(ofOffset offset: Int, in lineStarts: [Int]) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The line and column of a byte offset, the column counted in characters as libyaml counts them.
    public func position(ofOffset offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        let lineStarts = lineStarts
        let line = Self.lineIndex(ofOffset: clamped, in: lineStarts)
        var column = 1
        var index = lineStarts[line]
        while index < clamped {
            index += Self.sequenceLength(leadByte: bytes[index])
            column += 1
        }
        return SourcePosition(offset: clamped, line: line + 1, column: column)
    }

    /// The byte range of a 0-based line, without its line break.
    public func lineRange(_ lineIndex: Int) -> Range<Int> {
        let lineStarts = lineStarts
        let start = lineStarts[lineIndex]
        var end = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The text of a 1-based line, without its line break, with invalid UTF-8 replaced.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        return String(decoding: bytes[lineRange(line - 1)], as: UTF8.self)
    }

    /// The bytes of a range as a string, with invalid UTF-8 replaced.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The number of bytes of the UTF-8 sequence a lead byte begins (1 for a stray or invalid byte).
    static func sequenceLength(leadByte: UInt8) -> Int {
        switch leadByte {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is valid.
    public func firstInvalidUTF8Offset() -> Int? {
        if isASCII { return nil }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(byte & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(byte & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(byte & 0x07))
            default: return index
            }
            guard index + length <= count else { return index }
            for next in 1..<length {
                let continuation = bytes[index + next]
                guard continuation & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }
}

/// Turns libyaml's character indexes into byte offsets, walking from the last answer (marks arrive nearly in order).
///
/// libyaml counts characters after a UTF-8 byte order mark, which its reader skips: index 0 is the byte after it.
/// A CR LF counts two characters, as it is two bytes.
struct CharacterIndexConverter {
    private let source: SourceText
    /// The source's `isASCII` and byte count, for the answer inlined into every mark's conversion.
    private let isASCII: Bool
    private let byteCount: Int
    private let origin: Int
    private var lastIndex = 0
    private var lastOffset: Int

    init(_ source: SourceText) {
        self.source = source
        self.isASCII = source.isASCII
        self.byteCount = source.bytes.count
        self.origin = source.hasByteOrderMark ? 3 : 0
        self.lastOffset = origin
    }

    /// The byte offset of the character at a 0-based character index.
    @inline(__always)
    mutating func offset(ofCharacterIndex index: Int) -> Int {
        if isASCII { return min(index, byteCount) }
        return walkedOffset(ofCharacterIndex: index)
    }

    /// `offset(ofCharacterIndex:)` in input that is not all ASCII: walked from the last answer.
    private mutating func walkedOffset(ofCharacterIndex index: Int) -> Int {
        let bytes = source.bytes
        while lastIndex < index, lastOffset < bytes.count {
            lastOffset += SourceText.sequenceLength(leadByte: bytes[lastOffset])
            lastIndex += 1
        }
        while lastIndex > index, lastOffset > origin {
            lastOffset -= 1
            while lastOffset > origin, bytes[lastOffset] & 0xC0 == 0x80 { lastOffset -= 1 }
            lastIndex -= 1
        }
        lastOffset = min(lastOffset, bytes.count)
        return lastOffset
    }
}

/// The line starts of one input, found by the first reader that asks and shared by every copy of its source; the
/// readers may be on different threads.
///
/// The box of line starts is held through an atomic word (its address, 0 until found), not `AtomicLazyReference`,
/// whose load looked up its generic metadata at run time on every read: about 1,400 instructions a read.
private final class LineStartsIndex: Sendable {
    /// The line starts, boxed to be held through one word.
    final class Found: Sendable {
        let lineStarts: [Int]

        init(_ lineStarts: [Int]) {
            self.lineStarts = lineStarts
        }
    }

    /// The address of the retained `Found`, or 0.
    private let found = Atomic<UInt>(0)

    /// The line starts of `bytes` (always the same bytes for one index).
    @inline(__always)
    func lineStarts(of bytes: [UInt8]) -> [Int] {
        let address = found.load(ordering: .acquiring)
        if address != 0 { return Self.box(at: address).lineStarts }
        return find(bytes)
    }

    /// Finds the line starts and keeps them, unless another thread kept its own first (then those are used).
    @inline(never)
    private func find(_ bytes: [UInt8]) -> [Int] {
        let box = Found(SourceText.findLineStarts(bytes))
        let address = UInt(bitPattern: Unmanaged.passRetained(box).toOpaque())
        let (stored, current) = found.compareExchange(expected: 0, desired: address, ordering: .acquiringAndReleasing)
        if stored { return box.lineStarts }
        Unmanaged<Found>.fromOpaque(UnsafeRawPointer(bitPattern: address)!).release()
        return Self.box(at: current).lineStarts
    }

    @inline(__always)
    private static func box(at address: UInt) -> Found {
        Unmanaged<Found>.fromOpaque(UnsafeRawPointer(bitPattern: address)!).takeUnretainedValue()
    }

    deinit {
        let address = found.load(ordering: .acquiring)
        if address != 0 { Unmanaged<Found>.fromOpaque(UnsafeRawPointer(bitPattern: address)!).release() }
    }
}
