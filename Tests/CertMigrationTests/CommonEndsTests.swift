import Testing

@testable import CertMigration

/// The shared first and last elements of two lists, which the line diff and the embedded-values editor skip.
@Suite struct CommonEndsTests {
    @Test(arguments: [
        (["a", "b", "c"], ["a", "x", "c"], 1, 1),
        (["a", "b"], ["a", "b"], 2, 0),
        (["a", "a"], ["a"], 1, 0),  // the end does not reuse what the start took
        (["a"], ["a", "a"], 1, 0),
        ([], ["a"], 0, 0),
        (["x", "a", "b"], ["a", "b"], 0, 2),
        (["a", "b", "a"], ["a", "a"], 1, 1),
    ])
    func sharedEnds(old: [String], new: [String], prefix: Int, suffix: Int) {
        let ends = old.commonEnds(with: new)
        #expect(ends.prefix == prefix)
        #expect(ends.suffix == suffix)
    }

    /// Lines of bytes are compared with memcmp; the ends must be those the element-wise comparison finds, and the
    /// lines those a byte-by-byte split gives.
    @Test func byteLinesAgreeWithTheGenericComparison() {
        var generator = SplitMix64(state: 20_261_127)
        let pieces: [[UInt8]] = [[0x61], [0x0A], [0x0D, 0x0A], [0x62, 0x63], [], [0x00], [0xC3, 0xA9]]
        for _ in 0..<500 {
            func text() -> [UInt8] {
                (0..<Int.random(in: 0...12, using: &generator)).flatMap { _ in generator.pick(pieces) }
            }
            let old = text()
            let new = Bool.random(using: &generator) ? old + text() : text() + old
            let (oldLines, newLines) = (LineDiff.lines(of: old), LineDiff.lines(of: new))
            #expect(oldLines.map(Array.init) == Self.splitByteByByte(old))
            #expect(newLines.map(Array.init) == Self.splitByteByByte(new))
            let generic = oldLines.commonEnds(with: newLines, by: ==)
            let fast = oldLines.commonEnds(with: newLines)
            #expect(fast.prefix == generic.prefix && fast.suffix == generic.suffix)
        }
    }

    /// Lines each ending after its `\n`, the last one possibly without.
    static func splitByteByByte(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        for byte in bytes {
            line.append(byte)
            if byte == 0x0A {
                lines.append(line)
                line = []
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
