/// A growing run of bytes that output is written into piece by piece: an append is a bounds test and a copy, where
/// `Array.append(contentsOf:)` of a string's UTF-8 view cost about 260 instructions a call and of another array
/// about 100 (a rendered pull-request body is some sixty appends, for every cluster of a fleet).
///
/// The writer owns its buffer (it cannot be copied, and frees the buffer when it goes); ``bytes`` copies the text
/// out once at the end.
struct ByteWriter: ~Copyable {
    /// The buffer.
    private var buffer: UnsafeMutablePointer<UInt8>
    /// How many bytes of `buffer` are written.
    private(set) var count = 0
    /// How many bytes `buffer` holds.
    private var capacity: Int

    /// An empty writer whose buffer holds `capacity` bytes before it must grow.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        buffer = .allocate(capacity: self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// The bytes written so far.
    var bytes: [UInt8] {
        // Initialized in one copy: `Array(UnsafeBufferPointer(...))` went through the generic collection copy.
        Array(unsafeUninitializedCapacity: count) { copy, initialized in
            copy.baseAddress!.initialize(from: buffer, count: count)
            initialized = count
        }
    }

    /// The bytes written so far as a string (invalid UTF-8 repaired, as `String(decoding:as:)` does).
    var string: String {
        String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    /// True when nothing is written yet.
    var isEmpty: Bool { count == 0 }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        buffer[count] = byte
        count += 1
    }

    /// Appends `sourceCount` bytes from `source`.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count sourceCount: Int) {
        if capacity - count < sourceCount { grow(toHold: sourceCount) }
        Self.copy(source, count: sourceCount, to: buffer + count)
        count += sourceCount
    }

    /// Lets `write` put up to `maxCount` bytes straight after the text, and keeps the number of them it returns: one
    /// bounds test for several small pieces. `write` may leave bytes past that number (a word stored whole), which
    /// the next append overwrites; it must not write past `maxCount`.
    @inline(__always)
    mutating func appendInPlace(maxCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        if capacity - count < maxCount { grow(toHold: maxCount) }
        let written = write(buffer + count)
        assert(written >= 0 && written <= maxCount, "an in-place write kept more than the room it asked for")
        count += written
    }

    /// Copies `count` bytes: up to 16 as two overlapping loads and stores (most pieces of output are that short,
    /// and `memcpy` cost a call and a size dispatch each), longer runs with `memcpy`.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, count: Int, to destination: UnsafeMutablePointer<UInt8>) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(destination)
        if count > 16 {
            to.copyMemory(from: from, byteCount: count)
        } else if count >= 8 {
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
        } else {
            for offset in 0..<count { destination[offset] = source[offset] }
        }
    }

    /// Appends the bytes of a buffer.
    @inline(__always)
    mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        append(base, count: source.count)
    }

    /// Appends the bytes of an array.
    @inline(__always)
    mutating func append(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a fixed ASCII text.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Appends an integer in decimal, as `String(value)` spells it.
    mutating func append(decimal value: Int) {
        appendInPlace(maxCount: Self.maxDecimalCount) { Self.writeDecimal(value, to: $0) }
    }

    /// The most bytes ``writeDecimal(_:to:)`` writes: a sign and 19 digits (`Int.min`).
    static let maxDecimalCount = 20

    /// Writes an integer in decimal at `destination`, as `String(value)` spells it, and returns how many bytes it
    /// wrote (at most ``maxDecimalCount``).
    static func writeDecimal(_ value: Int, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        var digitCount = 1
        var rest = value.magnitude
        while rest >= 10 {
            digitCount += 1
            rest /= 10
        }
        let length = digitCount + (value < 0 ? 1 : 0)
        if value < 0 { destination[0] = UInt8(ascii: "-") }
        rest = value.magnitude
        for index in stride(from: length - 1, through: length - digitCount, by: -1) {
            destination[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return length
    }

    /// Appends a string's UTF-8, lent where the string stores it (a string stored otherwise is made native first).
    mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Appends a substring's UTF-8.
    mutating func append(_ text: Substring) {
        text.withUTF8Bytes { append($0) }
    }

    /// Moves the bytes into a buffer at least twice as large, with room for `extra` more bytes.
    private mutating func grow(toHold extra: Int) {
        let newCapacity = max(2 * capacity, count + extra)
        let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBuffer.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }
}
