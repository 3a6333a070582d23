import Testing

@testable import YAMLKit

/// Node equality as YAMLNode documents it, spelled out over the public faces only: the same tag, anchor and style,
/// and the same content case holding equal text or equal children in the same order.
private func referenceEqual(_ lhs: YAMLNode, _ rhs: YAMLNode) -> Bool {
    guard lhs.tag == rhs.tag, lhs.anchor == rhs.anchor, lhs.style == rhs.style else { return false }
    switch (lhs.content, rhs.content) {
    case (.scalar(let left), .scalar(let right)), (.alias(let left), .alias(let right)):
        return left == right
    case (.mapping(let left), .mapping(let right)):
        return left.count == right.count
            && zip(left, right).allSatisfy { referenceEqual($0.key, $1.key) && referenceEqual($0.value, $1.value) }
    case (.sequence(let left), .sequence(let right)):
        return left.count == right.count && zip(left, right).allSatisfy { referenceEqual($0, $1) }
    default:
        return false
    }
}

/// The same tree built anew: no list or box shared with the original, every text in new storage, spans moved.
private func rebuilt(_ node: YAMLNode) -> YAMLNode {
    func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
    let content: YAMLNode.Content
    switch node.content {
    case .scalar(let text): content = .scalar(fresh(text))
    case .alias(let name): content = .alias(fresh(name))
    case .mapping(let pairs): content = .mapping(pairs.map { YAMLPair(key: rebuilt($0.key), value: rebuilt($0.value)) })
    case .sequence(let items): content = .sequence(items.map(rebuilt))
    }
    let span = SourceSpan(
        start: SourcePosition(offset: 7, line: 2, column: 3), end: SourcePosition(offset: 9, line: 2, column: 5))
    return YAMLNode(
        content, tag: node.tag.map(fresh), anchor: node.anchor.map(fresh), style: node.style, span: span)
}

/// The tree with one node somewhere changed in one way: its text, style, tag, anchor, content case or children.
private func mutated(_ node: YAMLNode, using random: inout SeededRandom) -> YAMLNode {
    var node = node
    switch node.content {
    case .mapping(var pairs) where !pairs.isEmpty && random.chance(0.6):
        let index = Int.random(in: 0..<pairs.count, using: &random)
        if random.chance(0.3) {
            pairs[index].key = mutated(pairs[index].key, using: &random)
        } else {
            pairs[index].value = mutated(pairs[index].value, using: &random)
        }
        node.content = .mapping(pairs)
        return node
    case .sequence(var items) where !items.isEmpty && random.chance(0.6):
        let index = Int.random(in: 0..<items.count, using: &random)
        items[index] = mutated(items[index], using: &random)
        node.content = .sequence(items)
        return node
    default:
        break
    }
    switch Int.random(in: 0..<6, using: &random) {
    case 0:
        switch node.content {
        case .scalar(let text): node.content = .scalar(text + "x")
        case .alias(let name): node.content = .scalar(name)
        case .mapping(let pairs):
            let added = [YAMLPair(key: .scalar("k"), value: .scalar("v"))]
            node.content = .mapping(pairs.isEmpty ? added : Array(pairs.dropLast()))
        case .sequence(let items): node.content = .sequence(items.isEmpty ? [.scalar("")] : Array(items.dropFirst()))
        }
    case 1:
        node.style = node.style == .doubleQuoted ? .singleQuoted : .doubleQuoted
    case 2:
        node.tag = node.tag == nil ? "tag:yaml.org,2002:str" : nil
    case 3:
        node.anchor = node.anchor == nil ? "a1" : node.anchor! + "x"
    case 4:
        if case .scalar(let text) = node.content { node.content = .alias(text) } else { node.content = .scalar("") }
    default:
        switch node.content {
        case .mapping(let pairs) where pairs.count > 1: node.content = .mapping(Array(pairs.reversed()))
        case .sequence(let items) where items.count > 1: node.content = .sequence(items + [items[0]])
        default: node.content = .sequence([])
        }
    }
    return node
}

@Suite("YAMLNode equality")
struct YAMLNodeEqualityTests {
    @Test(
        "== is the documented equality: content, tag, anchor and style, not spans; equal nodes hash alike",
        arguments: PropertySeeds.seeds(default: [1, 2, 3, 4, 5, 6, 7, 8]))
    func matchesTheDefinition(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let generator = YAMLTreeGenerator(.anything)
        for _ in 0..<60 {
            let tree = generator.document(using: &random)
            let copy = rebuilt(tree)
            #expect(tree == tree)
            #expect(tree == copy, "\(tree)")
            #expect(tree.hashValue == copy.hashValue)
            let changed = mutated(tree, using: &random)
            #expect((tree == changed) == referenceEqual(tree, changed), "\(tree) vs \(changed)")
            #expect((changed == tree) == (tree == changed))
            #expect((copy == changed) == referenceEqual(tree, changed))
        }
    }

    @Test("a change anywhere makes nodes unequal")
    func changesAreSeen() throws {
        let parsed = try YAMLParser().parse(
            "a: &x 1\nb: [1, 'two', *x]\nc:\n  d: !!str 3\n  e: |\n    text\n", fileName: "values.yaml")
        let root = parsed.documents[0].root
        let same = try YAMLParser().parse(
            "a:   &x 1\nb: [1,   'two', *x]   # comment\nc:\n    d: !!str 3\n    e: |\n      text\n",
            fileName: "values.yaml")
        #expect(root == same.documents[0].root, "spans, spacing and comments do not count")
        for text in [
            "a: &y 1\nb: [1, 'two', *y]\nc:\n  d: !!str 3\n  e: |\n    text\n",
            "a: &x 1\nb: [1, \"two\", *x]\nc:\n  d: !!str 3\n  e: |\n    text\n",
            "a: &x 1\nb: [1, 'two', 1]\nc:\n  d: !!str 3\n  e: |\n    text\n",
            "a: &x 1\nb: [1, 'two', *x]\nc:\n  d: 3\n  e: |\n    text\n",
            "a: &x 1\nb: [1, 'two', *x]\nc:\n  d: !!str 3\n  e: >\n    text\n",
            "a: &x 1\nb: [1, 'two', *x]\nc:\n  e: |\n    text\n  d: !!str 3\n",
            "a: &x 1\nb: [1, 'two', *x, 4]\nc:\n  d: !!str 3\n  e: |\n    text\n",
            "a: &x 1\nb: {1: 'two'}\nc:\n  d: !!str 3\n  e: |\n    text\n",
        ] {
            let other = try YAMLParser().parse(text, fileName: "values.yaml").documents[0].root
            #expect(root != other, "\(text)")
            #expect(other != root, "\(text)")
        }
    }
}
