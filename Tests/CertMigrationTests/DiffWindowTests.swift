import Testing

@testable import CertMigration

/// `UnifiedDiff` diffs only the window of changed lines with their context (`DiffWindow`, found in the bytes); its
/// hunks must be exactly those of a diff of every line, whatever the files and the edits.
@Suite struct DiffWindowTests {
    /// Lines that repeat, look alike or differ only in their break, so common ends and moved lines are frequent.
    static let texts = ["a: 1", "a: 1", "b: 2", "", "  - x", "# c", "é: ü", "a: 10", "a: 1 "]

    static func file(_ random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...30, using: &random) {
            bytes += Array(random.pick(texts).utf8) + (Int.random(in: 0..<5, using: &random) == 0 ? [13, 10] : [10])
        }
        if !bytes.isEmpty, Int.random(in: 0..<4, using: &random) == 0 { bytes.removeLast() }
        return bytes
    }

    static func edited(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var lines = LineDiff.lines(of: bytes).map(Array.init)
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            let index = Int.random(in: 0...lines.count, using: &random)
            let line = Array(random.pick(texts).utf8) + [10]
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where index < lines.count: lines[index] = line
            case 1: lines.insert(line, at: index)
            case 2 where index < lines.count: lines.remove(at: index)
            default: break
            }
        }
        for index in lines.indices.dropLast() where lines[index].last != 10 { lines[index] += [10] }
        var result = lines.flatMap { $0 }
        switch Int.random(in: 0..<6, using: &random) {
        case 0 where result.last == 10: result.removeLast()
        case 1 where !result.isEmpty && result.last != 10: result.append(10)
        case 2: result.removeLast(min(result.count, Int.random(in: 0...3, using: &random)))
        case 3: result.append(contentsOf: Array("x".utf8))
        default: break
        }
        return result
    }

    @Test func windowedHunksEqualTheFullFileHunks() {
        var random = SplitMix64(state: 20_261_126)
        for _ in 0..<3_000 {
            let old = Self.file(&random)
            let new = Int.random(in: 0..<10, using: &random) == 0 ? Self.file(&random) : Self.edited(old, &random)
            let context = Int.random(in: 0...5, using: &random)
            let windowed = UnifiedDiff(old: old, new: new, path: "v.yaml", contextLines: context).hunks
            let full = UnifiedDiff.fullFileHunks(old: old, new: new, contextLines: context)
            let shown = [old, new].map { String(decoding: $0, as: UTF8.self).debugDescription }
            #expect(windowed == full, "\(shown[0]) -> \(shown[1]), context \(context)")
        }
    }

    @Test(arguments: [
        ("a\n", "a\n"), ("", ""), ("a", "a\n"), ("a\n", "a"), ("", "a\n"), ("a\n", ""), ("a\nb", "a\nc\nb"),
        ("a\r\nb\n", "a\nb\n"), ("x\na\n", "a\n"), ("a\n", "x\na\n"), ("a\na\na\n", "a\na\n"), ("a\nb\n", "b\na\n"),
    ])
    func edgeCases(old: String, new: String) {
        for context in 0...4 {
            #expect(
                UnifiedDiff(old: Array(old.utf8), new: Array(new.utf8), path: "v", contextLines: context).hunks
                    == UnifiedDiff.fullFileHunks(old: Array(old.utf8), new: Array(new.utf8), contextLines: context))
        }
        #expect((DiffWindow(old: Array(old.utf8), new: Array(new.utf8), contextLines: 3) == nil) == (old == new))
    }

    /// A one-line edit in a long file reads a few lines, not the file.
    @Test func theWindowHoldsTheChangeAndItsContext() throws {
        let lines = (0..<1_000).map { "key\($0): value\n" }
        var edited = lines
        edited[500] = "key500: changed\n"
        let window = try #require(
            DiffWindow(old: Array(lines.joined().utf8), new: Array(edited.joined().utf8), contextLines: 3))
        #expect(window.firstLine == 497)
        #expect(String(decoding: window.old, as: UTF8.self) == lines[497...503].joined())
        #expect(String(decoding: window.new, as: UTF8.self) == edited[497...503].joined())
    }

    @Test func lineFeedsAreCountedAtEveryLengthAndOffset() {
        var random = SplitMix64(state: 5)
        let pieces: [UInt8] = [0x0A, 0x0A, 0x0B, 0x09, 0x8A, 0x0A ^ 0x80, 0x00, 0xFF, 0x7F, 0x61, 0x2A]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in random.pick(pieces) }
            let start = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            bytes.withUnsafeBufferPointer { buffer in
                let slice = UnsafeBufferPointer(rebasing: buffer[start...])
                #expect(DiffWindow.lineFeeds(in: slice) == slice.filter { $0 == 0x0A }.count, "\(bytes) from \(start)")
            }
        }
    }

    @Test func commonEndsAreFoundAcrossBlocks() {
        let a = Array(repeating: UInt8(ascii: "x"), count: 300) + [1] + Array(repeating: UInt8(ascii: "y"), count: 200)
        let b =
            Array(repeating: UInt8(ascii: "x"), count: 300) + [2, 2] + Array(repeating: UInt8(ascii: "y"), count: 200)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                #expect(DiffWindow.commonPrefix(a, b) == 300)
                #expect(DiffWindow.commonSuffix(a, b, limit: 201) == 200)
                #expect(DiffWindow.commonSuffix(a, b, limit: 130) == 130)
                #expect(DiffWindow.lineFeeds(in: a) == 0)
            }
        }
    }

    /// Common ends around every size of large and small block: the texts share `length` bytes and then differ, or
    /// one ends there, at the start and (reversed) at the end.
    @Test(arguments: [0, 1, 63, 64, 65, 1023, 1024, 1025, 1087, 1088, 1089, 2047, 2048, 2049, 3000])
    func commonEndsOfAnyLength(_ length: Int) {
        let common = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        for (a, b) in [(common + [1], common + [2]), (common, common), (common, common + [3])] {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in #expect(DiffWindow.commonPrefix(a, b) == length) }
            }
            let (reversedA, reversedB) = (Array(a.reversed()), Array(b.reversed()))
            reversedA.withUnsafeBufferPointer { a in
                reversedB.withUnsafeBufferPointer { b in
                    let limit = min(a.count, b.count)
                    #expect(DiffWindow.commonSuffix(a, b, limit: limit) == length)
                    #expect(DiffWindow.commonSuffix(a, b, limit: limit / 2) == min(length, limit / 2))
                }
            }
        }
    }
}
