import Testing
import YAMLKit

@testable import CertMigration

/// A value can never change a rendered document's structure.
@Suite struct TemplateInjectionTests {
    /// A one-file set under `test/`.
    static func set(_ name: String, _ text: String) -> TemplateSet {
        TemplateSet(files: [name: Array(text.utf8)], origin: .override, displayDirectory: "test")
    }

    static let attempts = [
        "a\nb: c", "\"; rm -rf /", "{x: 1}", "*alias", "!!binary aGVsbG8=", "}", "- item", "key: value", "on", "1.0",
        "true", "~", "", "---", "# comment", "&anchor x", "${namespace}", "a\r\nb", " leading", "'quoted'", "[1, 2]",
        "|\n  block", "x\t y", "\u{1F600}",
    ]

    @Test(arguments: attempts)
    func wholeScalarStringStaysOneString(attempt: String) throws {
        let set = Self.set(
            "t.yaml",
            "metadata:\n  name: ${name}\n  namespace: keda\nlist:\n- ${name}\nflow: [\"${name}\", {k: '${name}'}]\n")
        let output = try set.render("t.yaml", values: ["name": .string(attempt)])
        let root = try YAMLParser().parse(bytes: output, fileName: "out").documents[0].root
        #expect(root.pairs?.map { $0.key.scalarText } == ["metadata", "list", "flow"])
        #expect(root["flow"]?.items?.count == 2)
        #expect(root["flow"]?.items?.first?.scalarText == attempt)
        #expect(root["flow"]?.items?.last?.pairs?.count == 1)
        #expect(root["flow"]?.items?.last?["k"]?.scalarText == attempt)
        #expect(root["metadata"]?.pairs?.count == 2)
        #expect(root["metadata"]?["namespace"]?.scalarText == "keda")
        #expect(root["list"]?.items?.count == 1)
        for node in [root["metadata"]?["name"], root["list"]?.items?.first] {
            let node = try #require(node)
            #expect(node.scalarText == attempt)
            #expect(node.tag == nil)
            #expect(node.anchor == nil)
        }
        // Helm reads it back as this very string, not a bool, number or null.
        let helm = try HelmValueReader().read(String(decoding: output, as: UTF8.self)).values
        #expect(helm["metadata"]?["name"]?.content == .string(attempt))
        #expect(helm["list"]?.items?.first?.content == .string(attempt))
    }

    @Test(arguments: attempts)
    func stringInsideALongerScalarStaysOneString(attempt: String) throws {
        let set = Self.set("t.yaml", "name: prefix-${name}-suffix\nnext: 1\n")
        let output = try set.render("t.yaml", values: ["name": .string(attempt)])
        let root = try YAMLParser().parse(bytes: output, fileName: "out").documents[0].root
        #expect(root.pairs?.count == 2)
        #expect(root["name"]?.scalarText == "prefix-\(attempt)-suffix")
        #expect(root["next"] == .scalar("1"))
    }

    @Test(arguments: attempts)
    func keyPlaceholderStaysOneKey(attempt: String) throws {
        let set = Self.set("t.yaml", "labels:\n  ${key}: x\n  other: y\n")
        let output = try set.render("t.yaml", values: ["key": .string(attempt)])
        let root = try YAMLParser().parse(bytes: output, fileName: "out").documents[0].root
        #expect(root["labels"]?.pairs?.map(\.key.scalarText) == [attempt, "other"])
    }

    @Test func typedValuesAreWrittenTyped() throws {
        let set = Self.set("t.yaml", "isCA: ${isCA}\nsize: ${size}\nname: ${name}\n")
        let output = try set.render("t.yaml", values: ["isCA": .bool(true), "size": .integer(2048), "name": "on"])
        #expect(String(decoding: output, as: UTF8.self) == "isCA: true\nsize: 2048\nname: \"on\"\n")
    }

    @Test func quotedPlaceholderBehavesAsPlain() throws {
        let set = Self.set("t.yaml", "a: '${v}'\nb: \"${v}\"\n")
        let output = try set.render("t.yaml", values: ["v": .integer(3)])
        #expect(String(decoding: output, as: UTF8.self) == "a: 3\nb: 3\n")
    }

    @Test func escapedDollarBraceIsLiteral() throws {
        let set = Self.set("t.yaml", "a: $${HOME}\nb: x-$${y}-${v}\n")
        let output = try set.render("t.yaml", values: ["v": "z"])
        #expect(String(decoding: output, as: UTF8.self) == "a: ${HOME}\nb: x-${y}-z\n")
    }

    @Test func omittedLeavesOutThePairOrItem() throws {
        let set = Self.set("t.yaml", "a: ${gone}\nb: 1\nlist:\n- ${gone}\n- 2\n")
        let output = try set.render("t.yaml", values: ["gone": .omitted])
        #expect(String(decoding: output, as: UTF8.self) == "b: 1\nlist:\n- 2\n")
    }

    @Test func multiDocumentTemplateKeepsItsDocuments() throws {
        let set = Self.set("t.yaml", "kind: A\nname: ${n}\n---\nkind: B\nname: ${n}\n")
        let output = try set.render("t.yaml", values: ["n": "x: y"])
        #expect(String(decoding: output, as: UTF8.self) == "kind: A\nname: 'x: y'\n---\nkind: B\nname: 'x: y'\n")
    }

    @Test func anchorOnAPlaceholderIsKept() throws {
        let set = Self.set("t.yaml", "a: &n ${v}\nb: *n\n")
        let output = try set.render("t.yaml", values: ["v": "x"])
        #expect(String(decoding: output, as: UTF8.self) == "a: &n x\nb: *n\n")
    }

    @Test func markdownValueIsNotScannedAgain() throws {
        let set = Self.set("t.md", "Hello ${a} and ${b}.\n")
        let output = try set.render("t.md", values: ["a": "${b}", "b": "$${"])
        #expect(String(decoding: output, as: UTF8.self) == "Hello ${b} and $${.\n")
    }

    @Test func markdownKeepsCRLFLineEnds() throws {
        let set = Self.set("t.md", "a ${x}\r\n${#s}\r\nb\r\n${/s}\r\nc\r\n")
        let output = try set.render("t.md", values: ["x": "1"], sections: ["s": true])
        #expect(String(decoding: output, as: UTF8.self) == "a 1\r\nb\r\nc\r\n")
    }

    @Test func nestedSections() throws {
        let set = Self.set("t.md", "${#outer}\nA\n${#inner}\nB\n${/inner}\nC\n${/outer}\nD\n")
        let render = { (outer: Bool, inner: Bool) throws -> String in
            String(
                decoding: try set.render("t.md", values: [:], sections: ["outer": outer, "inner": inner]),
                as: UTF8.self)
        }
        #expect(try render(true, true) == "A\nB\nC\nD\n")
        #expect(try render(true, false) == "A\nC\nD\n")
        #expect(try render(false, true) == "D\n")
    }
}
