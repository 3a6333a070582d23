import Testing

@testable import YAMLKit

/// The editor's quicker ways of answering, held to the general ways they stand for.
@Suite("Editor: shortcuts answer as the general way")
struct EditorShortcutTests {
    /// Texts with every kind of line break, a byte order mark, blank, comment and empty lines, with and without a
    /// final line break.
    static let texts: [String] = [
        "a: 1\nb:\n  c: 2\n\n  # note\nd: 3\n",
        "a: 1\r\nb:\r\n  c: 2\r\n\r\n   # note\r\nd: 3",
        "a: 1\rb:\r  c: 2\r\r  # x\rd: 3\r",
        "\u{FEFF}# top\na: 1\n\n\nb: |\n  text\n\n",
        "\u{FEFF}a: 1",
        "a: [1,\n  2]\r\n# end\r\n\r\n",
        "",
        "\n",
        "# only a comment",
    ]

    @Test("lines found around an offset are the source's lines", arguments: texts)
    func linesAroundOffsets(text: String) throws {
        let stream = try YAMLParser().parse(text, fileName: "values.yaml")
        let session = try EditSession(stream: stream, documentIndex: 0)
        let source = stream.source
        let starts = source.lineStarts
        for offset in 0...source.bytes.count {
            #expect(
                session.lineStart(around: offset) == starts[source.lineIndex(ofOffset: offset)],
                "offset \(offset) of \(text.debugDescription)")
        }
        for line in starts.indices {
            let start = starts[line]
            #expect(session.lineStart(after: start) == (line + 1 < starts.count ? starts[line + 1] : nil))
            #expect(session.lineRange(startingAt: start) == source.lineRange(line))
            #expect(session.isBlankLine(startingAt: start) == session.isBlank(line))
            let range = source.lineRange(line)
            let lead = line == 0 && source.hasByteOrderMark ? 3 : 0
            let body = source.bytes[(range.lowerBound + lead)..<range.upperBound]
            let spaces = body.prefix { $0 == 0x20 }.count
            let isComment = body.dropFirst(spaces).first == UInt8(ascii: "#")
            #expect(session.commentIndent(lineStartingAt: start) == (isComment ? spaces : nil))
        }
    }

    @Test("the last line of every pair and node, found around offsets, is the one the line index gives")
    func lastLinesOfNodes() throws {
        let yaml = """
            a:
              b: 1
              c: |+
                text

              # deeper
            # shallow
            d:
              - x: 1
                y: >-
                  folded

            e: |
              kept
            """
        let stream = try YAMLParser().parse(yaml, fileName: "values.yaml")
        let session = try EditSession(stream: stream, documentIndex: 0)
        let source = stream.source
        var pending = [stream.documents[0].root]
        var visited = 0
        while let node = pending.popLast() {
            #expect(session.lastLine(of: node) == source.lineIndex(ofOffset: session.lastLineStart(of: node)))
            #expect(source.lineStarts.contains(session.lastLineStart(of: node)))
            for pair in node.pairs ?? [] {
                let end = try session.blockEndLineStart(of: pair)
                #expect(source.lineStarts.contains(end))
                #expect(try session.blockEndLine(of: pair) == source.lineIndex(ofOffset: end))
            }
            pending += EditSession.children(of: node)
            visited += 1
        }
        #expect(visited > 10)
        let pairs = try #require(stream.documents[0].root.pairs)
        // `a` ends with its comment indented deeper than `a`, not with `# shallow`; `e`'s text ends the file.
        #expect(try session.blockEndLine(of: pairs[0]) == 5)
        #expect(try session.blockEndLine(of: pairs[2]) == 13)
    }

    /// Printable ASCII texts of up to three characters from the characters that matter to plain scalars, and some
    /// longer ones.
    static var asciiTexts: [String] {
        let alphabet = Array(" -.:#,[]{}?&*!|>'\"%@`ab1")
        var texts = [""]
        var previous = [""]
        for _ in 1...3 {
            previous = previous.flatMap { text in alphabet.map { text + String($0) } }
            texts += previous
        }
        return texts + ["---", "...", "--- x", "a: b", "a #b", "a#b", "key:", "http://x", "-1", "- x", "a b c"]
    }

    @Test("the ASCII scan says what the general check says of plain text")
    func plainSafeASCII() {
        for text in Self.asciiTexts {
            for context in [EditorValueRenderer.Context.block, .flow] {
                #expect(
                    EditorValueRenderer.isPlainSafeASCII(text, context: context)
                        == EditorValueRenderer.isPlainSafeScalars(text, context: context),
                    "\(text.debugDescription) in \(context)")
            }
        }
        #expect(EditorValueRenderer.isPlainSafeASCII("a\tb", context: .block) == nil, "a tab: the general way")
        #expect(EditorValueRenderer.isPlainSafeASCII("é", context: .block) == nil, "not ASCII: the general way")
        #expect(EditorValueRenderer.isPlainSafe("é", context: .block))
    }
}
