import Testing

@testable import YAMLKit

/// `HelmScalarResolver.isTableWord`, which tells the words of go-yaml's fixed table (`yes`, `off`, `null`, `.inf`)
/// without hashing the text, against a lookup in the table itself.
@Suite struct TableWordTests {
    static let texts: [String] =
        Array(HelmScalarResolver.table.keys) + [
            "name", "tag", "type", "team", "owner", "none", "Fail", "flux", "other", "TLS12", "nope", "yess", "ye",
            "Yes ", " on", "ON!", "o", "t", "f", "tru", "truE", "fals", "nul", "NUL", "~~", ".na", ".nan.", "+.in",
            "-.Inf1", "<", "<<<", "onion", "offset", "nulls", "yesterday", "é", "yé", "oé", "né", "\u{212A}",
            "n\u{301}", "o\u{308}n", "\u{0}", "y\u{0}", "1", "-1", "+", "-", ".", "",
        ]

    @Test(arguments: texts)
    func agreesWithTheTable(text: String) {
        let expected = HelmScalarResolver.table[text] != nil
        #expect(HelmScalarResolver.isTableWord(text) == expected, "\(text.debugDescription)")
    }

    @Test("every word of the table packs into one integer, and no two alike")
    func everyWordPacks() {
        let words = Array(HelmScalarResolver.table.keys)
        let packed = words.compactMap(HelmScalarResolver.packedWord)
        #expect(packed.count == words.count)
        #expect(Set(packed).count == words.count)
        #expect(HelmScalarResolver.packedTableWords == packed.sorted())
    }

    @Test("text outside ASCII or over seven bytes is not packed")
    func unpackedText() {
        #expect(HelmScalarResolver.packedWord("é") == nil)
        #expect(HelmScalarResolver.packedWord("abcdefgh") == nil)
        #expect(HelmScalarResolver.packedWord("abcdefg") != nil)
        #expect(HelmScalarResolver.packedWord("ab") != HelmScalarResolver.packedWord("ab\u{0}"))
    }

    @Test("keys led by a byte that may start a word, but no word, read as their text without the general way")
    func shortKeysReadAsTheirText() {
        for text in ["name", "tag", "type", "team", "owner", "none", "Fail", "flux", "other", "TLS12"] {
            #expect(HelmScalarResolver.isPlainString(text), "\(text)")
            #expect(HelmScalarResolver.resolve(text, style: .plain, tag: nil) == .string(text), "\(text)")
        }
        for word in ["yes", "on", "off", "no", "y", "n", "true", "Null", "~"] {
            #expect(!HelmScalarResolver.isPlainString(word), "\(word)")
        }
    }
}
