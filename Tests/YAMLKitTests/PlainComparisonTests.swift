import Foundation
import Testing

@testable import YAMLKit

/// ``HelmValueReader/plainlyReads(_:as:)-(YAMLDocument,_)``, the one-walk comparison of a document's values with
/// expected ones (the generation's validator uses it): true exactly when the one-walk reading succeeds and gives
/// values `==` the expected ones, on every YAML file the project holds, on generated documents, and on documents
/// changed in one place or holding keys Helm reads twice.
@Suite struct PlainComparisonTests {
    /// What the comparison must say: the one-walk reading compared with `==`.
    static func reference(_ document: YAMLDocument, _ expected: HelmValue) -> Bool {
        var decoder = PlainDocumentDecoder(limits: .default)
        guard let values = decoder.values(of: document.root) else { return false }
        return values == expected
    }

    /// The document's values as Helm reads them (either way), or nil when Helm refuses the document.
    static func values(_ document: YAMLDocument) -> HelmValue? {
        try? HelmValueReader().read(document).values
    }

    /// Checks the comparison against `reference` for the document's own values and for those values changed.
    static func check(_ document: YAMLDocument, label: String) -> Int {
        guard let values = values(document) else { return 0 }
        let reader = HelmValueReader()
        var checked = 0
        for expected in [values] + changed(values) {
            checked += 1
            let said = reader.plainlyReads(document, as: expected)
            if said != reference(document, expected) {
                Issue.record("\(label): the comparison says \(said) for \(expected)")
            }
        }
        return checked
    }

    /// The values changed in one place each: a scalar replaced, a key removed, a key added, an item dropped.
    static func changed(_ value: HelmValue) -> [HelmValue] {
        var results: [HelmValue] = []
        switch value.content {
        case .mapping(let entries):
            var added = entries
            added["added-key"] = .string("x")
            results.append(.mapping(added))
            if let key = entries.keys.sorted().first {
                var removed = entries
                removed[key] = nil
                results.append(.mapping(removed))
                for inner in changed(entries[key]!).prefix(3) {
                    var replaced = entries
                    replaced[key] = inner
                    results.append(.mapping(replaced))
                }
            }
        case .sequence(let items):
            if !items.isEmpty {
                results.append(.sequence(Array(items.dropLast())))
                for inner in changed(items[0]).prefix(2) {
                    var replaced = items
                    replaced[0] = inner
                    results.append(.sequence(replaced))
                }
            }
        case .string(let text):
            results.append(.string(text + "x"))
            results.append(.number(1))
        case .number(let number):
            results.append(.number(number + 1))
            results.append(.string("\(number)"))
        case .bool(let flag):
            results.append(.bool(!flag))
            results.append(.string(flag ? "true" : "false"))
        case .null:
            results.append(.string(""))
            results.append(.mapping([:]))
        }
        return results
    }

    @Test func everyYAMLFileOfTheProjectComparesAsReadingThenComparing() throws {
        var checked = 0
        for (label, document) in PlainDocumentDecoderTests.corpusDocuments() {
            checked += Self.check(document, label: label)
        }
        #expect(checked > 1000)
    }

    @Test(arguments: [UInt64(0x7_C01), 0x7_C02, 0x7_C03])
    func generatedDocumentsCompareAsReadingThenComparing(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var checked = 0
        for (index, parsed) in try YAMLTreeGenerator.parsedDocuments(300, using: &random, YAMLTreeGenerator.valuesTree)
        {
            checked += Self.check(parsed, label: "seed \(seed), document \(index)")
        }
        #expect(checked > 300)
    }

    /// Keys Helm reads twice, in small mappings (found by a scan) and large ones (found by hashing): the expected
    /// mapping has as many entries as the document has keys, and every key is one of them, yet the values differ
    /// (the long way keeps one entry for the two keys).
    static let repeatedKeys: [(text: String, expected: HelmValue)] = {
        let many = (1...20).map { "k\($0): \($0)\n" }.joined()
        var manyExpected: [String: HelmValue] = [:]
        for index in 1...20 { manyExpected["k\(index)"] = .number(Double(index)) }
        var manyWithOther = manyExpected
        manyWithOther["other"] = .number(1)
        return [
            ("a: 1\na: 1\n", .mapping(["a": .number(1), "b": .number(1)])),
            ("on: 1\n\"true\": 1\n", .mapping(["true": .number(1), "x": .number(1)])),
            (many + "k1: 1\n", .mapping(manyWithOther)),
            (many, .mapping(manyExpected)),
        ]
    }()

    @Test(arguments: repeatedKeys.indices)
    func aKeyReadTwiceNeverCompares(index: Int) throws {
        let (text, expected) = Self.repeatedKeys[index]
        let stream = try YAMLParser().parse(text)
        let document = try #require(stream.documents.first)
        let said = HelmValueReader().plainlyReads(document, as: expected)
        // The last case holds no repeated key: it shows that the large mapping's comparison can say true.
        #expect(said == (index == Self.repeatedKeys.count - 1))
        #expect(said == Self.reference(document, expected))
    }

    @Test func anEmptyOrNullDocumentComparesAsAnEmptyMapping() throws {
        for text in ["", "~\n", "# only a comment\n"] {
            let stream = try YAMLParser().parse(text)
            #expect(HelmValueReader().plainlyReads(stream, as: .mapping([:])))
            #expect(!HelmValueReader().plainlyReads(stream, as: .mapping(["a": .null])))
            #expect(!HelmValueReader().plainlyReads(stream, as: .null))
        }
    }
}
