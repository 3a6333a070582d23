import Testing

@testable import YAMLKit

/// The parser keeps the children of all open collections in shared buffers; these tests check that every
/// collection still gets exactly its own children, in order, however they nest and however many there are.
@Suite("YAMLParser: children of nested collections")
struct YAMLParserChildOrderTests {
    let parser = YAMLParser()

    @Test("mappings and sequences nested in each other each keep their own children in order")
    func nestedCollectionsKeepTheirOwnChildren() throws {
        let stream = try parser.parse(
            """
            a:
              - 1
              - b: 2
                c: [3, {d: 4}, []]
                e: {}
              - 5
            f: 6
            """)
        let root = stream.documents[0].root
        #expect(root.pairs?.map { $0.key.scalarText } == ["a", "f"])
        let items = try #require(root["a"]?.items)
        #expect(items.count == 3)
        #expect(items[0].scalarText == "1" && items[2].scalarText == "5")
        #expect(items[1].pairs?.map { $0.key.scalarText } == ["b", "c", "e"])
        let flow = try #require(items[1]["c"]?.items)
        #expect(flow.map(\.description) == ["3", "flow{d: 4}", "flow[]"])
        #expect(items[1]["e"]?.pairs?.isEmpty == true)
        #expect(root["f"]?.scalarText == "6")
    }

    @Test("collections far larger than the buffers' first size come out whole, inside and around each other")
    func largeCollectionsComeOutWhole() throws {
        var text = "outer:\n"
        for index in 0..<300 { text += "  - {k\(index): v\(index), list: [\(index), \(index + 1)]}\n" }
        for index in 0..<300 { text += "key\(index): \(index)\n" }
        let root = try #require(try parser.parse(text).documents.first?.root)
        let pairs = try #require(root.pairs)
        #expect(pairs.count == 301)
        #expect(pairs.dropFirst().map { $0.key.scalarText } == (0..<300).map { "key\($0)" })
        #expect(pairs.dropFirst().map { $0.value.scalarText } == (0..<300).map { "\($0)" })
        let items = try #require(root["outer"]?.items)
        #expect(items.count == 300)
        for (index, item) in items.enumerated() {
            #expect(item["k\(index)"]?.scalarText == "v\(index)")
            #expect(item["list"]?.items?.map(\.scalarText) == ["\(index)", "\(index + 1)"])
        }
        // A block collection still ends with its last child.
        #expect(root["outer"]?.span.end == items[299].span.end)
    }

    @Test("every document of a stream gets its own root")
    func everyDocumentGetsItsOwnRoot() throws {
        let stream = try parser.parse("--- [1, 2]\n--- {a: b}\n---\n--- c\n")
        #expect(stream.documents.map(\.root.description) == ["flow[1, 2]", "flow{a: b}", "", "c"])
    }

    @Test("an error deep inside open collections, even between a key and its value, is reported with its place")
    func errorInsideOpenCollections() {
        let text = "a:\n  - b:\n      c: [1, {d: 2, e: [3, 4}]\n"
        #expect {
            try parser.parse(text, fileName: "nested.yaml")
        } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.fileName == "nested.yaml" && error.position?.line == 3
        }
    }
}
