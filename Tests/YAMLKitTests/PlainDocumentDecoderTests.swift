import Foundation
import Testing

@testable import YAMLKit

/// The one-walk reading of plain documents (``PlainDocumentDecoder``) against go-yaml's long way
/// (`HelmValueReader.readThroughGraph`): the same values with the same spans, key spans, origins and scalars, the same
/// duplicate and unordered keys and unknown tags, or the same error, on every YAML file the project holds, on the
/// chart values in `../shared/reference`, and on generated documents; and the short way gives up where it must.
@Suite struct PlainDocumentDecoderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.yaml`/`.yml` file under these folders of the package, and the shared reference data beside it.
    static func corpus() -> [URL] {
        let folders = ["golden", "examples", "templates", "Tests", "schemas"].map {
            packageRoot.appendingPathComponent($0)
        }
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
        var files: [URL] = []
        for folder in folders + [shared] {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Every document of the ``corpus()`` files that parse, labelled with its file and number.
    static func corpusDocuments() -> [(label: String, document: YAMLDocument)] {
        var documents: [(label: String, document: YAMLDocument)] = []
        for url in corpus() {
            guard let bytes = try? Array(Data(contentsOf: url)),
                let stream = try? YAMLParser().parse(bytes: bytes, fileName: url.lastPathComponent)
            else { continue }
            for (index, document) in stream.documents.enumerated() {
                documents.append(("\(url.path), document \(index + 1)", document))
            }
        }
        return documents
    }

    @Test func everyYAMLFileOfTheProjectReadsTheSameBothWays() throws {
        var plain = 0
        var long = 0
        var compared = 0
        for url in Self.corpus() {
            guard let bytes = try? Array(Data(contentsOf: url)),
                let stream = try? YAMLParser().parse(bytes: bytes, fileName: url.lastPathComponent)
            else { continue }
            for (index, document) in stream.documents.enumerated() {
                compared += 1
                var decoder = PlainDocumentDecoder(limits: .default)
                if decoder.values(of: document.root) == nil { long += 1 } else { plain += 1 }
                if let difference = Self.difference(document, source: stream.source) {
                    Issue.record("\(url.path), document \(index + 1): \(difference)")
                }
            }
        }
        // The corpus holds both kinds: otherwise this test would compare one way with itself.
        #expect(compared > 300)
        #expect(plain > 100)
        #expect(long > 10)
    }

    @Test(arguments: [UInt64(0x9_1A1), 0x9_1A2, 0x9_1A3, 0x9_1A4])
    func generatedDocumentsReadTheSameBothWays(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for index in 0..<400 {
            let tree = YAMLTreeGenerator.valuesTree(using: &random)
            let bytes = try YAMLEmitter().emit(tree)
            let stream = try YAMLParser().parse(bytes: bytes, fileName: "<generated>")
            guard let parsed = stream.documents.first else { continue }
            if let difference = Self.difference(parsed, source: stream.source) {
                let text = String(decoding: bytes, as: UTF8.self)
                Issue.record("seed \(seed), document \(index): \(difference)\n\(text)")
                return
            }
        }
    }

    /// Documents the short way must leave to the long one, because their meaning or their error needs it.
    static let givesUp: [String] = [
        "a: &x {b: *x}\n",  // an alias inside the node it names: a value containing itself
        "a: &x 1\nb: &x [*x]\n",  // the same, with an earlier anchor of that name
        "? &k a\n: 1\nb: *k\n",  // an anchored key
        "a: &x 1\n*x : 2\n",  // an alias as a key
        "base: &b [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + (1...11).map { "c\($0): *b\n" }.joined(),  // 110 copied nodes
        "base: &b {x: 1}\nc:\n  <<: *b\n",  // a merge key
        "a: 1\na: 2\n",  // a duplicate key
        "on: 1\n\"true\": 2\n",  // two keys Helm names alike
        "a: !vault secret/x\n",  // an unknown tag
        "a: !!int abc\n",  // a tag its text contradicts
        "a: .inf\n",  // JSON holds no infinity
        "~: 1\n",  // a null key
        "? [a]\n: 1\n",  // a collection as a key
        "18446744073709551615: 1\n",  // a key above Int64
        "- 1\n- 2\n",  // a sequence at the top
        "just text\n",  // a scalar at the top
    ]

    @Test(arguments: givesUp)
    func theShortWayGivesUpWhereItMust(text: String) throws {
        let stream = try YAMLParser().parse(text)
        let document = try #require(stream.documents.first)
        var decoder = PlainDocumentDecoder(limits: .default)
        #expect(decoder.values(of: document.root) == nil)
        #expect(Self.difference(document, source: stream.source) == nil)
    }

    /// Aliases the short way reads, as the long way does: copies with the anchored spans, this key span and the
    /// alias as their origin.
    static let readsAliases: [String] = [
        "a: &x 1\nb: *x\n",
        "r: &r {cpu: 1, mem: 2Gi}\nops: &o\n  res: *r\n  n: 2\nm: *o\nlist: [*r, *o]\n",
        "a: &x 1\nb: *x\nc: &x [2]\nd: *x\n",  // the latest anchor of a name counts
        "top: &t\n  a: 1\nother:\n  - *t\n  - {k: *t}\n",
        "a: &x {b: &x {c: 1}}\nd: *x\n",  // the inner node started last: it is the one named
        "base: &b [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + (1...10).map { "c\($0): *b\n" }.joined(),  // 100 copied nodes
    ]

    @Test(arguments: readsAliases)
    func theShortWayReadsAliases(text: String) throws {
        let stream = try YAMLParser().parse(text)
        let document = try #require(stream.documents.first)
        var decoder = PlainDocumentDecoder(limits: .default)
        #expect(decoder.values(of: document.root) != nil)
        #expect(Self.difference(document, source: stream.source) == nil)
    }

    @Test func aliasesCountTowardsTheNodeLimitAsTheLongWayCounts() throws {
        let text = "a: &x {b: 1, c: 2}\nd: *x\n"  // root, a, the mapping, b, 1, c, 2, d, the alias and 5 copied
        let stream = try YAMLParser().parse(text)
        let document = try #require(stream.documents.first)
        var few = YAMLLimits.default
        few.maxExpandedNodes = 13
        var decoder = PlainDocumentDecoder(limits: few)
        #expect(decoder.values(of: document.root) == nil)
        #expect(Self.difference(document, source: stream.source, limits: few) == nil)
        few.maxExpandedNodes = 14
        decoder = PlainDocumentDecoder(limits: few)
        #expect(decoder.values(of: document.root) != nil)
        #expect(Self.difference(document, source: stream.source, limits: few) == nil)
    }

    @Test func aliasesNestAsDeepAsTheLongWayCounts() throws {
        let text = "a: &a [1]\nb: &b [*a]\nc: &c [*b]\nd: [*c]\n"  // d's copy nests 4 sequences in the root
        let stream = try YAMLParser().parse(text)
        let document = try #require(stream.documents.first)
        for maxDepth in 3...6 {
            var limits = YAMLLimits.default
            limits.maxDepth = maxDepth
            var decoder = PlainDocumentDecoder(limits: limits)
            #expect((decoder.values(of: document.root) != nil) == (maxDepth >= 5), "maxDepth \(maxDepth)")
            #expect(Self.difference(document, source: stream.source, limits: limits) == nil, "maxDepth \(maxDepth)")
        }
    }

    @Test func theShortWayKeepsTheLimits() throws {
        let deep = "a:\n  b:\n    c:\n      d: 1\n"
        let stream = try YAMLParser().parse(deep)
        let document = try #require(stream.documents.first)
        var shallow = YAMLLimits.default
        shallow.maxDepth = 3
        var decoder = PlainDocumentDecoder(limits: shallow)
        #expect(decoder.values(of: document.root) == nil)
        shallow.maxDepth = 4
        decoder = PlainDocumentDecoder(limits: shallow)
        #expect(decoder.values(of: document.root) != nil)

        var few = YAMLLimits.default
        few.maxExpandedNodes = 8  // the root, a, b, c, d and their values: 9 nodes
        decoder = PlainDocumentDecoder(limits: few)
        #expect(decoder.values(of: document.root) == nil)
        few.maxExpandedNodes = 9
        decoder = PlainDocumentDecoder(limits: few)
        #expect(decoder.values(of: document.root) != nil)
        #expect(
            Self.difference(document, source: stream.source, limits: few) == nil,
            "at the node limit both ways agree")
    }

    @Test func anEmptyDocumentIsAnEmptyMappingWithItsSpan() throws {
        let stream = try YAMLParser().parse("# only a comment\n---\n")
        let document = try #require(stream.documents.first)
        var decoder = PlainDocumentDecoder(limits: .default)
        let read = decoder.values(of: document.root)
        let values = try #require(read)
        #expect(values.entries == [:])
        #expect(values.span == document.root.span)
        #expect(Self.difference(document, source: stream.source) == nil)
    }

    /// A mapping's entries start empty with room for all its pairs, so filling them never grows the dictionary.
    @Test(arguments: [0, 1, 2, 5, 16, 100])
    func aMappingsEntriesStartWithRoomForItsPairs(count: Int) {
        let entries = PlainDocumentDecoder.emptyEntries(room: count)
        #expect(entries.isEmpty)
        #expect(entries.capacity >= count)
    }

    // MARK: - Comparing the two ways

    /// Nil when `read` (short way first) and `readThroughGraph` agree completely on the document.
    static func difference(_ document: YAMLDocument, source: SourceText?, limits: YAMLLimits = .default) -> String? {
        let reader = HelmValueReader(limits: limits)
        let short = Result { () throws(YAMLError) in try reader.read(document, fileName: "f", source: source) }
        let long = Result { () throws(YAMLError) in
            try reader.readThroughGraph(document, fileName: "f", source: source)
        }
        switch (short, long) {
        case (.success(let fast), .success(let slow)):
            if let difference = difference(fast.values, slow.values, at: "") { return difference }
            if fast.duplicateKeys != slow.duplicateKeys { return "duplicate keys differ" }
            if fast.unorderedKeys != slow.unorderedKeys { return "unordered keys differ" }
            if fast.unknownTags != slow.unknownTags { return "unknown tags differ" }
            return nil
        case (.failure(let fast), .failure(let slow)):
            return fast == slow ? nil : "errors differ: \(fast) / \(slow)"
        case (.success(let fast), .failure(let slow)):
            return "the short way reads \(fast.values), the long way refuses: \(slow)"
        case (.failure(let fast), .success(let slow)):
            return "the short way refuses (\(fast)), the long way reads \(slow.values)"
        }
    }

    /// Nil when both values hold the same content with the same spans, key spans, origins and scalars throughout.
    static func difference(_ first: HelmValue, _ second: HelmValue, at path: String) -> String? {
        let place = path.isEmpty ? "the top" : path
        if first.span != second.span { return "\(place): spans \(first.span) / \(second.span)" }
        if first.keySpan != second.keySpan { return "\(place): key spans differ" }
        if first.origin != second.origin { return "\(place): origins \(first.origin) / \(second.origin)" }
        if first.scalar != second.scalar {
            return "\(place): scalars \(String(describing: first.scalar)) / \(String(describing: second.scalar))"
        }
        switch (first.content, second.content) {
        case (.sequence(let these), .sequence(let those)):
            guard these.count == those.count else { return "\(place): \(these.count) / \(those.count) items" }
            for (index, pair) in zip(these, those).enumerated() {
                if let difference = difference(pair.0, pair.1, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        case (.mapping(let these), .mapping(let those)):
            guard these.keys.sorted() == those.keys.sorted() else {
                return "\(place): keys \(these.keys.sorted()) / \(those.keys.sorted())"
            }
            for key in these.keys.sorted() {
                if let difference = difference(these[key]!, those[key]!, at: "\(path).\(key)") { return difference }
            }
            return nil
        default:
            // Compared as printed, so that NaN equals NaN.
            return first.description == second.description
                ? nil : "\(place): \(first.description) / \(second.description)"
        }
    }
}
