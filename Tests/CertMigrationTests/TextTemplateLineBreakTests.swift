import Testing

@testable import CertMigration

/// A multi-line value in a Markdown template repeats the line's prefix on each of its lines; its line breaks are
/// found in the bytes (`TextTemplateRenderer.lineBreaks`), which must agree with Swift's `Character.isNewline`.
@Suite struct TextTemplateLineBreakTests {
    @Test(arguments: [
        ("plain", TextTemplateRenderer.LineBreaks.none), ("a\nb", .lineFeedsOnly), ("a\r\nb", .other),
        ("a\rb", .other), ("a\u{0B}b", .other), ("a\u{0C}b", .other), ("a\u{85}b", .other), ("a\u{2028}b", .other),
        ("a\u{2029}b", .other), ("\u{2027}\u{202A}é", .none), ("\n\u{301}", .lineFeedsOnly),
    ])
    func lineBreaksAreFoundInTheBytes(text: String, expected: TextTemplateRenderer.LineBreaks) {
        #expect(TextTemplateRenderer.lineBreaks(in: text) == expected)
    }

    @Test func theBytesAgreeWithCharactersOnGeneratedTexts() {
        let pieces = ["a", " ", "\n", "\r\n", "\r", "é", "\u{301}", "\u{2028}", "\u{85}", "\u{0B}", "€", "🚀", "\u{200D}"]
        var random = SplitMix64(state: 7)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in random.pick(pieces) }.joined()
            let breaks = TextTemplateRenderer.lineBreaks(in: text)
            #expect((breaks == .none) == !text.contains(where: \.isNewline), "\(text.debugDescription)")
            if breaks == .lineFeedsOnly {
                let byBytes = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    .map { String(Substring($0)) }
                let byCharacters = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                    .map(String.init)
                #expect(byBytes == byCharacters, "\(text.debugDescription)")
            }
        }
    }
}
