import Testing

@testable import CertMigration

/// In a `.txt` template each line of a multi-line value starts with the template line's prefix, and an empty value
/// line with the prefix without its trailing blanks. The renderer walks the value's bytes; these tests hold it to
/// the rule spelt out by characters.
@Suite struct TextTemplateLinePrefixTests {
    /// The rule by characters: split at every newline character, prefix each line after the first.
    static func expected(prefix: String, value: String, suffix: String) -> String {
        let kept = prefix.lastIndex { !$0.isWhitespace }.map { prefix.index(after: $0) } ?? prefix.startIndex
        let lines = value.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var text = prefix + String(lines.first ?? "")
        for line in lines.dropFirst() {
            text += "\n" + (line.isEmpty ? String(prefix[..<kept]) : prefix + line)
        }
        return text + suffix + "\n"
    }

    static func render(prefix: String, value: String, suffix: String) throws -> String {
        let set = TemplateSet(
            files: ["t.txt": Array((prefix + "${v}" + suffix + "\n").utf8)], origin: .embedded,
            displayDirectory: "templates")
        return String(decoding: try set.render("t.txt", values: ["v": .string(value)]), as: UTF8.self)
    }

    @Test(arguments: [
        ("# ", "a\nb", ""), ("# ", "a\n\nb", " end"), ("#  \t", "x\n\ny\n", ""), ("", "a\nb", ""),
        ("- \u{600} ", "a\n\nb", ""), ("é ", "1\n\n2", ""), ("#", "\n", ""), ("  ", "a\r\nb\n\nc", ""),
    ])
    func valueLinesRepeatThePrefix(prefix: String, value: String, suffix: String) throws {
        #expect(
            try Self.render(prefix: prefix, value: value, suffix: suffix)
                == Self.expected(prefix: prefix, value: value, suffix: suffix))
    }

    @Test func generatedValuesFollowTheCharacterRule() throws {
        let prefixes = ["# ", "#", "", "  # ", "# \t ", "é ", "\u{600} ", "x\u{A0}"]
        let pieces = ["a", " ", "\n", "\n\n", "é", "\u{301}", "bb", "\r\n", "\u{2028}"]
        var random = SplitMix64(state: 11)
        for _ in 0..<500 {
            let prefix = random.pick(prefixes)
            let value = (0..<Int.random(in: 0...10, using: &random)).map { _ in random.pick(pieces) }.joined()
            #expect(
                try Self.render(prefix: prefix, value: value, suffix: "")
                    == Self.expected(prefix: prefix, value: value, suffix: ""),
                "\(prefix.debugDescription) \(value.debugDescription)")
        }
    }

    @Test func trailingBlanksOfThePrefixAreDroppedForEmptyLines() {
        #expect(TextTemplateRenderer.withoutTrailingWhitespace("# \t ") == "#")
        #expect(TextTemplateRenderer.withoutTrailingWhitespace("   ") == "")
        #expect(TextTemplateRenderer.withoutTrailingWhitespace("a\u{A0}") == "a", "no-break space is whitespace")
        let prepended = "\u{600} "  // U+0600 is a prepend mark: with the space it forms one character
        let byCharacters = prepended.lastIndex { !$0.isWhitespace }.map { prepended[...$0] } ?? ""
        #expect(TextTemplateRenderer.withoutTrailingWhitespace(prepended) == byCharacters)
    }
}
