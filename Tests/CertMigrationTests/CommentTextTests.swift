import Testing

@testable import CertMigration

/// Wrapping prose for comments: greedy, words kept whole and in order, no line over the width unless one word is.
@Suite struct CommentTextTests {
    @Test func wrapsGreedilyAtTheWidth() {
        #expect(CommentText.wrap("aa bb cc dd", width: 5) == ["aa bb", "cc dd"])
        #expect(CommentText.wrap("aa bb cc dd", width: 4) == ["aa", "bb", "cc", "dd"])
        #expect(CommentText.wrap("averyveryverylongword x", width: 5) == ["averyveryverylongword", "x"])
        #expect(CommentText.wrap("", width: 10) == [])
        #expect(CommentText.wrap("  spaced   words ", width: 40) == ["spaced words"])
        #expect(CommentText.wrap("été à Zürich", width: 7) == ["été à", "Zürich"], "counted in characters")
    }

    @Test func generatedProseKeepsEveryRule() {
        var generator = SplitMix64(state: 20_261_125)
        let words = [
            "a", "KEDA", "certificate", "rotation", "é", "cert-manager", "v2.16.1",
            "x" + String(repeating: "y", count: 30),
        ]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in generator.pick(words) }
                .joined(separator: " ")
            let width = Int.random(in: 1...60, using: &generator)
            let lines = CommentText.wrap(text, width: width)
            #expect(lines.joined(separator: " ") == text, "words whole and in order")
            for (index, line) in lines.enumerated() {
                let lineWords = line.split(separator: " ")
                #expect(line.count <= width || lineWords.count == 1, "\(line.debugDescription) over \(width)")
                if index + 1 < lines.count, let next = lines[index + 1].split(separator: " ").first {
                    #expect(line.count + 1 + next.count > width, "greedy: \(next) fits on \(line.debugDescription)")
                }
            }
        }
    }

    /// The byte path must give exactly what the character path gives; texts with a `\r` or a non-ASCII byte
    /// (where a byte is not a character) must leave it.
    @Test func asciiPathEqualsCharacterPath() {
        var generator = SplitMix64(state: 20_261_126)
        let pieces = ["a", "bb", " ", "  ", "\t", "\n", "x-y.z", "ccccccccccc", "\u{7F}", "~"]
        for _ in 0..<1000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in generator.pick(pieces) }.joined()
            let width = Int.random(in: 1...25, using: &generator)
            #expect(CommentText.wrapASCII(text, width: width) == CommentText.wrapCharacters(text, width: width))
        }
        #expect(CommentText.wrapASCII("a\r\nb c", width: 3) == nil, "\\r\\n is one character of two bytes")
        #expect(CommentText.wrapASCII("é b", width: 3) == nil)
        #expect(CommentText.wrap("a\r\nb c", width: 5) == ["a\r\nb c"], "5 characters, 6 bytes")
    }

    /// `wrapped` builds the joined text in one buffer; it must equal joining `wrap`'s lines, ASCII or not.
    @Test func wrappedEqualsTheJoinedLines() {
        var generator = SplitMix64(state: 20_261_127)
        let pieces = ["a", "bb", " ", "  ", "\t", "x-y.z", "ccccccccccc", "é", "\r\n", "~"]
        for _ in 0..<1000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in generator.pick(pieces) }.joined()
            let width = Int.random(in: 1...25, using: &generator)
            let lines = CommentText.wrap(text, width: width)
            #expect(CommentText.wrapped(text, width: width, separator: "\n") == lines.joined(separator: "\n"))
            #expect(
                CommentText.wrapped(text, width: width, linePrefix: "# ", separator: "\n", terminator: "\n")
                    == lines.map { "# " + $0 + "\n" }.joined(), "\(text.debugDescription)")
        }
        #expect(CommentText.wrapped("", width: 5, linePrefix: "# ", separator: "\n", terminator: "\n") == "")
    }
}
