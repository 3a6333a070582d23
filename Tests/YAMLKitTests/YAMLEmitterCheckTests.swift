import Testing
import YAMLKit

/// The emitter checks a document when it meets the document's first node that could be refused (an anchor, a tag, an
/// alias): the refusal must be the one a check of every document first would give, and a document with anchors,
/// tags and aliases that are all right must still be written.
@Suite struct YAMLEmitterCheckTests {
    static let plain = YAMLNode.mapping([
        "a": .sequence([.scalar("1"), .scalar("2")]), "b": .mapping(["c": .scalar("d")]),
    ])

    @Test func aRefusalLaterInADocumentNamesItsNodeAfterPlainNodesWereMet() {
        let tree = YAMLNode.mapping([
            "a": Self.plain, "b": .sequence([.scalar("x"), YAMLNode(.scalar("y"), anchor: "bad.name")]),
        ])
        #expect {
            try YAMLEmitter().emit(tree)
        } throws: { error in
            (error as? YAMLError)?.message == "the anchor name `bad.name` at `b[1]` cannot be written"
        }
    }

    @Test func theFirstRefusedDocumentIsNamedWhateverCameBefore() {
        let documents = [
            Self.plain, YAMLNode(.scalar("x"), anchor: "ok"), .mapping(["k": .sequence([YAMLNode(.alias("ok"))])]),
            YAMLNode(.scalar("y"), tag: ""),
        ]
        #expect {
            try YAMLEmitter().emit(documents: documents)
        } throws: { error in
            (error as? YAMLError)?.message
                == "the alias *ok at `k[0]` of document 3 refers to no anchor written before it in the document"
        }
    }

    @Test func anchorsTagsAndAliasesThatAreRightAreWritten() throws {
        let tree = YAMLNode.mapping([
            "plain": Self.plain,
            "base": YAMLNode(.mapping([YAMLPair(key: .scalar("x"), value: .scalar("1"))]), anchor: "base"),
            "copy": YAMLNode(.alias("base")), "tagged": .scalar("1", tag: "tag:yaml.org,2002:str"),
        ])
        let text = try YAMLEmitter().emitString(documents: [Self.plain, tree])
        #expect(text.contains("base: &base\n") && text.contains("copy: *base\n") && text.contains("tagged: !!str 1\n"))
        #expect(text.hasPrefix(try YAMLEmitter().emitString(Self.plain) + "---\n"))
    }
}
