import Testing

@testable import YAMLKit

/// Documents these tests read whose Helm reading the differential test also checks against the real Helm.
enum HelmValueReaderDocuments {
    static let booleanKeys = "{y: 1, on: 3}"
    static let firstDocumentOnly = "a: 1\n---\nb: 2\n"
    static let mergeBeforeKey = "{a: 1, <<: {a: 2}}"
    static let mergeAfterKey = "{<<: {a: 2}, a: 1}"
    static let mergeList = """
        one: &one {a: 1, b: 1}
        two: &two {a: 2, b: 2, c: 2}
        both:
          <<: [*one, *two]
          c: 3
        """
    static let nestedMerge = """
        base: &base
          image: {repository: keda, tag: "2.16"}
          replicas: 1
        prod: &prod
          <<: *base
          replicas: 3
        eu:
          <<: *prod
          region: eu-west-1
        """
    static let quotedMergeKey = "\"<<\": {a: 1}\n"
    static let aliasRebound = """
        a: &x 1
        b: *x
        c: &x 2
        d: *x
        """
    static let numbers = """
        octal: 012
        hex: 0x1f
        big: 9007199254740993
        unsigned: 18446744073709551615
        float: 1e3
        eight: 08
        """
    static let overwrittenInfinity = "a: .inf\na: 1\n"
    static let overwrittenNullKey = "a: {~: 1}\na: 2\n"
    static let unordered = "true: 1\n\"true\": 2\n"
    static let aliasKey = "k: &k name\n*k : v\n"
    static let billionLaughs: String = {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for index in 1..<names.count {
            let aliases = Array(repeating: "*\(names[index - 1])", count: 9).joined(separator: ",")
            lines.append("\(names[index]): &\(names[index]) [\(aliases)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let collectionTags = "a: !!str {b: 1}\nc: !!int [1]\nd: !foo {e: 1}\n"
    static let blockScalarKey = "? |\n  block\n: v\n"
    static let binaryKey = "!!binary aGk=: 1\n"
    static let twoMerges = "x: &a {q: 1}\ny:\n  <<: [*a, {q: 2, r: 3}]\n  <<: {r: 4}\n"

    static let brokenSecondDocument = "a: 1\n---\nb: [\n"
    static let aliasAcrossDocuments = "--- # first\na: &x 1\n...\nb: *x\n"

    static let accepted = [
        brokenSecondDocument, aliasAcrossDocuments,
        collectionTags, blockScalarKey, binaryKey, twoMerges,
        booleanKeys, firstDocumentOnly, mergeBeforeKey, mergeAfterKey, mergeList, nestedMerge, quotedMergeKey,
        aliasRebound, numbers, overwrittenInfinity, overwrittenNullKey, aliasKey, "", "~", "{}", "# only a comment\n",
        "--- !!null\n",
    ]

    static let refused = [
        "[1, 2]", "just text", "false", "12", "<<: 5\n", "m: &m {a: 1}\ns: &s 5\nx:\n  <<: [*m, *s]\n", "x: &x [*x]\n",
        "? [1]\n: 2\n", "~: 1\n", "18446744073709551615: a\n", "a: .nan\n", "list: [1, -.inf]\n", "a: !!int 1.5\n",
        billionLaughs, "a: *missing\n", "a: &x {b: 1}\nc: {*x : 1}\n", "? !!null ''\n: 1\n", "x: &a 1\n<<: [*a]\n",
    ]
}

@Suite("HelmValueReader: a values file as Helm reads it")
struct HelmValueReaderTests {
    let reader = HelmValueReader()

    func read(_ text: String) throws -> HelmValuesDocument {
        try reader.read(text, fileName: "values.yaml")
    }

    func refusal(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
        do {
            _ = try HelmValueReader(limits: limits).read(text, fileName: "values.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("keys are converted and the last wins: {y: 1, on: 3} is {\"true\": 3}")
    func booleanKeys() throws {
        let document = try read(HelmValueReaderDocuments.booleanKeys)
        #expect(document.values == .mapping(["true": .number(3)]))
        #expect(document.duplicateKeys.map(\.key) == ["true"])
        #expect(document.unorderedKeys.isEmpty)
    }

    @Test("only the first document counts; no document, null or {} are all {}")
    func documents() throws {
        #expect(try read(HelmValueReaderDocuments.firstDocumentOnly).values == .mapping(["a": .number(1)]))
        for empty in ["", "~", "{}", "# only a comment\n", "--- !!null\n"] {
            #expect(try read(empty).values == .mapping([:]), "\(empty.debugDescription)")
        }
    }

    @Test("like Helm, which never parses past the first document, a broken later document is ignored")
    func laterDocumentsIgnored() throws {
        #expect(try read(HelmValueReaderDocuments.brokenSecondDocument).values == .mapping(["a": .number(1)]))
        #expect(try read(HelmValueReaderDocuments.aliasAcrossDocuments).values == .mapping(["a": .number(1)]))
        #expect(HelmValueReader.firstDocumentText(of: "# c\n---\na: 1\n--- x\n") == "# c\n---\na: 1\n")
        #expect(HelmValueReader.firstDocumentText(of: "a: 1\n") == nil)
        // A broken FIRST document is still an error, where the parser found it.
        let error = try #require(refusal("a: [\n---\nb: 1\n"))
        #expect(error.kind != .resolver)
    }

    @Test("a root that is not a mapping is refused at its first byte")
    func rootNotMapping() throws {
        let error = try #require(refusal("\n  [1, 2]\n"))
        #expect(error.kind == .resolver)
        #expect(error.position == SourcePosition(offset: 3, line: 2, column: 3))
        #expect(error.message == "a values file must be a mapping at the top level, but this document is a sequence")
        #expect(refusal("just text")?.message.hasSuffix("but this document is a string") == true)
        #expect(refusal("false")?.message.hasSuffix("but this document is the boolean false") == true)
    }

    @Test("a merge key overrides the keys before it and yields to the keys after it")
    func mergePrecedence() throws {
        #expect(try read(HelmValueReaderDocuments.mergeBeforeKey).values == .mapping(["a": .number(2)]))
        #expect(try read(HelmValueReaderDocuments.mergeAfterKey).values == .mapping(["a": .number(1)]))
    }

    @Test("in <<: [*one, *two] the earlier mapping wins, and keys written after the merge win over both")
    func mergeList() throws {
        let values = try read(HelmValueReaderDocuments.mergeList).values
        #expect(values["both"] == .mapping(["a": .number(1), "b": .number(1), "c": .number(3)]))
    }

    @Test("merges chain through merged mappings, and merged values keep where they were written")
    func nestedMerge() throws {
        let text = HelmValueReaderDocuments.nestedMerge
        let values = try read(text).values
        let eu = try #require(values["eu"])
        #expect(
            eu
                == .mapping([
                    "image": .mapping(["repository": .string("keda"), "tag": .string("2.16")]),
                    "replicas": .number(3), "region": .string("eu-west-1"),
                ]))
        let tag = try #require(eu.value(at: ["image", "tag"]))
        #expect(tag.span == SourceSpan(start: sourcePosition(2, 34, in: text), end: sourcePosition(2, 40, in: text)))
        #expect(tag.keySpan?.start == sourcePosition(2, 29, in: text))
        // Brought in by `eu`'s own `<<` (line 8), the outermost copy.
        #expect(
            tag.origin == .merge(SourceSpan(start: sourcePosition(8, 3, in: text), end: sourcePosition(8, 5, in: text)))
        )
        #expect(eu["region"]?.origin == .written)
        #expect(eu["region"]?.keySpan?.start.line == 9)
        #expect(eu["replicas"]?.span.start.line == 6)
    }

    @Test("tags on collections are ignored; block scalars and !!binary make string keys")
    func collectionTagsAndOddKeys() throws {
        #expect(
            try read(HelmValueReaderDocuments.collectionTags).values
                == .mapping([
                    "a": .mapping(["b": .number(1)]), "c": .sequence([.number(1)]), "d": .mapping(["e": .number(1)]),
                ]))
        #expect(try read(HelmValueReaderDocuments.blockScalarKey).values == .mapping(["block\n": .string("v")]))
        #expect(try read(HelmValueReaderDocuments.binaryKey).values == .mapping(["hi": .number(1)]))
    }

    @Test("a second merge key overrides the first, and `y` as a key is \"true\"")
    func twoMerges() throws {
        #expect(
            try read(HelmValueReaderDocuments.twoMerges).values
                == .mapping([
                    "x": .mapping(["q": .number(1)]), "true": .mapping(["q": .number(1), "r": .number(4)]),
                ]))
    }

    @Test("an alias to a mapping cannot be a key")
    func aliasToMappingKey() throws {
        let text = "a: &x {b: 1}\nc: {*x : 1}\n"
        let error = try #require(refusal(text))
        #expect(error.message == "Helm cannot use a mapping as a mapping key")
        #expect(error.position == sourcePosition(2, 5, in: text))
    }

    @Test("a quoted \"<<\" is an ordinary key")
    func quotedMergeKey() throws {
        #expect(
            try read(HelmValueReaderDocuments.quotedMergeKey).values == .mapping(["<<": .mapping(["a": .number(1)])]))
    }

    @Test("an alias refers to the most recent anchor of its name, and keeps the alias as its origin")
    func aliases() throws {
        let text = HelmValueReaderDocuments.aliasRebound
        let values = try read(text).values
        #expect(values == .mapping(["a": .number(1), "b": .number(1), "c": .number(2), "d": .number(2)]))
        let d = try #require(values["d"])
        // The anchored node's span starts at its anchor.
        #expect(d.span == SourceSpan(start: sourcePosition(3, 4, in: text), end: sourcePosition(3, 8, in: text)))
        #expect(d.keySpan?.start == sourcePosition(4, 1, in: text))
        guard case .alias(let alias) = d.origin else {
            Issue.record("d should come from an alias, not \(d.origin)")
            return
        }
        #expect(alias == SourceSpan(start: sourcePosition(4, 4, in: text), end: sourcePosition(4, 6, in: text)))
        #expect(
            try read(HelmValueReaderDocuments.aliasKey).values
                == .mapping(["k": .string("name"), "name": .string("v")]))
    }

