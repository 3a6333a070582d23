import Testing

@testable import YAMLKit

/// The documents these tests read; the Helm differential test feeds them to Helm too.
enum DuplicateKeyDocuments {
    static let sameMeaning = """
        on: 1
        "true": 2
        y: 3
        enabled: true
        """
    static let nested = """
        keda:
          image: a
          tag: 1
          image: b
        list:
          - {x: 1, x: 2, x: 3}
        """
    static let numbers = """
        1: one
        0x1: hex
        1.0: float
        "1": quoted
        012: ten
        10: decimal
        """
    static let merges = """
        base: &base {a: 1}
        child:
          <<: *base
          a: 2
          <<: {b: 3}
        """
    static let aliasKey = """
        names:
          - &k replicas
        values:
          replicas: 1
          *k : 2
        """
    static let refusedKeysSkipped = """
        ~: 1
        null: 2
        18446744073709551615: 3
        """
    static let all = [sameMeaning, nested, numbers, merges, aliasKey]
}

/// The position of a 1-based line and column of an ASCII text, with its byte offset.
func sourcePosition(_ line: Int, _ column: Int, in text: String) -> SourcePosition {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let offset = lines.prefix(line - 1).reduce(0) { $0 + $1.utf8.count + 1 } + column - 1
    return SourcePosition(offset: offset, line: line, column: column)
}

@Suite("DuplicateKeyFinder: keys Helm reads as the same, with both places")
struct DuplicateKeyTests {
    func duplicates(_ text: String) throws -> [DuplicateKey] {
        let stream = try YAMLParser().parse(text, fileName: "values.yaml")
        return DuplicateKeyFinder.duplicates(in: try #require(stream.documents.first).root)
    }

    func position(_ line: Int, _ column: Int, in text: String) -> SourcePosition {
        sourcePosition(line, column, in: text)
    }

    @Test("on, \"true\" and y are one key, each repeat reported against the first")
    func booleanSpellings() throws {
        let text = DuplicateKeyDocuments.sameMeaning
        let found = try duplicates(text)
        #expect(found.map(\.key) == ["true", "true"])
        #expect(found.map(\.first.start) == [position(1, 1, in: text), position(1, 1, in: text)])
        #expect(found.map(\.duplicate.start) == [position(2, 1, in: text), position(3, 1, in: text)])
        #expect(found[0].duplicate.end == position(2, 7, in: text))
        #expect(found[0].description == #"key "true" at 2:1 repeats 1:1"#)
    }

    @Test("nested block and flow mappings are searched")
    func nested() throws {
        let text = DuplicateKeyDocuments.nested
        let found = try duplicates(text)
        #expect(found.map(\.key) == ["image", "x", "x"])
        #expect(found[0].first.start == position(2, 3, in: text))
        #expect(found[0].duplicate.start == position(4, 3, in: text))
        #expect(found[1].first.start == position(6, 6, in: text))
        #expect(
            found.map(\.duplicate.start) == [
                position(4, 3, in: text), position(6, 12, in: text), position(6, 18, in: text),
            ])
    }

    @Test("numbers compare by Helm's key string: 1, 0x1, 1.0 and \"1\" are one key, 012 and 10 another")
    func numbers() throws {
        let found = try duplicates(DuplicateKeyDocuments.numbers)
        #expect(found.map(\.key) == ["1", "1", "1", "10"])
        #expect(found.map(\.duplicate.start.line) == [2, 3, 4, 6])
        #expect(found.map(\.first.start.line) == [1, 1, 1, 5])
    }

    @Test("merge keys are never duplicates, and merged keys do not count as written")
    func merges() throws {
        #expect(try duplicates(DuplicateKeyDocuments.merges).isEmpty)
        #expect(try duplicates("\"<<\": 1\n\"<<\": 2\n").map(\.key) == ["<<"])
    }

    @Test("an alias used as a key counts as the scalar it names")
    func aliasKey() throws {
        let found = try duplicates(DuplicateKeyDocuments.aliasKey)
        #expect(found.map(\.key) == ["replicas"])
        #expect(found.map(\.duplicate.start.line) == [5])
        #expect(found.map(\.first.start.line) == [4])
    }

    @Test("a mapping reached through an alias is reported once, where it was written")
    func aliasNotExpanded() throws {
        let found = try duplicates("a: &m {x: 1, x: 2}\nb: *m\nc: *m\n")
        #expect(found.map(\.duplicate.start.line) == [1])
    }

    @Test("keys Helm refuses are left to the reader")
    func refusedKeys() throws {
        #expect(try duplicates(DuplicateKeyDocuments.refusedKeysSkipped).isEmpty)
    }

    @Test("a document without repeats has none")
    func none() throws {
        #expect(try duplicates("a: 1\nb: {a: 2}\nc: [a, a]\n").isEmpty)
    }

    @Test("a mapping of more keys than are compared one by one finds the same repeats, by Helm's key string")
    func largeMapping() throws {
        var lines = (1...20).map { "key\($0): \($0)" }
        lines[3] = "on: 4"
        lines[17] = "\"true\": 18"
        lines[18] = "key2: 19"
        lines[19] = "y: 20"
        let text = lines.joined(separator: "\n") + "\n"
        let found = try duplicates(text)
        #expect(found.map(\.key) == ["true", "key2", "true"])
        #expect(found.map(\.duplicate.start.line) == [18, 19, 20])
        #expect(found.map(\.first.start.line) == [4, 2, 4])
        #expect(found.map(\.firstWritten) == ["on", "key2", "on"])
        #expect(found.map(\.duplicateWritten) == ["\"true\"", "key2", "y"])
        // The same keys nested in small mappings are found the same way.
        let small = "a:\n  on: 1\n  key2: 2\n  \"true\": 3\n  key2: 4\nb: {y: 5, true: 6}\n"
        #expect(try duplicates(small).map(\.key) == ["true", "key2", "true"])
        #expect(try duplicates(small).map(\.duplicateWritten) == ["\"true\"", "key2", "true"])
    }

    @Test("an alias of a `<<` scalar used as a key is the key `<<`, not a merge; a tagged merge key is a merge")
    func aliasOfMergeText() throws {
        let text = "names: [&m <<]\nvalues: {*m : 1, *m : 2}\nmerged: {!!merge <<: {a: 1}, !!merge <<: {b: 2}}\n"
        let found = try duplicates(text)
        #expect(found.map(\.key) == ["<<"])
        #expect(found.map(\.duplicateWritten) == ["*m"])
    }

    @Test("keys led by a byte that starts no YAML 1.1 word or number, or longer than those words, read as themselves")
    func plainStringKeysReadAsThemselves() {
        var texts: [String] = []
        for byte in UInt8(0x20)...UInt8(0x7E) {
            let first = String(UnicodeScalar(byte))
            for rest in [
                "", "es", "ES", "o", "O", "rue", "RUE", "alse", "ull", "ULL", "ff", "FF", "n", "N", "1", ".5",
                "ame", "amespace", "olerations", "nabled", "ffset", "x1f", "e3", "_1", "nf", "NF",
            ] {
                texts.append(first + rest)
            }
        }
        texts += HelmScalarResolver.table.keys
        texts += ["é", "éa", "ü1", "", "<<"]
        var fastCount = 0
        for text in texts where HelmScalarResolver.isPlainString(text) {
            fastCount += 1
            #expect(HelmScalarResolver.resolve(text, style: .plain, tag: nil) == .string(text), "\(text)")
        }
        #expect(fastCount > 1000)
        for word in HelmScalarResolver.table.keys { #expect(!HelmScalarResolver.isPlainString(word)) }
    }
}
