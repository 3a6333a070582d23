import Testing

@testable import YAMLKit

/// Positions are kept in 32 bits each; the parser's input limit keeps every real position inside that.
@Suite struct SourcePositionTests {
    @Test func aSpanTakesTwentyFourBytes() {
        #expect(MemoryLayout<SourcePosition>.size == 12)
        #expect(MemoryLayout<SourceSpan>.size == 24)
    }

    @Test func everyOffsetOfAnAcceptedInputIsKeptExactly() {
        let last = YAMLLimits.largestInputBytes
        var position = SourcePosition(offset: last, line: last, column: last)
        #expect(position.offset == last && position.line == last && position.column == last)
        position.offset = 7
        position.column -= 1
        #expect(position == SourcePosition(offset: 7, line: last, column: last - 1))
        position.line += 1
        #expect(position.line == last)
    }

    @Test func numbersBeyondThirtyTwoBitsAreClampedNotTrapped() {
        let position = SourcePosition(offset: Int.max, line: -1, column: Int(Int32.min) - 1)
        #expect(position.offset == Int(Int32.max))
        #expect(position.line == -1)
        #expect(position.column == Int(Int32.min))
    }

    /// In ASCII input libyaml's lines and columns are the source's everywhere, so every span the parser reports,
    /// including those that end at the end of the input (where libyaml starts a line that is not there when the
    /// last line has no break, and the parser corrects it without reading the whole input), must be what the
    /// source's own line starts say.
    @Test(arguments: [UInt64(0x5EA1), 0x5EA2])
    func spansAtTheEndOfTheInputMatchTheSourcesLines(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let pieces = [
            "a: 1", "b:", "  - x", "  - 'y'", "c: |", "  text", "", "d: {e: f}", "- g", "h: [i, j]", "# note", "---",
            "...", "k: \"l\"", "m: >-", "   folded", "n:   ", "o: &p q", "r: *p",
        ]
        let breaks = ["\n", "\r\n", "\r"]
        var checked = 0
        for _ in 0..<1_500 {
            let lineBreak = random.pick(breaks)
            var text = (0..<Int.random(in: 1...6, using: &random)).map { _ in random.pick(pieces) }
                .joined(separator: lineBreak)
            if Bool.random(using: &random) { text += lineBreak }
            if Bool.random(using: &random) {
                text += String(repeating: " ", count: Int.random(in: 1...3, using: &random))
            }
            guard let stream = try? YAMLParser().parse(text) else { continue }
            checked += 1
            var spans = stream.documents.map(\.span)
            var nodes = stream.documents.map(\.root)
            while let node = nodes.popLast() {
                spans.append(node.span)
                nodes += node.items ?? []
                for pair in node.pairs ?? [] { nodes += [pair.key, pair.value] }
            }
            for span in spans {
                for position in [span.start, span.end] {
                    let expected = stream.source.position(ofOffset: position.offset)
                    #expect(
                        position.line == expected.line && position.column == expected.column,
                        "\(text.debugDescription): \(position) at byte \(position.offset), expected \(expected)")
                }
            }
        }
        #expect(checked > 500)
    }
}
