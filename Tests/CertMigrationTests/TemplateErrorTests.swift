import Testing
import YAMLKit

@testable import CertMigration

/// Every template failure names the file, line and column, and says what was expected.
@Suite struct TemplateErrorTests {
    /// The error a one-file set under `overrides/` throws.
    static func failure(
        _ name: String, _ text: String, values: [String: TemplateValue] = [:], sections: [String: Bool] = [:]
    ) -> TemplateError? {
        let set = TemplateSet(files: [name: Array(text.utf8)], origin: .override, displayDirectory: "overrides")
        do {
            _ = try set.render(name, values: values, sections: sections)
            return nil
        } catch {
            return error
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var values: [String: TemplateValue] = [:]
        var sections: [String: Bool] = [:]
        var kind: TemplateError.Kind
        var location: String
        var message: String
        var description: String { location + " " + message }
    }

    static let cases: [Case] = [
        Case(
            name: "m.yaml", text: "metadata:\n  name: ${name}\n  namespace: ${namspace}\n",
            values: ["name": "a", "namespace": "keda"], kind: .unknownPlaceholder, location: "overrides/m.yaml:3:14",
            message: "unknown placeholder ${namspace}: this render supplies name, namespace"),
        Case(
            name: "m.yaml", text: "a: x\nb: \"x-${missing}\"\n", kind: .unknownPlaceholder,
            location: "overrides/m.yaml:2:7", message: "unknown placeholder ${missing}: this render supplies none"),
        Case(
            name: "m.yaml", text: "a: x\nb: [1, 2\n", kind: .invalidYAML, location: "overrides/m.yaml:3:1",
            message:
                "the template is not valid YAML: while parsing a flow sequence at line 2, column 4: did not find expected ',' or ']'"
        ),
        Case(
            name: "m.yaml", text: "a: ${ bad}\n", kind: .malformedPlaceholder, location: "overrides/m.yaml:1:4",
            message: "`${` must start a placeholder `${name}` (letters, digits, `_`)"),
        Case(
            name: "m.yaml", text: "a: b\nlist: x-${list}\n", values: ["list": .strings(["a"])], kind: .wrongValueKind,
            location: "overrides/m.yaml:2:9",
            message: "${list} stands inside a longer scalar, so it takes text, not a list"),
        Case(
            name: "m.yaml", text: "a: !!str ${v}\n", values: ["v": "x"], kind: .wrongValueKind,
            location: "overrides/m.yaml:1:4",
            message: "a placeholder scalar cannot carry a tag: the value's type decides how it is written"),
        Case(
            name: "m.yaml", text: "a:\n  ${k}: 1\n", values: ["k": .omitted], kind: .wrongValueKind,
            location: "overrides/m.yaml:2:3", message: "the key placeholder ${k} takes text, not omitted"),
        Case(
            name: "m.yaml", text: "labels:\n  team: a\n  ${k}: b\n", values: ["k": "team"], kind: .duplicateKey,
            location: "overrides/m.yaml:3:3",
            message: "the key \"team\" appears twice in this mapping once rendered"),
        Case(
            name: "m.yaml", text: "${v}\n", values: ["v": .omitted], kind: .wrongValueKind,
            location: "overrides/m.yaml:1:1", message: "a whole document cannot be omitted"),
        Case(
            name: "b.md", text: "# T\n\nSee ${what} and ${typo}.\n", values: ["what": "x"], kind: .unknownPlaceholder,
            location: "overrides/b.md:3:17", message: "unknown placeholder ${typo}: this render supplies what"),
        Case(
            name: "b.md", text: "a\n${#opt}\n${hidden}\n${/opt}\n", sections: ["opt": false],
            kind: .unknownPlaceholder, location: "overrides/b.md:3:1",
            message: "unknown placeholder ${hidden}: this render supplies none"),
        Case(
            name: "b.md", text: "a\n${#opt}\nb\n", sections: ["other": true], kind: .unknownPlaceholder,
            location: "overrides/b.md:2:1", message: "unknown section ${#opt}: this render names other"),
        Case(
            name: "b.md", text: "a\n${#opt}\nb\n", sections: ["opt": true], kind: .unbalancedSection,
            location: "overrides/b.md:2:1", message: "section ${#opt} is never closed"),
        Case(
            name: "b.md", text: "${#a}\n${#b}\n${/a}\n${/b}\n", sections: ["a": true, "b": true],
            kind: .unbalancedSection, location: "overrides/b.md:3:1",
            message: "${/a} closes no open section (expected ${/b})"),
        Case(
            name: "b.md", text: "text ${#opt} inline\n", sections: ["opt": true], kind: .malformedPlaceholder,
            location: "overrides/b.md:1:6",
            message:
                "`${` must start a placeholder `${name}`, or a section marker `${#name}` / `${/name}` alone on its line"
        ),
        Case(
            name: "b.md", text: "x ${v}\n", values: ["v": .strings(["a"])], kind: .wrongValueKind,
            location: "overrides/b.md:1:3", message: "${v} takes text, not a list"),
    ]

    @Test(arguments: cases)
    func failureNamesFileLineAndColumn(_ expected: Case) throws {
        let error = try #require(
            Self.failure(expected.name, expected.text, values: expected.values, sections: expected.sections))
        #expect(error.kind == expected.kind)
        #expect(error.location.description == expected.location)
        #expect(error.message == expected.message)
    }

