import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first `\n` at or after `start`, or `count` when there is none.
    ///
    /// Found with `memchr`: on these files it beat both a byte-by-byte loop and a scan of eight bytes at a time. The
    /// one search for line feeds in bytes that the diff, its window and the text templates share.
    func offsetOfLineFeed(from start: Int) -> Int {
        guard start < count, let base = baseAddress, let found = memchr(base + start, 0x0A, count - start) else {
            return count
        }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
}
