#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads everything left in an open file descriptor, in chunks, retrying reads a signal interrupted.
enum DescriptorReader {
    /// What reading gave.
    enum Outcome {
        /// All the bytes, up to the end of the file.
        case bytes([UInt8])
        /// A read failed with this `errno`.
        case failed(errno: Int32)
        /// More than the limit arrived; reading stopped there.
        case overLimit
    }

    /// Reads to the end. `sizeHint` (a regular file's size) sizes the result, so that such a file is read in one call
    /// straight into it (one byte more is asked for, to see the end); `limit` stops a stream that does not end.
    ///
    /// No zero-filled chunk is allocated and copied for a file of known size: a 64 KiB one per file (seven for a
    /// one-cluster `generate`, which reads its outputs back to compare) was pages touched at every start.
    static func readAll(_ descriptor: Int32, sizeHint: Int = 0, limit: Int = .max) -> Outcome {
        var failure: Int32?
        var filledCapacity = false
        var bytes = [UInt8](unsafeUninitializedCapacity: max(sizeHint + 1, 1 << 12)) { buffer, filled in
            filled = 0
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count == 0 { return }
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                filled += count
                if filled > limit { return }
            }
            filledCapacity = true
        }
        if let failure { return .failed(errno: failure) }
        if bytes.count > limit { return .overLimit }
        guard filledCapacity else { return .bytes(bytes) }
        // Longer than the hint (a stream, or a file that grew since `fstat`): the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .bytes(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno: errno)
            }
            bytes += chunk[..<count]
            if bytes.count > limit { return .overLimit }
        }
    }
}
