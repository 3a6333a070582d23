import Testing

@testable import YAMLKit

@Suite("Editor: the check of an edit's result and the anchors it asks about")
struct EditorCheckTests {
    @Test("alias names are gathered from the whole document, whenever an anchor is asked about")
    func referencedAnchors() throws {
        let stream = try YAMLParser().parse("a: &used 1\nb: &unused 2\nc:\n  - *used\n", fileName: "values.yaml")
        let anchors = ReferencedAnchors(root: stream.documents[0].root)
        #expect(anchors.contains("used"))
        #expect(!anchors.contains("unused"))
        #expect(anchors.contains("used"), "asked again, the same answer")
        #expect(!ReferencedAnchors(root: nil).contains("used"))
        let plain = try YAMLParser().parse("a: 1\n", fileName: "values.yaml")
        #expect(!ReferencedAnchors(root: plain.documents[0].root).contains("a"))
    }

    @Test("an anchor no alias uses is edited; one an alias uses is refused, before and after other edits")
    func anchorsAcrossEdits() throws {
        let stream = try YAMLParser().parse("a: &x 1\nb: &y 2\nc: *y\n", fileName: "values.yaml")
        let editor = YAMLSourceEditor(stream: stream)
        let bytes = try editor.apply([.set("d", .scalar("4")), .set("a", .scalar("3"))])
        #expect(String(decoding: bytes, as: UTF8.self) == "a: 3\nb: &y 2\nc: *y\nd: 4\n")
        #expect(throws: YAMLError.self) { try editor.apply([.set("d", .scalar("4")), .set("b", .scalar("3"))]) }
    }

    /// The bytes of applying edits one at a time, each to the parse of the previous result.
    static func oneByOne(_ yaml: String, _ edits: [YAMLEdit]) throws -> String {
        var bytes = Array(yaml.utf8)
        for edit in edits {
            let stream = try YAMLParser().parse(bytes: bytes, fileName: "values.yaml")
            bytes = try YAMLSourceEditor(stream: stream).apply([edit])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "one-line scalars rewritten apart are checked together and give the bytes of one edit at a time",
        arguments: [
            ("a: true  # c\nm:\n  b: 'x'\n", ["a": "false", "m.b": "y"]),
            ("{a: 1, b: 2}\n", ["a": "10", "b": "20"]),
            ("a:\nb: 1\n", ["a": "x", "b": "2"]),
            ("l:\n- 1\n- 2\nk: \"v\"\n", ["l[0]": "3", "k": "w"]),
            ("a: &unused 1\nb: 2\n", ["a": "3", "b": "on"]),
            ("a: 1\r\nb: 2", ["b": "3", "a": "4"]),
            ("a: 1\nb: 2\n", ["a": "1", "b": "3"]),
        ])
    func rewritesTogether(yaml: String, sets: [String: String]) throws {
        let edits = try sets.sorted { $0.key < $1.key }.map { path, value in
            YAMLEdit.set(try YAMLPath(parsing: path), .scalar(value))
        }
        let editor = YAMLSourceEditor(stream: try YAMLParser().parse(yaml, fileName: "values.yaml"))
        let together = try #require(editor.appliedTogether(edits))
        #expect(String(decoding: together.source.bytes, as: UTF8.self) == (try Self.oneByOne(yaml, edits)))
        #expect(String(decoding: try editor.apply(edits), as: UTF8.self) == (try Self.oneByOne(yaml, edits)))
    }

    @Test(
        "edits that are not rewrites apart go one by one, with the same result or error",
        arguments: [
            ("a: 1\nb: 2\n", [YAMLEdit.set("a", .scalar("3")), .set("c", .scalar("4"))]),
            ("a: 1\nb: 2\n", [YAMLEdit.set("a", .scalar("3")), .remove("b")]),
            ("a: 1\n", [YAMLEdit.set("a", .scalar("3")), .set("a", .scalar("4"))]),
            ("a: 1\n", [YAMLEdit.set("a", .scalar("3")), .set("a.b", .scalar("4"))]),
            ("a:\n  b: 1\nc: 2\n", [YAMLEdit.set("c", .scalar("3")), .set("a", .scalar("4"))]),
            ("a: |\n  x\nb: 2\n", [YAMLEdit.set("a", .scalar("y")), .set("b", .scalar("3"))]),
            ("c: &x 2\na: 1\nb: *x\n", [YAMLEdit.set("a", .scalar("3")), .set("b", .scalar("4"))]),
            ("a: 1\nb: 2\na: 3\n", [YAMLEdit.set("b", .scalar("3")), .set("a", .scalar("4"))]),
        ])
    func notTogether(yaml: String, edits: [YAMLEdit]) throws {
        let editor = YAMLSourceEditor(stream: try YAMLParser().parse(yaml, fileName: "values.yaml"))
        #expect(editor.appliedTogether(edits) == nil)
        func outcome(_ body: () throws -> String) -> String {
            do {
                return "result: " + (try body())
            } catch {
                let error = error as? YAMLError
                return "error: \(error?.message ?? "") at \(error?.position?.description ?? "")"
            }
        }
        let applied = outcome { String(decoding: try editor.apply(edits), as: UTF8.self) }
        #expect(applied == outcome { try Self.oneByOne(yaml, edits) })
    }

    @Test("the result must hold exactly the intended documents: same count, the edited one, every other unchanged")
    func intendedDocuments() throws {
        let original = try YAMLParser().parse("a: 1\n---\nb: 2\n", fileName: "values.yaml")
        let intended = try YAMLParser().parse("a: 3\n", fileName: "values.yaml").documents[0].root
        func holds(_ text: String, editing index: Int = 0) throws -> Bool {
            let result = try YAMLParser().parse(text, fileName: "values.yaml")
            return EditSession.holdsIntendedDocuments(result, original: original, editing: index, as: intended)
        }
        #expect(try holds("a: 3\n---\nb: 2\n"))
        #expect(try holds("a:   3  # spaces and comments do not count\n---\nb: 2\n"))
        #expect(try !holds("a: 1\n---\nb: 2\n"), "the edit is missing")
        #expect(try !holds("a: 3\n---\nb: 5\n"), "another document changed")
        #expect(try !holds("a: 3\n"), "a document is missing")
        #expect(try !holds("a: 3\n---\nb: 2\n---\nc: 1\n"), "a document too many")
        #expect(try !holds("a: '3'\n---\nb: 2\n"), "another style")
        #expect(try !holds("a: !!str 3\n---\nb: 2\n"), "another tag")
        #expect(try holds("a: 1\n---\na: 3\n", editing: 1), "the second document edited")
        #expect(try !holds("a: 3\n---\na: 3\n", editing: 1), "the first document must stay as it was")
        // An input without documents: the intended document alone.
        let empty = try YAMLParser().parse("# only a comment\n", fileName: "values.yaml")
        let result = try YAMLParser().parse("# only a comment\na: 3\n", fileName: "values.yaml")
        #expect(EditSession.holdsIntendedDocuments(result, original: empty, editing: 0, as: intended))
        #expect(!EditSession.holdsIntendedDocuments(empty, original: empty, editing: 0, as: intended))
    }
}
