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
        (buffer + count).initialize(from: source, count: sourceCount)
        count += sourceCount
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
        var digitCount = 1
        var rest = value.magnitude
        while rest >= 10 {
            digitCount += 1
            rest /= 10
        }
        let length = digitCount + (value < 0 ? 1 : 0)
        if capacity - count < length { grow(toHold: length) }
        if value < 0 { buffer[count] = UInt8(ascii: "-") }
        rest = value.magnitude
        for index in stride(from: count + length - 1, through: count + length - digitCount, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += length
    }

    /// Appends a string's UTF-8, lent where the string stores it (a string stored otherwise is made native first).
    mutating func append(_ text: String) {
        let lent: Void? = text.utf8.withContiguousStorageIfAvailable { append($0) }
        if lent == nil {
            var native = text
            native.withUTF8 { append($0) }
        }
    }

    /// Appends a substring's UTF-8.
    mutating func append(_ text: Substring) {
        let lent: Void? = text.utf8.withContiguousStorageIfAvailable { append($0) }
        if lent == nil {
            var native = text
            native.withUTF8 { append($0) }
        }
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
