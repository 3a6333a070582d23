import Testing
import YAMLKit

@Suite("DuplicateKey: a repeated key is named as written, with why Helm reads two spellings as one")
struct DuplicateKeyPhraseTests {
    func duplicate(_ text: String) throws -> DuplicateKey {
        let root = try #require(try YAMLParser().parse(text).documents.first?.root)
        return try #require(DuplicateKeyFinder.duplicates(in: root).first)
    }

    @Test(
        "the phrase and the quoting advice",
        arguments: [
            ("a: 1\na: 2\n", "`a` is set twice in one mapping (first at line 1)", ""),
            (
                "on: 1\ntrue: 2\n",
                "`true` and `on` (line 1) are the same key to Helm, which reads `on` as the boolean true (YAML 1.1)",
                ", or quote the key you mean as a string (`\"on\":`)"
            ),
            (
                "0x1: a\n1: b\n", "`1` and `0x1` (line 1) are the same key to Helm, which reads `0x1` as the number 1",
                ", or quote the key you mean as a string (`\"0x1\":`)"
            ),
            (
                "\"a\": 1\na: 2\n",
                "`a` and `\"a\"` (line 1) are the same key to Helm, which reads both as the key `a`", ""
            ),
            (
                "'it''s': 1\nit's: 2\n",
                "`it's` and `'it''s'` (line 1) are the same key to Helm, which reads both as the key `it's`", ""
            ),
        ])
    func phrase(_ text: String, _ expected: String, _ advice: String) throws {
        let found = try duplicate(text)
        #expect(found.sameKeyPhrase == expected)
        #expect(found.quotingAdvice == advice)
    }
}
