import Testing

@testable import CertMigration

/// `LineDiff` numbers lines so that equal lines get equal numbers, in the order they first appear, whether it
/// looks them up among a few distinct lines or in a dictionary.
@Suite struct LineDiffTests {
    /// The numbering by first appearance, written out.
    static func reference(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> (old: [Int], new: [Int]) {
        var seen: [[UInt8]] = []
        func number(_ line: ArraySlice<UInt8>) -> Int {
            if let index = seen.firstIndex(of: Array(line)) { return index }
            seen.append(Array(line))
            return seen.count - 1
        }
        return (old.map(number), new.map(number))
    }

    @Test(arguments: [0, 1, 2, 5, 16, 17, 31, 32, 33, 40, 200])
    func equalLinesGetEqualNumbers(_ total: Int) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let words: [[UInt8]] = [Array("a\n".utf8), Array("b\n".utf8), Array("a".utf8), Array("a\r\n".utf8), []]
            let lines = (0..<total).map { _ in words.randomElement(using: &generator)![...] }
            let split = total == 0 ? 0 : Int.random(in: 0...total, using: &generator)
            let old = Array(lines[..<split])
            let new = Array(lines[split...])
            let numbered = LineDiff.numbered(old[...], new[...])
            let expected = Self.reference(old, new)
            #expect(numbered.old == expected.old)
            #expect(numbered.new == expected.new)
        }
    }

    /// A diff window is split where it lies in the file: every part of a text gives the lines of a copy of that
    /// part, as slices of the text itself (line breaks LF or CRLF, a last line with or without one, empty lines).
    @Test func partOfAnArraySplitsLikeACopyOfIt() {
        let text = Array("a: 1\r\n\nb:\n  c: 2\r\nd\n\n\ne".utf8)
        for start in 0...text.count {
            for end in start...text.count {
                let part = text[start..<end]
                let lines = LineDiff.lines(of: part)
                let copied = LineDiff.lines(of: Array(part))
                #expect(lines.map { Array($0) } == copied.map { Array($0) }, "\(start)..<\(end)")
                #expect(lines.first?.startIndex ?? start == start)
                #expect(lines.last?.endIndex ?? end == end)
            }
        }
    }

    @Test func slicesOfDifferentArraysCompareByBytes() {
        let first = Array("x\ny\n".utf8)
        let second = Array("y\nx\n".utf8)
        let old = LineDiff.lines(of: first)
        let new = LineDiff.lines(of: second)
        #expect(LineDiff.numbered(old[...], new[...]).new == [1, 0])
        #expect(LineDiff(old: old, new: new).operations.count == 3)
    }
}
