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
}
