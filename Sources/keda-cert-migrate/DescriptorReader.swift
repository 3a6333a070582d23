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

    /// Reads to the end. `sizeHint` (a regular file's size) sizes the result, so that such a file is read in one
    /// call straight into it (no zero-filled buffer, no copy); `limit` stops a stream that does not end.
    static func readAll(_ descriptor: Int32, sizeHint: Int = 0, limit: Int = .max) -> Outcome {
        var ended = false
        var failure: Int32?
        // One byte more than the hint: reading 0 bytes there is how a regular file's end shows.
        var bytes = [UInt8](unsafeUninitializedCapacity: max(sizeHint + 1, 1 << 12)) { buffer, count in
            count = 0
            while count < buffer.count, count <= limit {
                let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got == 0 {
                    ended = true
                    return
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                count += got
            }
        }
        if let failure { return .failed(errno: failure) }
        if bytes.count > limit { return .overLimit }
        if ended { return .bytes(bytes) }
        // A stream, or a file that grew: the rest in chunks.
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = read(descriptor, chunk.baseAddress, chunk.count)
            if count == 0 { return .bytes(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno: errno)
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
            if bytes.count > limit { return .overLimit }
        }
    }
}
