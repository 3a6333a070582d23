import Foundation
import Testing

@testable import YAMLKit

/// Values read in place (``ValuesReadInPlace``): ``PlainDocumentDecoder/readsInPlace(_:)`` accepts exactly the
/// documents the short way reads whole that have a mapping at the top and no tag, anchor or alias; from such a
/// document, every path reaches what the whole values hold there, with the same spans, key spans and scalars, before
/// the values are ever built; and the whole values built on demand are the long way's.
@Suite struct ValuesReadInPlaceTests {
    /// True when a node or one below it has a tag or an anchor, or is an alias.
    static func isDecorated(_ node: YAMLNode) -> Bool {
        if node.tag != nil || node.anchor != nil { return true }
        switch node.content {
        case .scalar: return false
        case .alias: return true
        case .sequence(let items): return items.contains(where: isDecorated)
        case .mapping(let pairs): return pairs.contains { isDecorated($0.key) || isDecorated($0.value) }
        }
    }

    /// Whether `readsInPlace` should accept a document: read whole by the short way, a mapping, undecorated.
    static func shouldReadInPlace(_ root: YAMLNode, limits: YAMLLimits = .default) -> Bool {
        var decoder = PlainDocumentDecoder(limits: limits)
        guard case .mapping = root.content, !isDecorated(root) else { return false }
        return decoder.values(of: root) != nil
    }

    /// Every path of keys into `value` (the empty path included), and for each mapping one path with a key it lacks,
    /// and for each scalar or sequence under a key one path that goes on through it.
    static func paths(in value: HelmValue, below prefix: [String] = []) -> [[String]] {
        var paths = [prefix]
        guard let entries = value.entries else {
            if !prefix.isEmpty { paths.append(prefix + ["beyond"]) }
            return paths
        }
        paths.append(prefix + ["no such key \u{1F511}"])
        for key in entries.keys.sorted() {
            paths += Self.paths(in: entries[key]!, below: prefix + [key])
        }
        return paths
    }

    /// Nil when a reach in place and a reach through the built values agree, spans and scalars included.
    static func difference(_ inPlace: HelmValuesDocument.Reach, _ built: HelmValuesDocument.Reach, at path: [String])
        -> String?
    {
        let place = path.joined(separator: ".")
        switch (inPlace, built) {
        case (.found(let first), .found(let second)):
            return PlainDocumentDecoderTests.difference(first, second, at: place)
        case (.blocked(let firstDepth, let first), .blocked(let secondDepth, let second)):
            guard firstDepth == secondDepth else { return "\(place): blocked at \(firstDepth) / \(secondDepth)" }
            return PlainDocumentDecoderTests.difference(first, second, at: place)
        case (.missing(let first), .missing(let second)):
            return first == second ? nil : "\(place): missing at \(first) / \(second)"
        default:
            return "\(place): \(inPlace) / \(built)"
        }
    }

    /// Checks one document: accepted as it should be, and when accepted, every path reached in place as through the
    /// built values, and the built values the long way's. Returns whether it was read in place.
    @discardableResult
    static func check(_ document: YAMLDocument, label: String) -> Bool {
        var decoder = PlainDocumentDecoder(limits: .default)
        let accepted = decoder.readsInPlace(document.root)
        #expect(accepted == shouldReadInPlace(document.root), "\(label): accepted \(accepted)")
        guard accepted, let read = try? HelmValueReader().read(document, fileName: "f") else { return false }
        #expect(read.readsInPlace, "\(label): read in place")
        // The built values, from a reading of its own: the paths below are reached in `read` before it builds any.
        guard let whole = try? HelmValueReader().readThroughGraph(document, fileName: "f").values else {
            Issue.record("\(label): the long way refuses a document read in place")
            return true
        }
        for path in paths(in: whole) {
            if let difference = difference(read.reach(path), HelmValuesDocument.reach(path, in: whole), at: path) {
                Issue.record("\(label): \(difference)")
                return true
            }
        }
        #expect(read.topLevelKeyCount == whole.entries?.count, "\(label)")
        for key in whole.entries?.keys.sorted() ?? [] where read.topLevelValue(key) != whole[key] {
            Issue.record("\(label): the top-level value of \(key)")
        }
        if let difference = PlainDocumentDecoderTests.difference(read.values, whole, at: "") {
            Issue.record("\(label): built on demand: \(difference)")
        }
        return true
    }

