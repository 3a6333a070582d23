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