    @Test("numbers are Helm's float64s; the scalar keeps go-yaml's exact reading")
    func numbers() throws {
        let values = try read(HelmValueReaderDocuments.numbers).values
        #expect(values["octal"] == .number(10))
        #expect(values["octal"]?.scalar == .int(10))
        #expect(values["hex"] == .number(31))
        #expect(values["big"] == .number(9_007_199_254_740_992))
        #expect(values["big"]?.scalar == .int(9_007_199_254_740_993))
        #expect(values["unsigned"] == .number(18_446_744_073_709_551_616.0))
        #expect(values["unsigned"]?.scalar == .uint(.max))
        #expect(values["float"] == .number(1000))
        #expect(values["eight"]?.scalar == .float(8))
    }

    @Test("a value or key later overwritten is not refused, as in Helm")
    func overwritten() throws {
        #expect(try read(HelmValueReaderDocuments.overwrittenInfinity).values == .mapping(["a": .number(1)]))
        #expect(try read(HelmValueReaderDocuments.overwrittenNullKey).values == .mapping(["a": .number(2)]))
    }

    @Test("true and \"true\" are different go-yaml keys that Helm keeps at random; YAMLKit keeps the last")
    func unordered() throws {
        let document = try read(HelmValueReaderDocuments.unordered)
        #expect(document.values == .mapping(["true": .number(2)]))
        #expect(document.unorderedKeys.map(\.key) == ["true"])
        #expect(document.unorderedKeys.first?.first.start.line == 1)
        #expect(document.unorderedKeys.first?.duplicate.start.line == 2)
        #expect(document.duplicateKeys.count == 1)
    }

