import Testing
import YAMLKit

@Suite("UnknownTag: tags Helm drops are found where they are written; the tags it reads are not")
struct UnknownTagTests {
    @Test("custom and foreign tags are found in source order; YAML's own and the non-specific `!` are not")
    func found() throws {
        let text = """
            a: !!str 1
            b: ! 2
            c: !vault secret/keda#name
            d: !!python/str x
            e: !custom
              f: !!int 3
            g: [!!bool true, !enc 'x']

            """
        let root = try #require(try YAMLParser().parse(text).documents.first?.root)
        let tags = UnknownTag.all(in: root)
        #expect(tags.map(\.written) == ["!vault", "!!python/str", "!custom", "!enc"])
        #expect(tags.map { "\($0.span.start)" } == ["3:4", "4:4", "5:4", "7:18"])
    }

    @Test("a values document carries its unknown tags; the value keeps the text Helm reads")
    func inDocument() throws {
        let document = try HelmValueReader().read("secretName: !vault secret/keda#name\n")
        #expect(document.unknownTags.map(\.written) == ["!vault"])
        #expect(document.values["secretName"]?.content == .string("secret/keda#name"))
    }
}
