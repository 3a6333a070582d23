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

    /// Reads to the end. `sizeHint` (a regular file's size) sizes the buffer, so that such a file is read in one
    /// call; `limit` stops a stream that does not end.
    static func readAll(_ descriptor: Int32, sizeHint: Int = 0, limit: Int = .max) -> Outcome {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint)
        var chunk = [UInt8](repeating: 0, count: max(sizeHint + 1, 1 << 16))
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