    @Test func everyYAMLFileOfTheProjectReadsInPlaceAsWhole() {
        var inPlace = 0
        var documents = 0
        for (label, document) in PlainDocumentDecoderTests.corpusDocuments() {
            documents += 1
            if Self.check(document, label: label) { inPlace += 1 }
        }
        // Both kinds are there: otherwise this test would check one side only.
        #expect(inPlace > 100)
        #expect(documents - inPlace > 10)
    }

    @Test(arguments: [UInt64(0x1A2_01), 0x1A2_02, 0x1A2_03])
    func generatedDocumentsReadInPlaceAsWhole(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var inPlace = 0
        for (index, parsed) in try YAMLTreeGenerator.parsedDocuments(300, using: &random, YAMLTreeGenerator.valuesTree)
        where Self.check(parsed, label: "seed \(seed), document \(index)") {
            inPlace += 1
        }
        #expect(inPlace > 50)
    }

    /// Documents read whole by the short way but not in place (a tag, an anchor, an alias), and ones the short way
    /// leaves to the long one.
    static let notInPlace: [String] =
        ["a: !!str 1\n", "a: &x 1\n", "a: &x 1\nb: *x\n", "!!map {a: 1}\n", "? !!str k\n: 1\n", "~\n", "\n"]
        + PlainDocumentDecoderTests.givesUp

    @Test(arguments: notInPlace)
    func documentsThatAreNotReadInPlace(text: String) throws {
        let stream = try YAMLParser().parse(text)
        let root = stream.documents.first?.root ?? .scalar("")
        var decoder = PlainDocumentDecoder(limits: .default)
        let accepted = decoder.readsInPlace(root)
        #expect(!accepted)
        if let document = stream.documents.first, let read = try? HelmValueReader().read(document) {
            #expect(!read.readsInPlace)
        }
    }

    /// Keys read twice in small mappings (compared) and large ones (hashed), and keys of one length that differ.
    @Test(arguments: [1, 2, 16, 64, 65, 200])
    func keysReadTwiceAreLeftToTheLongWay(count: Int) throws {
        let keys = (0..<count).map { "k\(String(repeating: "x", count: $0 % 7))\($0)" }
        let distinct = keys.map { "\($0): 1\n" }.joined()
        #expect(try Self.readsInPlace(distinct))
        for repeated in ["\(keys[count / 2]): 2\n", count > 1 ? "on: 1\n\"true\": 2\n" : "a: 1\na: 2\n"] {
            let text = distinct + repeated
            #expect(try !Self.readsInPlace(text), "\(text)")
            let nested = "top:\n" + text.split(separator: "\n").map { "  \($0)\n" }.joined()
            #expect(try !Self.readsInPlace(nested), "\(nested)")
        }
    }

    /// Whether the first document of a text is read in place.
    static func readsInPlace(_ text: String) throws -> Bool {
        var decoder = PlainDocumentDecoder(limits: .default)
        return decoder.readsInPlace(try #require(YAMLParser().parse(text).documents.first).root)
    }

    @Test func theLimitsAreTheShortWays() throws {
        let root = try #require(YAMLParser().parse("a:\n  b:\n    c:\n      d: 1\n").documents.first).root
        var limits = YAMLLimits.default
        for (depth, accepted) in [(3, false), (4, true)] {
            limits.maxDepth = depth
            var decoder = PlainDocumentDecoder(limits: limits)
            let read = decoder.readsInPlace(root)
            #expect(read == accepted, "depth \(depth)")
        }
        limits = .default
        for (nodes, accepted) in [(8, false), (9, true)] {
            limits.maxExpandedNodes = nodes
            var decoder = PlainDocumentDecoder(limits: limits)
            let read = decoder.readsInPlace(root)
            #expect(read == accepted, "nodes \(nodes)")
        }
    }

    /// Threads reaching into one document and building its values at once all see the same values.
    @Test func oneDocumentReadFromManyThreads() throws {
        let text = (0..<40).map { "key\($0):\n  inner: [\($0), b]\n  text: \"v\($0)\"\n" }.joined()
        let read = try HelmValueReader().read(text)
        #expect(read.readsInPlace)
        let whole = try HelmValueReader().readThroughGraph(#require(YAMLParser().parse(text).documents.first)).values
        // Each thread writes its own slot.
        nonisolated(unsafe) let same = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 64)
        defer { same.deallocate() }
        same.initialize(repeating: false)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            same[index] =
                index.isMultiple(of: 4)
                ? read.values == whole : read.topLevelValue("key\(index % 40)") == whole["key\(index % 40)"]
        }
        #expect(same.allSatisfy { $0 })
    }
}
