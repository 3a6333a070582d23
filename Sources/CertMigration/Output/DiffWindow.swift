import Foundation

/// The part of two versions of a file that a unified diff has to read line by line: the changed middle with up to
/// `contextLines` unchanged lines on each side, found in the bytes.
///
/// A patched values file differs from its original in a few lines; splitting both whole files into lines (and
/// numbering each line to compare) cost more than the rest of the diff. The unchanged first and last lines are the
/// same in every shortest edit script (``LineDiff`` strips them before its search), so the window is found by
/// comparing bytes: the common first lines are the whole lines inside the common byte prefix, the common last lines
/// the whole lines inside the common byte suffix that does not reach into them. A ``LineDiff`` of the window's lines
/// is then the full-file script's middle part, numbered from ``firstLine``.
struct DiffWindow {
    /// The window's first line (0-based); the lines before it are the same in both versions.
    let firstLine: Int
    /// The window's bytes in the old version.
    let old: ArraySlice<UInt8>
    /// The window's bytes in the new version.
    let new: ArraySlice<UInt8>

    /// The window of two versions, or nil when they are identical.
    init?(old: [UInt8], new: [UInt8], contextLines: Int) {
        let lineFeed = UInt8(ascii: "\n")
        let context = max(0, contextLines)
        let found = old.withUnsafeBufferPointer { o in
            new.withUnsafeBufferPointer { n -> (firstLine: Int, start: Int, oldEnd: Int, newEnd: Int)? in
                let common = Self.commonPrefix(o, n)
                if common == o.count, common == n.count { return nil }
                // The common first lines: every line whose break lies inside the common prefix.
                var prefixEnd = common
                while prefixEnd > 0, o[prefixEnd - 1] != lineFeed { prefixEnd -= 1 }
                let prefixLines = Self.lineFeeds(in: UnsafeBufferPointer(rebasing: o[..<prefixEnd]))
                // Back up over the context lines before the change.
                var start = prefixEnd
                var contextBefore = 0
                while contextBefore < context, start > 0 {
                    start -= 1
                    while start > 0, o[start - 1] != lineFeed { start -= 1 }
                    contextBefore += 1
                }
                // The common last lines: whole lines inside the common suffix, which may not reach into the common
                // first lines. A line starts at the file's start or after a break, in both versions.
                let suffix = Self.commonSuffix(o, n, limit: min(o.count, n.count) - prefixEnd)
                let shift = n.count - o.count
                var suffixStart = o.count - suffix
                let startsLineInBoth =
                    (suffixStart == 0 || o[suffixStart - 1] == lineFeed)
                    && (suffixStart + shift == 0 || n[suffixStart + shift - 1] == lineFeed)
                if !startsLineInBoth {
                    // Past the next break of the old version; the byte before it is inside the common suffix, so it
                    // is a break in the new version too.
                    while suffixStart < o.count, o[suffixStart] != lineFeed { suffixStart += 1 }
                    suffixStart = min(suffixStart + 1, o.count)
                }
                // Keep the context lines after the change.
                var end = suffixStart
                var contextAfter = 0
                while contextAfter < context, end < o.count {
                    while end < o.count, o[end] != lineFeed { end += 1 }
                    end = min(end + 1, o.count)
                    contextAfter += 1
                }
                return (prefixLines - contextBefore, start, end, end + shift)
            }
        }
        guard let found else { return nil }
        firstLine = found.firstLine
        self.old = old[found.start..<found.oldEnd]
        self.new = new[found.start..<found.newEnd]
    }

    /// The blocks the common ends are compared in with `memcmp`: large ones across the unchanged bulk of a file (a
    /// values file is some thousands of bytes, and a call for every 64 of them cost more than the comparing), then
    /// small ones up to the change, then bytes.
    static let largeBlock = 1024
    static let smallBlock = 64

    /// How many bytes two buffers share at the start, compared with `memcmp` a block at a time.
    static func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let limit = min(a.count, b.count)
        var index = 0
        func skipEqualBlocks(of block: Int) {
            while index + block <= limit, memcmp(a.baseAddress! + index, b.baseAddress! + index, block) == 0 {
                index += block
            }
        }
        skipEqualBlocks(of: largeBlock)
        skipEqualBlocks(of: smallBlock)
        while index < limit, a[index] == b[index] { index += 1 }
        return index
    }

    /// How many bytes two buffers share at the end, at most `limit`, compared with `memcmp` a block at a time.
    static func commonSuffix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        var length = 0
        func skipEqualBlocks(of block: Int) {
            while length + block <= limit,
                memcmp(a.baseAddress! + a.count - length - block, b.baseAddress! + b.count - length - block, block)
                    == 0
            {
                length += block
            }
        }
        skipEqualBlocks(of: largeBlock)
        skipEqualBlocks(of: smallBlock)
        while length < limit, a[a.count - 1 - length] == b[b.count - 1 - length] { length += 1 }
        return length
    }

    /// The number of `\n` bytes in a buffer, found with `memchr`.
    static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = bytes.offsetOfLineFeed(from: 0)
        while index < bytes.count {
            count += 1
            index = bytes.offsetOfLineFeed(from: index + 1)
        }
        return count
    }
}
