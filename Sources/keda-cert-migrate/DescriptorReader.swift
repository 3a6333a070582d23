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

    /// Reads to the end. `sizeHint` (a regular file's size as `fstat` gave it, or 0; never given for a stream)
    /// sizes the result, so that such a file is read in one call straight into it (no zero-filled buffer, no copy);
    /// `limit` stops a stream that does not end.
    ///
    /// A regular file that holds exactly `sizeHint` bytes is read in one call: a read that asked for more and got
    /// exactly the size the file had at `fstat` is taken as its end, without the read that would return 0. Those are
    /// the bytes a read to the end gives when nothing is appended between its last two reads (a file that grows in
    /// that instant is read as it was at `fstat`, as it would be had the growth come an instant later); a read short
    /// of the size (a file that shrank, a signal) reads on as before.
    static func readAll(_ descriptor: Int32, sizeHint: Int = 0, limit: Int = .max) -> Outcome {
        var ended = false
        var failure: Int32?
        // One byte more than the hint: reading 0 bytes there is how a file's end shows when its size changed.
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
                if sizeHint > 0, count == sizeHint {
                    ended = true
                    return
                }
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
