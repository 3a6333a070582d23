import Testing
import YAMLKit

/// The emitter's exact output for each layout and quoting rule.
@Suite struct YAMLEmitterTests {
    func emitted(_ node: YAMLNode) throws -> String {
        try YAMLEmitter().emitString(node)
    }

    func emitted(documents: [YAMLNode]) throws -> String {
        try YAMLEmitter().emitString(documents: documents)
    }

    // MARK: Layout

    @Test func nestedBlockMappingsUseATwoSpaceIndent() throws {
        let tree = YAMLNode.mapping([
            "operator": .mapping([
                "replicaCount": .scalar("1"),
                "resources": .mapping(["limits": .mapping(["cpu": .scalar("1"), "memory": .scalar("1000Mi")])]),
            ]),
            "webhooks": .mapping(["enabled": .scalar("true")]),
        ])
        #expect(
            try emitted(tree) == """
                operator:
                  replicaCount: 1
                  resources:
                    limits:
                      cpu: 1
                      memory: 1000Mi
                webhooks:
                  enabled: true

                """)
    }

    @Test func sequencesInsideMappingsSitAtTheKeysColumnAsKubectlPrintsThem() throws {
        let tree = YAMLNode.mapping([
            "env": .sequence([
                .mapping([
                    "name": .scalar("KEDA_HTTP_DEFAULT_TIMEOUT"), "value": .scalar("3000", style: .doubleQuoted),
                ]),
                .mapping(["name": .scalar("WATCH_NAMESPACE"), "value": .scalar("", style: .doubleQuoted)]),
            ]),
            "args": .sequence([.scalar("--enable-cert-rotation=false"), .scalar("--zap-log-level=info")]),
        ])
        #expect(
            try emitted(tree) == """
                env:
                - name: KEDA_HTTP_DEFAULT_TIMEOUT
                  value: "3000"
                - name: WATCH_NAMESPACE
                  value: ""
                args:
                - --enable-cert-rotation=false
                - --zap-log-level=info

                """)
    }

    @Test func nestedSequencesAndMappingsInsideSequencesStayCompact() throws {
        let tree = YAMLNode.sequence([
            .sequence([.scalar("a"), .scalar("b")]),
            .mapping(["rules": .sequence([.mapping(["apiGroups": .sequence([.scalar("", style: .singleQuoted)])])])]),
        ])
        #expect(
            try emitted(tree) == """
                - - a
                  - b
                - rules:
                  - apiGroups:
                    - ''

                """)
    }

    @Test func emptyCollectionsAreWrittenInFlowStyle() throws {
        let tree = YAMLNode.mapping([
            "podAnnotations": .mapping([]),
            "tolerations": .sequence([]),
            "nested": .sequence([.mapping([]), .sequence([])]),
        ])
        #expect(
            try emitted(tree) == """
                podAnnotations: {}
                tolerations: []
                nested:
                - {}
                - []

                """)
        #expect(try emitted(.mapping([])) == "{}\n")
        #expect(try emitted(.sequence([])) == "[]\n")
    }

    @Test func flowStyleIsKeptWhenTheNodeAsksForItAndForcesFlowInside() throws {
        let tree = YAMLNode.mapping([
            "selector": .mapping(
                [
                    YAMLPair(key: .scalar("app"), value: .scalar("keda")),
                    YAMLPair(key: .scalar("tiers"), value: .sequence([.scalar("a"), .scalar("b, c")])),
                ],
                style: .flow),
            "ports": .sequence([.scalar("80"), .mapping(["name": .scalar("https")])], style: .flow),
        ])
        #expect(
            try emitted(tree) == """
                selector: {app: keda, tiers: [a, 'b, c']}
                ports: [80, {name: https}]

                """)
    }

    @Test func longLinesAreNeverFolded() throws {
        let sentence = Array(repeating: "word", count: 60).joined(separator: " ")
        let tree = YAMLNode.mapping([
            "plain": .scalar(sentence), "single": .scalar(sentence, style: .singleQuoted),
            "double": .scalar(sentence, style: .doubleQuoted),
        ])
        #expect(try emitted(tree) == "plain: \(sentence)\nsingle: '\(sentence)'\ndouble: \"\(sentence)\"\n")
    }

    @Test func outputHasOnlyLineFeedsAndEndsWithOne() throws {
        let tree = YAMLNode.mapping(["a": .sequence([.scalar("x\ny", style: .literal)]), "b": .scalar("c")])
        let bytes = try YAMLEmitter().emit(tree)
        #expect(!bytes.contains(0x0D))
        #expect(bytes.last == 0x0A)
        #expect(String(decoding: bytes, as: UTF8.self) == "a:\n- |-\n  x\n  y\nb: c\n")
    }

    /// The walk over the tree keeps its own stack, so depth costs no call stack: a sequence 2,000 deep is one line.
    @Test func deepTreesAreWrittenWithoutRecursion() throws {
        var node = YAMLNode.scalar("x")
        for _ in 0..<2000 { node = .sequence([node]) }
        #expect(try emitted(node) == String(repeating: "- ", count: 2000) + "x\n")
    }

    @Test func anAnchoredRootFollowsTheDashesOfALaterDocument() throws {
        let documents = [
            YAMLNode(.sequence([.scalar("a")]), anchor: "first"),
            YAMLNode(.mapping([YAMLPair(key: .scalar("a"), value: .scalar("b"))]), anchor: "root"),
        ]
        #expect(try emitted(documents: documents) == "&first\n- a\n--- &root\na: b\n")
    }

    // MARK: Documents

    @Test func documentsAreSeparatedByDashesWithNoneBeforeTheFirstAndNoEndMarkers() throws {
        let documents: [YAMLNode] = [
            .mapping(["a": .scalar("1")]), .sequence([.scalar("b")]), .scalar("three"),
            .mapping(["d": .scalar("x\n\n", style: .literal)]),
        ]
        #expect(
            try emitted(documents: documents) == """
                a: 1
                ---
                - b
                --- three
                ---
                d: |+
                  x


                """)
    }

    @Test func noDocumentsGiveNoBytes() throws {
        #expect(try YAMLEmitter().emit(documents: []) == [])
    }

    @Test func anEmptyFirstDocumentKeepsItsDashesSoItIsNotLost() throws {
        #expect(try emitted(.scalar("")) == "---\n")
        #expect(try emitted(documents: [.scalar(""), .scalar("")]) == "---\n---\n")
        #expect(try emitted(documents: [.scalar("a"), .scalar("")]) == "a\n---\n")
    }

    @Test func aLiteralKeepingBlankLinesAtTheEndHasNoEndMarker() throws {
        #expect(try emitted(.scalar("x\n\n", style: .literal)) == "|+\n  x\n\n")
        #expect(try emitted(.mapping(["k": .scalar("x\n\n", style: .literal)])) == "k: |+\n  x\n\n")
    }

    // MARK: Scalars

    @Test func unicodeTextIsWrittenAsIs() throws {
        let tree = YAMLNode.mapping([
            "greeting": .scalar("héllo wörld, 日本語, Ελληνικά, ≠ ∞"),
            "quoted": .scalar("ça va", style: .doubleQuoted),
            "ключ": .scalar("значение", style: .singleQuoted),
        ])
        #expect(
            try emitted(tree) == """
                greeting: héllo wörld, 日本語, Ελληνικά, ≠ ∞
                quoted: "ça va"
                ключ: 'значение'

                """)
    }

    /// libyaml 0.2.5 counts only the Basic Multilingual Plane as printable: an emoji, a tab or a control character
    /// makes the scalar double-quoted. Tabs and controls stay escaped; the emoji is put back as UTF-8.
    @Test func charactersLibyamlCannotPrintAreDoubleQuotedAndEmojiStayUTF8() throws {
        let tree = YAMLNode.mapping([
            "emoji": .scalar("ship it 🚀"), "tab": .scalar("a\tb"), "nul": .scalar("a\u{0}b"),
            "bell": .scalar("\u{7}", style: .singleQuoted), "bom": .scalar("\u{FEFF}x"),
        ])
        #expect(
            try emitted(tree) == #"""
                emoji: "ship it 🚀"
                tab: "a\tb"
                nul: "a\0b"
                bell: "\a"
                bom: "\uFEFFx"

                """#)
    }

    @Test func plainScalarsAreWrittenPlainSoTheyKeepTheirYAMLType() throws {
        let tree = YAMLNode.mapping([
            "enabled": .scalar("true"), "replicas": .scalar("3"), "ratio": .scalar("1.0"), "unset": .scalar(""),
            "tilde": .scalar("~"), "yes": .scalar("on"),
        ])
        #expect(
            try emitted(tree) == """
                enabled: true
                replicas: 3
                ratio: 1.0
                unset:
                tilde: ~
                yes: on

                """)
    }

    @Test func anEmptyPlainScalarIsNullAndIsWrittenNullWhereItCannotBeEmpty() throws {
        let tree = YAMLNode.mapping([
            YAMLPair(key: .scalar("value"), value: .scalar("")),
            YAMLPair(key: .scalar(""), value: .scalar("empty key")),
            YAMLPair(
                key: .scalar("flow"),
                value: .sequence([.scalar(""), .scalar("", style: .singleQuoted)], style: .flow)),
            YAMLPair(key: .scalar("string"), value: .scalar("", style: .doubleQuoted)),
        ])
        #expect(
            try emitted(tree) == """
                value:
                null: empty key
                flow: [null, '']
                string: ""

                """)
    }

    @Test func quotedStylesForceQuotes() throws {
        let tree = YAMLNode.mapping([
            "single": .scalar("true", style: .singleQuoted), "double": .scalar("3", style: .doubleQuoted),
            "it": .scalar("it's", style: .singleQuoted), "say": .scalar(#"say "hi""#, style: .doubleQuoted),
        ])
        #expect(
            try emitted(tree) == #"""
                single: 'true'
                double: "3"
                it: 'it''s'
                say: "say \"hi\""

                """#)
    }

    /// Text that cannot be plain YAML is quoted by libyaml itself, even for a `.plain` node.
    @Test(arguments: [
        ("*ref", "'*ref'"), ("&anchor", "'&anchor'"), ("!tag", "'!tag'"), ("%percent", "'%percent'"),
        ("@at", "'@at'"), ("`tick", "'`tick'"), ("a: b", "'a: b'"), ("a #b", "'a #b'"), ("#x", "'#x'"),
        (" lead", "' lead'"), ("trail ", "'trail '"), ("- item", "'- item'"), ("-", "'-'"), ("key:", "'key:'"),
        ("? q", "'? q'"), ("[x]", "'[x]'"), ("{x}", "'{x}'"), ("|x", "'|x'"), (">x", "'>x'"), ("'x'", "'''x'''"),
        (#""x""#, #"'"x"'"#), ("---", "'---'"), ("...", "'...'"), ("a\nb", "'a\n\n  b'"),
    ])
    func textThatCannotBePlainIsQuotedByLibyaml(text: String, written: String) throws {
        #expect(try emitted(.mapping(["k": .scalar(text)])) == "k: \(written)\n")
    }

    @Test func literalStyleChoosesItsChompingIndicator() throws {
        let tree = YAMLNode.mapping([
            "strip": .scalar("a\nb", style: .literal), "clip": .scalar("a\nb\n", style: .literal),
            "keep": .scalar("a\n\n", style: .literal), "indented": .scalar("  a\nb\n", style: .literal),
            "end": .scalar("z"),
        ])
        #expect(
            try emitted(tree) == """
                strip: |-
                  a
                  b
                clip: |
                  a
                  b
                keep: |+
                  a

                indented: |2
                    a
                  b
                end: z

                """)
    }

    @Test func literalStyleFallsBackToDoubleQuotesWhereABlockScalarCannotGo() throws {
        let tree = YAMLNode.mapping([
            "trailingSpace": .scalar("a \nb", style: .literal),
            "tab": .scalar("a\n\tb", style: .literal),
            "inFlow": .sequence([.scalar("a\nb", style: .literal)], style: .flow),
        ])
        #expect(
            try emitted(tree) == #"""
                trailingSpace: "a \nb"
                tab: "a\n\tb"
                inFlow: ["a\nb"]

                """#)
    }

    @Test func foldedStyleWritesEachLineBreakAsABlankLine() throws {
        #expect(try emitted(.mapping(["k": .scalar("a\nb", style: .folded)])) == "k: >-\n  a\n\n  b\n")
    }

    // MARK: Strings

    /// `YAMLNode.string` quotes exactly the text that a plain scalar would not give back as that string.
    @Test(arguments: [
        ("on", #""on""#), ("yes", #""yes""#), ("y", #""y""#), ("Off", #""Off""#), ("~", #""~""#),
        ("null", #""null""#), ("", #""""#), ("1.0", #""1.0""#), ("0x1f", #""0x1f""#), ("012", #""012""#),
        ("1e3", #""1e3""#), ("true", #""true""#), ("-1", #""-1""#), (".inf", #"".inf""#), ("<<", #""<<""#),
        ("hello", "hello"), ("keda-operator", "keda-operator"), ("--zap-log-level=info", "--zap-log-level=info"),
        ("2001-12-14", "2001-12-14"), ("1:20", "1:20"), ("1e999", "1e999"),
        ("v1.0", "v1.0"), ("日本語", "日本語"), ("*ref", "'*ref'"), ("&a", "'&a'"), ("!x", "'!x'"), ("%x", "'%x'"),
        ("@x", "'@x'"), ("`x", "'`x'"), ("a: b", "'a: b'"), ("a #b", "'a #b'"), (" lead", "' lead'"),
        ("trail ", "'trail '"), ("- x", "'- x'"), ("a\tb", #""a\tb""#), ("🚀", #""🚀""#),
    ])
    func stringNodesAreQuotedOnlyWhenAPlainScalarWouldReadDifferently(text: String, written: String) throws {
        #expect(try emitted(.mapping(["k": .string(text)])) == "k: \(written)\n")
        #expect(try emitted(.sequence([.string(text)])) == "- \(written)\n")
    }

    @Test func stringKeysAreQuotedByTheSameRule() throws {
        let tree = YAMLNode.mapping([
            YAMLPair(key: .string("on"), value: .string("off")),
            YAMLPair(key: .string("y"), value: .string("n")),
            YAMLPair(key: .string("<<"), value: .string("<<")),
            YAMLPair(key: .string("1"), value: .string("replicas")),
            YAMLPair(key: .string("name"), value: .string("keda")),
        ])
        #expect(
            try emitted(tree) == """
                "on": "off"
                "y": "n"
                "<<": "<<"
                "1": replicas
                name: keda

                """)
    }

    @Test func multiLineStringsAreLiteralBlocksWhereLibyamlAllowsAndDoubleQuotedElsewhere() throws {
        let certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let tree = YAMLNode.mapping([
            YAMLPair(key: .string("caBundle"), value: .string(certificate)),
            YAMLPair(key: .string("script"), value: .string("set -e\n  indented\nlast")),
            YAMLPair(key: .string("padded"), value: .string("  starts with spaces\nx")),
            YAMLPair(key: .string("spaceBeforeBreak"), value: .string("a \nb")),
            YAMLPair(key: .string("tabbed"), value: .string("a\n\tb")),
            YAMLPair(key: .string("inFlow"), value: .sequence([.string("a\nb")], style: .flow)),
            YAMLPair(key: .string("two\nlines"), value: .string("key")),
        ])
        #expect(
            try emitted(tree) == #"""
                caBundle: |
                  -----BEGIN CERTIFICATE-----
                  MIIB
                  -----END CERTIFICATE-----
                script: |-
                  set -e
                    indented
                  last
                padded: |2-
                    starts with spaces
                  x
                spaceBeforeBreak: "a \nb"
                tabbed: "a\n\tb"
                inFlow: ["a\nb"]
                ? |-
                  two
                  lines
                : key

                """#)
    }

    // MARK: Keys

    @Test func keysAreQuotedByTheirStyleAndByLibyamlWhenTheyCannotBePlain() throws {
        let tree = YAMLNode.mapping([
            YAMLPair(key: .scalar("on", style: .doubleQuoted), value: .scalar("1")),
            YAMLPair(key: .scalar("a: b"), value: .scalar("2")),
            YAMLPair(key: .scalar("", style: .doubleQuoted), value: .scalar("3")),
            YAMLPair(key: .scalar("app.kubernetes.io/name"), value: .scalar("keda")),
        ])
        #expect(
            try emitted(tree) == """
                "on": 1
                'a: b': 2
                "": 3
                app.kubernetes.io/name: keda

                """)
    }

    /// libyaml writes a key as a simple `key:` only up to 128 characters, and never a multi-line one.
    @Test func longAndMultiLineKeysAreWrittenAsExplicitKeys() throws {
        let long = String(repeating: "k", count: 129)
        let tree = YAMLNode.mapping([
            YAMLPair(key: .scalar(long), value: .scalar("v")),
            YAMLPair(key: .scalar("a\nb", style: .literal), value: .scalar("w")),
            YAMLPair(key: .sequence([.scalar("x")]), value: .scalar("s")),
        ])
        #expect(
            try emitted(tree) == """
                ? \(long)
                : v
                ? |-
                  a
                  b
                : w
                ? - x
                : s

                """)
    }

    // MARK: Anchors, aliases and tags

    @Test func anchorsAliasesAndTagsAreWrittenWhenTheNodeCarriesThem() throws {
        var base = YAMLNode.mapping(["cpu": .scalar("1")])
        base.anchor = "base"
        let tree = YAMLNode.mapping([
            YAMLPair(key: .scalar("defaults"), value: base),
            YAMLPair(
                key: .scalar("operator"),
                value: .mapping([YAMLPair(key: .scalar("<<"), value: YAMLNode(.alias("base")))])),
            YAMLPair(key: YAMLNode(.alias("base")), value: .scalar("as a key")),
            YAMLPair(key: .scalar("str"), value: .scalar("on", tag: "tag:yaml.org,2002:str")),
            YAMLPair(key: .scalar("local"), value: YAMLNode(.sequence([.scalar("a")]), tag: "!list")),
            YAMLPair(key: .scalar("uri"), value: .scalar("x", style: .doubleQuoted, tag: "tag:example.com,2024:x")),
            YAMLPair(key: .scalar("both"), value: YAMLNode(.mapping([]), tag: "!e", anchor: "empty")),
            YAMLPair(key: .scalar("escaped"), value: .scalar("v", tag: "!a!b c{}")),
            YAMLPair(key: .scalar("verbatim"), value: .scalar("v", tag: "tag:example.com,2024:a,b c")),
        ])
        #expect(
            try emitted(tree) == """
                defaults: &base
                  cpu: 1
                operator:
                  <<: *base
                *base : as a key
                str: !!str on
                local: !list
                - a
                uri: !<tag:example.com,2024:x> "x"
                both: &empty !e {}
                escaped: !a%21b%20c%7B%7D v
                verbatim: !<tag:example.com,2024:a,b%20c> v

                """)
    }

    // MARK: Parsed trees

    /// A parsed template written back: quoting and flow style kept, sequences re-indented as kubectl prints them,
    /// comments gone (libyaml does not report them), and a placeholder replaced by `.string` stays a string.
    @Test func aParsedTemplateIsWrittenBackInTheHouseLayout() throws {
        let template = """
            # cert-manager Certificate for the KEDA operator
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: keda-operator-cert   # the operator's serving certificate
              namespace: ${namespace}
            spec:
              dnsNames:
                - keda-operator.keda.svc
                - "keda-operator.keda.svc.cluster.local"
              issuerRef: {name: keda-issuer, kind: Issuer}
              duration: 8760h
              usages: ['server auth']

            """
        var root = try #require(try YAMLParser().parse(template).documents.first?.root)
        guard case .mapping(var pairs) = root.content, case .mapping(var metadata) = pairs[2].value.content else {
            Issue.record("the template is not the expected shape")
            return
        }
        metadata[1].value = .string("on")  // a namespace that YAML 1.1 would read as `true`
        pairs[2].value.content = .mapping(metadata)
        root.content = .mapping(pairs)
        #expect(
            try emitted(root) == """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: keda-operator-cert
                  namespace: "on"
                spec:
                  dnsNames:
                  - keda-operator.keda.svc
                  - "keda-operator.keda.svc.cluster.local"
                  issuerRef: {name: keda-issuer, kind: Issuer}
                  duration: 8760h
                  usages: ['server auth']

                """)
    }

    // MARK: Errors

    @Test(arguments: [
        (YAMLNode(.scalar("x"), anchor: "a.b"), "the anchor name `a.b` at the root cannot be written"),
        (YAMLNode(.scalar("x"), anchor: ""), "an empty anchor name at the root cannot be written"),
        (
            YAMLNode.mapping(["spec": .sequence([.scalar("a"), YAMLNode(.alias("nowhere"))])]),
            "the alias *nowhere at `spec[1]` refers to no anchor written before it in the document"
        ),
        (
            YAMLNode.mapping([
                YAMLPair(key: YAMLNode(.alias("later")), value: YAMLNode(.scalar("v"), anchor: "later"))
            ]),
            "the alias *later at `<key> (the key)` refers to no anchor written before it in the document"
        ),
        (
            YAMLNode.sequence([YAMLNode(.scalar("x"), anchor: "a"), YAMLNode(.alias("a"), anchor: "b")]),
            "the alias *a at `[1]` carries an anchor or a tag, which YAML cannot write"
        ),
        (
            YAMLNode.mapping(["k": YAMLNode(.scalar("x"), tag: "")]),
            "the node at `k` has an empty tag or one with a NUL character"
        ),
        (
            YAMLNode.sequence([YAMLNode(.sequence([]), tag: "!list[int]")]),
            "the tag `!list[int]` at `[0]` cannot be written: libyaml would leave its `,`, `[` or `]` unescaped, "
                + "and a reader would take it for the end of the tag"
        ),
        (
            // The path after a deep sibling, and inside an item: each node's own path, not its predecessor's.
            YAMLNode.mapping([
                "a": .mapping(["b": .mapping(["c": .sequence([.scalar("x"), .scalar("y")])])]),
                "z": .sequence([.mapping(["d": .scalar("ok")]), .mapping(["e": YAMLNode(.alias("bad"))])]),
            ]),
            "the alias *bad at `z[1].e` refers to no anchor written before it in the document"
        ),
        (
            YAMLNode.mapping([
                YAMLPair(key: .sequence([.scalar("k"), YAMLNode(.alias("inKey"))]), value: .scalar("v"))
            ]),
            "the alias *inKey at `<key> (the key)[1]` refers to no anchor written before it in the document"
        ),
        (
            YAMLNode(.scalar("x"), tag: "tag:yaml.org,2002:a,b"),
            "the tag `tag:yaml.org,2002:a,b` at the root cannot be written: libyaml would leave its `,`, `[` or `]` "
                + "unescaped, and a reader would take it for the end of the tag"
        ),
    ])
    func treesLibyamlCannotWriteAreRefusedNamingTheNode(tree: YAMLNode, message: String) {
        #expect {
            try YAMLEmitter().emit(tree)
        } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.kind == .emitter && error.message == message && error.fix != nil
        }
    }

    @Test func anAliasMustFollowItsAnchorInTheSameDocument() {
        let documents = [YAMLNode(.scalar("x"), anchor: "a"), YAMLNode(.alias("a"))]
        let expected = "the alias *a at the root of document 2 refers to no anchor written before it in the document"
        #expect(throws: YAMLError(.emitter, expected, fix: anchorFix("a"))) {
            try YAMLEmitter().emit(documents: documents)
        }
    }

    func anchorFix(_ name: String) -> String {
        "anchor a node that comes earlier in the document with `\(name)`, or correct the name"
    }

    @Test func stringOutputIsTheBytesDecoded() throws {
        let tree = YAMLNode.mapping(["ä": .scalar("日本")])
        #expect(try YAMLEmitter().emitString(tree) == String(decoding: try YAMLEmitter().emit(tree), as: UTF8.self))
    }

    /// Only libyaml's own `\U` escapes of characters beyond U+FFFF are put back; an escaped backslash followed by `U`
    /// in the text, or `\U` inside single quotes or block scalars, is left alone.
    @Test func astralEscapesArePutBackOnlyInsideDoubleQuotedScalars() throws {
        let tree = YAMLNode.mapping([
            "a": .scalar("\\U0001F680 and 🎉"), "b": .scalar("\\U0001F680", style: .singleQuoted),
            "c": .scalar("keep \\U0001F680\n", style: .literal), "🚀 key": .scalar("x"),
        ])
        let text = try emitted(tree)
        #expect(text.contains("🎉"))
        #expect(!text.contains("\\U0001F389"))
        let reread = try YAMLParser().parse(text)
        #expect(reread.documents.first?.root["a"]?.scalarText == "\\U0001F680 and 🎉")
        #expect(reread.documents.first?.root["b"]?.scalarText == "\\U0001F680")
        #expect(reread.documents.first?.root["c"]?.scalarText == "keep \\U0001F680\n")
        #expect(reread.documents.first?.root["🚀 key"]?.scalarText == "x")
    }
}
