import Testing

@testable import YAMLKit

/// A node keeps its tag and anchor out of line; these tests pin the size that buys and check that the tag and
/// anchor still read, change and compare as stored properties would.
@Suite("YAMLNode: compact storage of tag and anchor")
struct YAMLNodeStorageTests {
    @Test("a node takes 56 bytes and a pair 112, so copying trees moves and retains less")
    func nodeSize() {
        #expect(MemoryLayout<YAMLNode>.size == 56)
        #expect(MemoryLayout<YAMLNode>.stride == 56)
        #expect(MemoryLayout<YAMLPair>.stride == 112)
    }

    @Test("tag and anchor given to the initializer read back, each without the other")
    func initializerKeepsTagAndAnchor() {
        let both = YAMLNode(.scalar("1"), tag: "tag:yaml.org,2002:str", anchor: "one")
        #expect(both.tag == "tag:yaml.org,2002:str" && both.anchor == "one")
        let tagOnly = YAMLNode.scalar("1", tag: "tag:yaml.org,2002:int")
        #expect(tagOnly.tag == "tag:yaml.org,2002:int" && tagOnly.anchor == nil)
        let anchorOnly = YAMLNode(.sequence([]), anchor: "list")
        #expect(anchorOnly.tag == nil && anchorOnly.anchor == "list")
        let neither = YAMLNode.scalar("1")
        #expect(neither.tag == nil && neither.anchor == nil)
    }

    @Test("setting the tag keeps the anchor, setting the anchor keeps the tag, and nil clears only that one")
    func settersChangeOnlyTheirOwnField() {
        var node = YAMLNode.scalar("x")
        node.anchor = "a"
        #expect(node.anchor == "a" && node.tag == nil)
        node.tag = "!local"
        #expect(node.anchor == "a" && node.tag == "!local")
        node.anchor = nil
        #expect(node.anchor == nil && node.tag == "!local")
        node.tag = nil
        #expect(node.anchor == nil && node.tag == nil)
        #expect(node == .scalar("x"))
    }

    @Test("changing a copy's tag or anchor leaves the original as it was")
    func copiesDoNotShareChanges() {
        let original = YAMLNode(.scalar("v"), tag: "!t", anchor: "a")
        var copy = original
        copy.tag = "!other"
        copy.anchor = nil
        #expect(original.tag == "!t" && original.anchor == "a")
        #expect(copy.tag == "!other" && copy.anchor == nil)
        #expect(copy != original)
    }

    @Test("equality and hashing see tag and anchor, wherever they are stored")
    func equalityAndHashingSeeTagAndAnchor() {
        let parsed = try? YAMLParser().parse("&a !t v").documents.first?.root
        let built = YAMLNode(.scalar("v"), tag: "!t", anchor: "a")
        #expect(parsed == built)
        #expect(parsed?.hashValue == built.hashValue)
        #expect(built != YAMLNode(.scalar("v"), tag: "!t"))
        #expect(built != YAMLNode(.scalar("v"), anchor: "a"))
        #expect(Set([built, YAMLNode(.scalar("v"), tag: "!t"), YAMLNode(.scalar("v"), anchor: "a")]).count == 3)
    }

    @Test("a key path to the tag or anchor reads and writes it")
    func keyPathsWork() {
        var node = YAMLNode.scalar("k")
        let tagPath: WritableKeyPath<YAMLNode, String?> = \.tag
        node[keyPath: tagPath] = "!k"
        #expect(node[keyPath: \.tag] == "!k")
        node[keyPath: \YAMLNode.anchor] = "anchor"
        #expect(node.anchor == "anchor" && node.tag == "!k")
    }
}
