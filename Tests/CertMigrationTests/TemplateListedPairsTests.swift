import Testing

@testable import CertMigration

/// A render given its values and sections as listed pairs writes exactly what the same render given dictionaries
/// writes, and fails the same way.
@Suite struct TemplateListedPairsTests {
    static let template: [UInt8] = Array(
        """
        # ${title}
        ${#notes}
        Notes: ${notes} and ${title} again (${count}).
        ${/notes}
        ${#extra}
        Extra: ${extraText}
        ${/extra}
        End ${flag}.

        """.utf8)

    static func set(_ name: String) -> TemplateSet {
        TemplateSet(files: [name: template], origin: .embedded, displayDirectory: "templates")
    }

    @Test(arguments: ["t.md", "t.txt"], [true, false])
    func listedPairsRenderWhatADictionaryRenders(name: String, notes: Bool) throws {
        let set = Self.set(name)
        let listed = try set.render(
            name,
            values: [
                "extraText": "x\ny", "notes": "two\nlines", "title": "KEDA", "count": .integer(3), "flag": .bool(true),
            ],
            sections: ["notes": notes, "extra": !notes])
        let dictionary: [String: TemplateValue] = [
            "title": "KEDA", "notes": "two\nlines", "count": .integer(3), "flag": .bool(true), "extraText": "x\ny",
        ]
        let expected = try set.render(name, values: dictionary, sections: ["extra": !notes, "notes": notes])
        #expect(listed == expected)
        #expect(String(decoding: listed, as: UTF8.self).hasPrefix("# KEDA\n"))
    }

    @Test func aNameListedTwiceTakesItsFirstValue() throws {
        let set = Self.set("t.md")
        let values: KeyValuePairs<String, TemplateValue> = [
            "title": "first", "notes": "n", "count": .integer(1), "flag": .bool(false), "extraText": "e",
            "title": "second",
        ]
        let sections: KeyValuePairs<String, Bool> = ["notes": false, "extra": false, "extra": true]
        let rendered = try set.render("t.md", values: values, sections: sections)
        #expect(String(decoding: rendered, as: UTF8.self) == "# first\nEnd false.\n")
    }

    @Test func aMissingNameFailsAsWithADictionary() {
        let set = Self.set("t.md")
        let listed: KeyValuePairs<String, TemplateValue> = ["title": "t", "notes": "n", "count": .integer(1)]
        let dictionary: [String: TemplateValue] = ["title": "t", "notes": "n", "count": .integer(1)]
        var listedError: TemplateError?
        var dictionaryError: TemplateError?
        do { _ = try set.render("t.md", values: listed, sections: ["notes": true, "extra": true]) } catch {
            listedError = error
        }
        do { _ = try set.render("t.md", values: dictionary, sections: ["notes": true, "extra": true]) } catch {
            dictionaryError = error
        }
        #expect(listedError != nil)
        #expect(listedError?.description == dictionaryError?.description)
        #expect(listedError?.description.contains("this render supplies count, notes, title") == true)
    }
}
