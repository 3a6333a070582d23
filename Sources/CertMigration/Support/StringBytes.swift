extension StringProtocol {
    /// `body` with the text's UTF-8 where the text keeps it: a native string or substring lends its own bytes, and
    /// text stored otherwise (bridged) is copied into a native string first.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var native = String(self)
        return try native.withUTF8(body)
    }
}

extension String {
    /// `parts` end to end, copied into the new string's storage at once.
    ///
    /// Interpolation appends to a `String` piece by piece, at about 400 instructions a piece, and the advice and the
    /// longer sentences of a plan are made of dozens of pieces.
    static func concatenating(_ parts: String...) -> String {
        var count = 0
        for part in parts { count += part.utf8.count }
        return String(unsafeUninitializedCapacity: count) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var end = 0
            for part in parts {
                end += part.withUTF8Bytes { utf8 in
                    if let source = utf8.baseAddress { ByteWriter.copy(source, count: utf8.count, to: base + end) }
                    return utf8.count
                }
            }
            return end
        }
    }
}