    /// A set keeps each template parsed or scanned after its first render: a second render of the same set must
    /// fail with exactly the same error, and a set with a template overridden must render the new bytes.
    @Test(arguments: cases)
    func secondRenderFailsTheSameWay(_ expected: Case) throws {
        let set = TemplateSet(
            files: [expected.name: Array(expected.text.utf8)], origin: .override, displayDirectory: "overrides")
        var descriptions: [String] = []
        for _ in 0..<2 {
            do {
                _ = try set.render(expected.name, values: expected.values, sections: expected.sections)
                Issue.record("expected an error")
            } catch {
                descriptions.append(error.description)
            }
        }
        #expect(descriptions.count == 2 && descriptions[0] == descriptions[1])
        let fixed = try set.overriding([expected.name: Array("fixed: 1\n".utf8)], from: "fixed")
        #expect(try fixed.render(expected.name, values: [:]) == Array("fixed: 1\n".utf8))
    }

    @Test func descriptionIsCompilerStyleWithCaret() throws {
        let error = try #require(Self.failure("m.yaml", "a: 1\nb: x-${nope}\n"))
        #expect(
            error.description == """
                overrides/m.yaml:2:6: error: unknown placeholder ${nope}: this render supplies none
                    b: x-${nope}
                         ^
                fix: use a supplied name, or write `$${` for a literal `${`
                """)
    }

    @Test func parseErrorKeepsTheLibyamlError() throws {
        let error = try #require(Self.failure("m.yaml", "a: 'unterminated\n"))
        #expect(error.kind == .invalidYAML)
        #expect(error.underlying?.kind == .scanner)
        #expect(error.location.file == "overrides/m.yaml")
    }

    @Test func unknownTemplateName() throws {
        do {
            _ = try TemplateSet.embedded.render("manifests/nope.yaml", values: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknownTemplate)
            #expect(error.message.hasPrefix("no template is named manifests/nope.yaml; templates: PULL_REQUEST.md, "))
        }
    }

    @Test func unknownFileType() throws {
        let error = try #require(Self.failure("x.json", "{}"))
        #expect(error.kind == .unknownTemplate)
        #expect(error.location.description == "overrides/x.json")
    }

    @Test func markdownThatIsNotUTF8() throws {
        let set = TemplateSet(files: ["b.md": [0x61, 0xFF, 0x0A]], origin: .override, displayDirectory: "o")
        #expect(throws: TemplateError.self) { try set.render("b.md", values: [:]) }
    }
}
