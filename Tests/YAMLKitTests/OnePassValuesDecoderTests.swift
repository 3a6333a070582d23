import Foundation
import Testing

@testable import YAMLKit

/// Reading a values file in one pass over libyaml's events (`HelmValueReader.readInOnePass`) against parsing it into
/// a tree and reading that (`YAMLParser` then `HelmValueReader.read`): where the one pass reads a file, the values,
/// spans, key spans, origins and scalars are the same and the tree parses; where the file needs the long way (a
/// second document, an alias, an error), the one pass gives up.
@Suite struct OnePassValuesDecoderTests {
    /// Nil when the one pass gives up or agrees with the long way on these bytes.
    static func difference(_ bytes: [UInt8], limits: YAMLLimits = .default) -> String? {
        guard let fast = HelmValueReader(limits: limits).readInOnePass(bytes: bytes, fileName: "f") else { return nil }
        let stream: YAMLStream
        let slow: HelmValuesDocument
        do {
            stream = try YAMLParser(limits: limits).parse(bytes: bytes, fileName: "f")
            slow = try HelmValueReader(limits: limits).read(stream)
        } catch {
            return "the one pass reads \(fast.document.values), the long way refuses: \(error)"
        }
        if fast.documentCount != stream.documents.count {
            return "documents: \(fast.documentCount) / \(stream.documents.count)"
        }
        if fast.source.bytes != bytes { return "the source is not the input" }
        if !slow.duplicateKeys.isEmpty || !slow.unorderedKeys.isEmpty || !slow.unknownTags.isEmpty {
            return "the long way finds repeated keys or unknown tags the one pass read past"
        }
        if fast.document.fileName != slow.fileName { return "file names differ" }
        return PlainDocumentDecoderTests.difference(fast.document.values, slow.values, at: "")
    }

    @Test func everyYAMLFileOfTheProjectReadsTheSameBothWays() throws {
        var onePass = 0
        var files = 0
        for url in PlainDocumentDecoderTests.corpus() {
            guard let bytes = try? Array(Data(contentsOf: url)) else { continue }
            files += 1
            if HelmValueReader().readInOnePass(bytes: bytes, fileName: "f") != nil { onePass += 1 }
            if let difference = Self.difference(bytes) { Issue.record("\(url.path): \(difference)") }
        }
        // Both kinds are in the corpus: otherwise this would compare nothing, or only give-ups.
        #expect(files > 300)
        #expect(onePass > 100)
        #expect(files - onePass > 50)
    }

    @Test(arguments: [UInt64(0x1_0A55), 0x1_0A56, 0x1_0A57, 0x1_0A58])
    func generatedFilesReadTheSameBothWays(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var onePass = 0
        for index in 0..<400 {
            let options: YAMLTreeGenerator.Options = random.chance(0.5) ? .valuesLike : .anything
            let document = YAMLTreeGenerator(options).document(using: &random)
            let tree = YAMLNode.mapping([YAMLPair(key: .scalar("values"), value: document)])
            let bytes = try YAMLEmitter().emit(tree)
            if HelmValueReader().readInOnePass(bytes: bytes, fileName: "f") != nil { onePass += 1 }
            if let difference = Self.difference(bytes) {
                Issue.record("seed \(seed), file \(index): \(difference)\n\(String(decoding: bytes, as: UTF8.self))")
                return
            }
        }
        #expect(onePass > 100, "the generator should give the one pass plenty to read")
    }

    /// Files the one pass must leave to the long way: everything the node-tree decoder leaves to it, and more.
    static let givesUp: [String] =
        PlainDocumentDecoderTests.givesUp + [
            "a: 1\n---\nb: 2\n",  // a second document (Helm reads the first; the tool warns about the rest)
            "a: [1, 2\n",  // a syntax error
            "a: *nowhere\n",  // an alias to no anchor
            "a:\n\tb: 1\n",  // a tab as indentation
        ]

    @Test(arguments: givesUp)
    func theOnePassGivesUpWhereItMust(text: String) {
        #expect(HelmValueReader().readInOnePass(bytes: Array(text.utf8), fileName: "f") == nil)
    }

    @Test func badBytesAreLeftToTheLongWay() {
        let reader = HelmValueReader()
        #expect(reader.readInOnePass(bytes: [0xFF, 0xFE, 0x61, 0x00], fileName: "f") == nil, "UTF-16")
        #expect(reader.readInOnePass(bytes: Array("a: \u{0}\n".utf8), fileName: "f") == nil, "a NUL byte")
        #expect(reader.readInOnePass(bytes: [0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A], fileName: "f") == nil, "bad UTF-8")
        var small = YAMLLimits.default
        small.maxInputBytes = 4
        #expect(HelmValueReader(limits: small).readInOnePass(bytes: Array("a: 1\n".utf8), fileName: "f") == nil)
    }

    @Test func theOnePassKeepsTheLimits() {
        let deep = Array("a:\n  b:\n    c:\n      d: 1\n".utf8)
        var shallow = YAMLLimits.default
        shallow.maxDepth = 3
        #expect(HelmValueReader(limits: shallow).readInOnePass(bytes: deep, fileName: "f") == nil)
        shallow.maxDepth = 4
        #expect(HelmValueReader(limits: shallow).readInOnePass(bytes: deep, fileName: "f") != nil)
        #expect(Self.difference(deep, limits: shallow) == nil)

        var few = YAMLLimits.default
        few.maxExpandedNodes = 8  // the root, a, b, c, d and their values: 9 nodes
        #expect(HelmValueReader(limits: few).readInOnePass(bytes: deep, fileName: "f") == nil)
        few.maxExpandedNodes = 9
        #expect(HelmValueReader(limits: few).readInOnePass(bytes: deep, fileName: "f") != nil)

        var none = YAMLLimits.default
        none.maxDocuments = 0
        #expect(HelmValueReader(limits: none).readInOnePass(bytes: deep, fileName: "f") == nil)
    }

    @Test(arguments: ["", "# only a comment\n", "---\n", "# a comment\n---\n", "~\n", "--- {}\n", "a: 1\n...\n"])
    func emptyAndNearlyEmptyFiles(text: String) throws {
        let bytes = Array(text.utf8)
        let read = try #require(HelmValueReader().readInOnePass(bytes: bytes, fileName: "f"))
        let stream = try YAMLParser().parse(bytes: bytes, fileName: "f")
        #expect(read.documentCount == stream.documents.count)
        #expect(Self.difference(bytes) == nil)
    }

    @Test func aWholeValuesFileKeepsItsSpansAndKeySpans() throws {
        let text = """
            # KEDA values
            certificates:
              autoGenerated: false   # rotation off
              certManager:
                enabled: true
            extraArgs: {keda: {enable-cert-rotation: "false"}}
            notes: |
              line one

            list:
              - 1
              - two

            """
        let read = try #require(HelmValueReader().readInOnePass(bytes: Array(text.utf8), fileName: "values.yaml"))
        let flag = try #require(read.document.values.value(at: ["certificates", "autoGenerated"]))
        #expect(flag.content == .bool(false))
        #expect(flag.span.start.line == 3 && flag.span.start.column == 18)
        #expect(flag.keySpan?.start.column == 3)
        let notes = try #require(read.document.values["notes"])
        #expect(notes.span.end.line == 8, "a block scalar ends with its last line of text")
        #expect(read.document.fileName == "values.yaml")
        #expect(Self.difference(Array(text.utf8)) == nil)
    }
}
