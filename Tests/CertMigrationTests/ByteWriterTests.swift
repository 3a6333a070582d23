import Testing

@testable import CertMigration

/// The byte writer's copies and in-place writes: every length the short copy treats apart, and writes that make the
/// buffer grow.
@Suite struct ByteWriterTests {
    /// A run of bytes that differ from their neighbours, so a copy from the wrong offset shows.
    static func pattern(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    }

    @Test("a copy of 0 to 40 bytes copies them and nothing else")
    func copyEveryShortLength() {
        for count in 0...40 {
            let source = Self.pattern(count: count)
            var destination = [UInt8](repeating: 0xEE, count: count + 8)
            source.withUnsafeBufferPointer { from in
                destination.withUnsafeMutableBufferPointer { to in
                    let target = to.baseAddress!
                    ByteWriter.copy(from.baseAddress ?? UnsafePointer(target), count: count, to: target)
                }
            }
            #expect(Array(destination[..<count]) == source, "count \(count)")
            #expect(destination[count...].allSatisfy { $0 == 0xEE }, "count \(count) wrote past its end")
        }
    }

    @Test("appends of every short length, into a buffer that grows, keep every byte in order")
    func appendsAcrossGrowth() {
        var writer = ByteWriter(capacity: 0)
        var expected: [UInt8] = []
        for count in 0...40 {
            let piece = Self.pattern(count: count)
            piece.withUnsafeBufferPointer { writer.append($0) }
            expected += piece
        }
        #expect(writer.bytes == expected)
    }

    @Test("an in-place write keeps the bytes it counts; what it left past them is overwritten by the next append")
    func inPlaceWriteKeepsItsCount() {
        var writer = ByteWriter(capacity: 0)
        writer.append("ab")
        for room in [1, 8, 40, 100] {
            writer.appendInPlace(maxCount: room) { start in
                // Fills the whole room, keeps one byte.
                for offset in 0..<room { start[offset] = UInt8(ascii: "x") }
                return 1
            }
            writer.append("-")
        }
        writer.appendInPlace(maxCount: 4) { _ in 0 }
        #expect(writer.string == "abx-x-x-x-")
    }
}