    @Test("a merge onto a non-mapping is refused at the offending node, with a fix")
    func mergeOntoScalar() throws {
        let error = try #require(refusal("a: 1\n<<: 5\n"))
        #expect(error.kind == .resolver)
        #expect(error.position == SourcePosition(offset: 9, line: 2, column: 5))
        #expect(
            error.description == """
                values.yaml:2:5: error: the merge key `<<` needs a mapping, an alias to a mapping, or a sequence of those, but this is the number 5
                    <<: 5
                        ^
                fix: merge a mapping (`<<: *base` where `&base` anchors a mapping); to keep `<<` as an ordinary key, quote it (`"<<":`)
                """)
        let inList = try #require(refusal("m: &m {a: 1}\ns: &s 5\nx:\n  <<: [*m, *s]\n"))
        #expect(inList.position?.line == 4)
        #expect(inList.position?.column == 12)
        #expect(inList.message.hasSuffix("but this is the alias *s to the number 5"))
    }

    @Test("an alias inside the node it names is refused")
    func recursiveAlias() throws {
        let error = try #require(refusal("x: &x [1, *x]\n"))
        #expect(error.kind == .resolver)
        #expect(error.position == SourcePosition(offset: 10, line: 1, column: 11))
    }

    @Test("a billion laughs is a limit error at the alias, not an exhausted memory")
    func billionLaughs() throws {
        let text = HelmValueReaderDocuments.billionLaughs
        let error = try #require(refusal(text))
        #expect(error.kind == .limitExceeded)
        #expect(error.message.contains("excessive aliasing"))
        // The alias being expanded when go-yaml's ratio rule trips: the third `*c` of line 4.
        #expect(error.position == sourcePosition(4, 17, in: text))
        #expect(error.snippet?.hasSuffix("\n    " + String(repeating: " ", count: 16) + "^") == true)
    }

    @Test("YAMLLimits.maxExpandedNodes caps the nodes aliases produce")
    func expansionCap() throws {
        let text = "base: &b {a: 1, b: 2, c: 3}\nx: *b\ny: *b\nz: *b\n"
        #expect(refusal(text, limits: YAMLLimits(maxExpandedNodes: 40)) == nil)
        let error = try #require(refusal(text, limits: YAMLLimits(maxExpandedNodes: 20)))
        #expect(error.kind == .limitExceeded)
        #expect(error.message == "resolving aliases and merge keys produces more than 20 nodes")
        #expect(error.position == sourcePosition(3, 4, in: text))
    }

    @Test("YAMLLimits.maxDepth also bounds the depth aliases build")
    func expansionDepth() throws {
        let text = "a: &a [1]\nb: &b [*a]\nc: &c [*b]\nd: [*c]\n"
        #expect(refusal(text, limits: YAMLLimits(maxDepth: 5)) == nil)
        let error = try #require(refusal(text, limits: YAMLLimits(maxDepth: 4)))
        #expect(error.kind == .limitExceeded)
        #expect(error.message == "resolving aliases nests this document deeper than 4 levels")
        #expect(error.position == sourcePosition(4, 5, in: text))
    }

    @Test(
        "keys and values Helm refuses are refused where they are written",
        arguments: [
            ("~: 1\n", 1, 1, "Helm cannot use a null key (`~`, `null` or nothing before the colon)"),
            (
                "a:\n  18446744073709551615: a\n", 2, 3,
                "Helm cannot use the number 18446744073709551615 as a key: it is above the largest signed 64-bit integer"
            ),
            ("a: .nan\n", 1, 4, "Helm cannot hold .nan: values pass through JSON, which has no infinity or NaN"),
            (
                "list: [1, -.inf]\n", 1, 11,
                "Helm cannot hold -.inf: values pass through JSON, which has no infinity or NaN"
            ),
            ("a: !!int 1.5\n", 1, 4, "Helm cannot read this tagged scalar: cannot decode !!float `1.5` as a !!int"),
            ("? [1]\n: 2\n", 1, 3, "Helm cannot use a sequence as a mapping key"),
        ])
    func refusedPieces(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(refusal(text))
        #expect(error.kind == .resolver)
        #expect(error.position?.line == line)
        #expect(error.position?.column == column)
        #expect(error.message == message)
        #expect(error.fileName == "values.yaml")
    }

    @Test("equality ignores where values were written")
    func equalityIgnoresSpans() throws {
        let first = try read("a: [1, x]\n").values
        let second = try read("\n\n  a:\n    - 1\n    - \"x\"\n").values
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first["a"]?.span != second["a"]?.span)
        #expect(first.description == #"{"a":[1.0,"x"]}"#)
    }

    @Test("a YAMLDocument without its stream still reports positions")
    func documentWithoutSource() throws {
        let stream = try YAMLParser().parse("a: 1\nb: ~\n~: 3\n")
        #expect(
            throws: YAMLError(
                .resolver, "Helm cannot use a null key (`~`, `null` or nothing before the colon)",
                fix: "quote the key (\"null\") if you mean the word, or remove the entry", fileName: "x.yaml",
                position: SourcePosition(offset: 10, line: 3, column: 1))
        ) {
            try HelmValueReader().read(stream.documents[0], fileName: "x.yaml")
        }
    }
}
