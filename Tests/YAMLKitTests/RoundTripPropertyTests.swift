import Testing
import YAMLKit

/// Properties of emitting over thousands of generated trees: what is written reads back as the same tree, and the
/// same tree always gives the same bytes.
///
/// "The same tree" is defined by ``RoundTripComparison``: the same content (scalar texts, alias names, items and
/// pairs in order), tags and anchors, and the same meaning for Helm of every untagged scalar; only the styles
/// libyaml may choose differently from the ones asked for can differ. Strings built with `YAMLNode.string` read back
/// in Helm as exactly their text, wherever they are written.
@Suite struct RoundTripPropertyTests {
    /// 4 seeds of 500 trees (or the one seed in `PROPERTY_SEED`).
    static let seeds = PropertySeeds.seeds(default: [0x5EED_0001, 0x5EED_0002, 0x5EED_0003, 0x5EED_0004])
    static let treesPerSeed = 500

    @Test(arguments: seeds)
    func parsingWhatWasEmittedGivesTheTreeBack(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let generator = YAMLTreeGenerator(.anything)
        for index in 0..<Self.treesPerSeed {
            let documents = generator.documents(using: &random)
            guard let failure = try Self.roundTripFailure(documents) else { continue }
            Issue.record("\(failure)\n(seed \(seed), tree \(index); replay with PROPERTY_SEED=\(seed))")
            return
        }
    }

    @Test(arguments: seeds)
    func valuesLikeTreesRoundTripToo(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var options = YAMLTreeGenerator.Options.valuesLike
        options.maxDepth = 6
        options.maxChildren = 6
        let generator = YAMLTreeGenerator(options)
        for index in 0..<Self.treesPerSeed / 5 {
            let documents = [generator.document(using: &random)]
            guard let failure = try Self.roundTripFailure(documents) else { continue }
            Issue.record("\(failure)\n(seed \(seed), tree \(index); replay with PROPERTY_SEED=\(seed))")
            return
        }
    }

    @Test func everyTrickyStringReadsBackAsItselfInEveryPosition() throws {
        for text in YAMLTreeGenerator.trickyStrings {
            if let failure = try Self.stringFailure(text) {
                Issue.record("\(failure)")
            }
        }
    }

    @Test(arguments: seeds)
    func generatedStringsReadBackAsThemselvesInEveryPosition(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let generator = YAMLTreeGenerator(.anything)
        for index in 0..<Self.stringsPerSeed {
            let text = generator.text(using: &random)
            guard let failure = try Self.stringFailure(text) else { continue }
            Issue.record("\(failure)\n(seed \(seed), string \(index); replay with PROPERTY_SEED=\(seed))")
            return
        }
    }

    static let stringsPerSeed = 1000

    /// Writes `.string(text)` as a root, a block value, a key, a sequence item, a flow item and a flow key, and
    /// checks that Helm's resolver reads each back as exactly `text`. Nil when it does everywhere.
    static func stringFailure(_ text: String) throws -> String? {
        let string = YAMLNode.string(text)
        let tree = YAMLNode.mapping([
            YAMLPair(key: string, value: string),
            YAMLPair(key: .scalar("items"), value: .sequence([string])),
            YAMLPair(key: .scalar("flow"), value: .sequence([string], style: .flow)),
            YAMLPair(
                key: .scalar("flowKey"), value: .mapping([YAMLPair(key: string, value: .scalar("1"))], style: .flow)),
        ])
        for document in [string, tree] {
            let bytes = try YAMLEmitter().emit(document)
            let shown = "\(text.debugDescription) written as:\n\(String(decoding: bytes, as: UTF8.self))"
            let root: YAMLNode
            do {
                guard let first = try YAMLParser().parse(bytes: bytes, fileName: "<emitted>").documents.first else {
                    return "no document read back from \(shown)"
                }
                root = first.root
            } catch {
                return "the emitted YAML does not parse: \(error)\n\(shown)"
            }
            let positions: [(String, YAMLNode?, isKey: Bool)] =
                document == string
                ? [("the root", root, false)]
                : [
                    ("a key", root.pairs?.first?.key, true), ("a value", root.pairs?.first?.value, false),
                    ("a sequence item", root.pairs?.dropFirst().first?.value.items?.first, false),
                    ("a flow item", root.pairs?.dropFirst(2).first?.value.items?.first, false),
                    ("a flow key", root.pairs?.dropFirst(3).first?.value.pairs?.first?.key, true),
                ]
            for (position, node, isKey) in positions {
                guard let node, let readText = node.scalarText else { return "\(position) is missing in \(shown)" }
                let meaning = HelmScalarResolver.resolve(readText, style: node.style, tag: node.tag)
                // Compared as bytes: String `==` would let a change of Unicode normalisation through.
                let readsAsText =
                    isKey
                    ? HelmScalarResolver.keyString(for: meaning)?.utf8.elementsEqual(text.utf8) == true
                    : meaning == .string(text) && readText.utf8.elementsEqual(text.utf8)
                if !readsAsText {
                    return "as \(position), Helm reads \(meaning) instead of the string; \(shown)"
                }
            }
        }
        return nil
    }

    @Test(arguments: seeds)
    func helmReadsTheEmittedDocumentAsItReadsTheTree(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for index in 0..<Self.treesPerSeed {
            let tree = YAMLTreeGenerator.valuesTree(using: &random)
            guard let failure = try Self.helmReadingFailure(tree) else { continue }
            Issue.record("\(failure)\n(seed \(seed), tree \(index); replay with PROPERTY_SEED=\(seed))")
            return
        }
    }

    /// Reads the tree as Helm values, in memory and from the emitted bytes. Nil when both readings agree: the same
    /// values (compared in their printed form, so NaN equals NaN), or the same kind of error.
    static func helmReadingFailure(_ tree: YAMLNode) throws -> String? {
        let bytes = try YAMLEmitter().emit(tree)
        let shown = "emitted:\n\(String(decoding: bytes, as: UTF8.self))\ntree:\n\(tree)"
        let stream = try YAMLParser().parse(bytes: bytes, fileName: "<emitted>")
        let fromTree = Result { () throws(YAMLError) in try HelmValueReader().read(YAMLDocument(root: tree)) }
        let fromBytes = Result { () throws(YAMLError) in try HelmValueReader().read(stream) }
        switch (fromTree, fromBytes) {
        case (.success(let expected), .success(let actual)):
            let (expectedValues, actualValues) = (expected.values.description, actual.values.description)
            return expectedValues == actualValues
                ? nil : "Helm reads \(actualValues) from the bytes but \(expectedValues) from the tree\n\(shown)"
        case (.failure(let expected), .failure(let actual)):
            return expected.kind == actual.kind
                ? nil : "Helm refuses the bytes with \(actual) but the tree with \(expected)\n\(shown)"
        case (.success(let expected), .failure(let actual)):
            return "Helm refuses the bytes (\(actual)) but reads the tree as \(expected.values)\n\(shown)"
        case (.failure(let expected), .success(let actual)):
            return "Helm reads the bytes as \(actual.values) but refuses the tree (\(expected))\n\(shown)"
        }
    }

    /// Emits, parses and compares; emits again, and emits what was read back. Nil when all agree.
    static func roundTripFailure(_ documents: [YAMLNode]) throws -> String? {
        let bytes = try YAMLEmitter().emit(documents: documents)
        let text = String(decoding: bytes, as: UTF8.self)
        let shown = "emitted:\n\(text)\ntree:\n\(documents.map(\.description).joined(separator: "\n"))"
        guard try YAMLEmitter().emit(documents: documents) == bytes else {
            return "the same tree gave different bytes\n\(shown)"
        }
        let stream: YAMLStream
        do {
            stream = try YAMLParser().parse(bytes: bytes, fileName: "<emitted>")
        } catch {
            return "the emitted YAML does not parse: \(error)\n\(shown)"
        }
        let roots = stream.documents.map(\.root)
        guard roots.count == documents.count else {
            return "\(documents.count) documents were written, \(roots.count) read back\n\(shown)"
        }
        for (number, (written, read)) in zip(documents, roots).enumerated() {
            if let difference = RoundTripComparison.difference(written: written, read: read) {
                return "document \(number + 1): \(difference)\n\(shown)"
            }
        }
        guard try YAMLEmitter().emit(documents: roots) == bytes else {
            return "emitting the tree read back gave different bytes\n\(shown)"
        }
        return nil
    }
}

/// What "read back as the same tree" means for the emitter.
///
/// Equal: every scalar's text, every alias name, every collection's items and pairs in order, every tag and every
/// anchor, and what each untagged scalar means for Helm. May differ, only in these ways:
/// - a scalar asked to be plain may come back single- or double-quoted (libyaml quotes text that cannot be plain);
/// - single-quoted may come back double-quoted (text that needs escapes);
/// - literal or folded may come back double-quoted (where a block scalar cannot go);
/// - a block collection comes back flow when it is empty or inside a flow collection;
/// - an untagged empty plain scalar (null) comes back as the plain text `null` when it is a key or inside a flow
///   collection, where YAML cannot leave it empty.
enum RoundTripComparison {
    /// Nil when `read` is `written` read back, else where and how they differ.
    static func difference(
        written: YAMLNode, read: YAMLNode, path: String = "", insideFlow: Bool = false, isKey: Bool = false
    ) -> String? {
        let place = path.isEmpty ? "the root" : path
        if written.tag != read.tag {
            return "\(place): tag \(written.tag ?? "none") came back as \(read.tag ?? "none")"
        }
        if written.anchor != read.anchor {
            return "\(place): anchor \(written.anchor ?? "none") came back as \(read.anchor ?? "none")"
        }
        switch (written.content, read.content) {
        case (.scalar(let writtenText), .scalar(let readText)):
            let writtenAsNull =
                writtenText.isEmpty && (insideFlow || isKey) && written.tag == nil
                && !written.style.isQuotedOrBlockScalar
            if writtenAsNull {
                return read.style == .plain && readText == "null"
                    ? nil : "\(place): an empty plain scalar came back \(read.style) \(readText.debugDescription)"
            }
            if written.tag == nil, !sameMeaning(written, read) {
                return "\(place): \(written) means \(meaning(written)) but came back as \(read), \(meaning(read))"
            }
            if !writtenText.utf8.elementsEqual(readText.utf8) {  // bytes: String `==` hides normalisation
                return "\(place): the text \(writtenText.debugDescription) came back as \(readText.debugDescription)"
            }
            if !allowedScalarStyles(for: written.style).contains(read.style) {
                return "\(place): a \(written.style) scalar came back \(read.style)"
            }
            return nil
        case (.alias(let writtenName), .alias(let readName)):
            return writtenName == readName ? nil : "\(place): *\(writtenName) came back as *\(readName)"
        case (.sequence(let writtenItems), .sequence(let readItems)):
            if let difference = collectionStyleDifference(written, read, empty: writtenItems.isEmpty, insideFlow) {
                return "\(place): \(difference)"
            }
            guard writtenItems.count == readItems.count else {
                return "\(place): \(writtenItems.count) items came back as \(readItems.count)"
            }
            for (index, (writtenItem, readItem)) in zip(writtenItems, readItems).enumerated() {
                if let difference = difference(
                    written: writtenItem, read: readItem, path: "\(path)[\(index)]",
                    insideFlow: insideFlow || written.style == .flow)
                {
                    return difference
                }
            }
            return nil
        case (.mapping(let writtenPairs), .mapping(let readPairs)):
            if let difference = collectionStyleDifference(written, read, empty: writtenPairs.isEmpty, insideFlow) {
                return "\(place): \(difference)"
            }
            guard writtenPairs.count == readPairs.count else {
                return "\(place): \(writtenPairs.count) pairs came back as \(readPairs.count)"
            }
            let flow = insideFlow || written.style == .flow
            for (index, (writtenPair, readPair)) in zip(writtenPairs, readPairs).enumerated() {
                let keyPath = "\(path){pair \(index)}"
                if let difference = difference(
                    written: writtenPair.key, read: readPair.key, path: keyPath + ".key", insideFlow: flow,
                    isKey: true)
                    ?? difference(
                        written: writtenPair.value, read: readPair.value, path: keyPath + ".value", insideFlow: flow)
                {
                    return difference
                }
            }
            return nil
        default:
            return "\(place): \(written) came back as \(read)"
        }
    }

    /// What an untagged scalar means for Helm.
    static func meaning(_ node: YAMLNode) -> HelmScalar {
        HelmScalarResolver.resolve(node.scalarText ?? "", style: node.style, tag: nil)
    }

    /// True when two scalars mean the same for Helm (NaN included, which `==` on floats denies).
    static func sameMeaning(_ first: YAMLNode, _ second: YAMLNode) -> Bool {
        switch (meaning(first), meaning(second)) {
        case (.float(let a), .float(let b)) where a.isNaN && b.isNaN: true
        case (let a, let b): a == b
        }
    }

    /// The styles libyaml may write for a scalar that asks for `style`.
    static func allowedScalarStyles(for style: YAMLNodeStyle) -> Set<YAMLNodeStyle> {
        switch style {
        case .singleQuoted: [.singleQuoted, .doubleQuoted]
        case .doubleQuoted: [.doubleQuoted]
        case .literal: [.literal, .doubleQuoted]
        case .folded: [.folded, .doubleQuoted]
        case .plain, .block, .flow, .alias: [.plain, .singleQuoted, .doubleQuoted]
        }
    }

    static func collectionStyleDifference(
        _ written: YAMLNode, _ read: YAMLNode, empty: Bool, _ insideFlow: Bool
    ) -> String? {
        let expected: YAMLNodeStyle = written.style == .flow || empty || insideFlow ? .flow : .block
        return read.style == expected ? nil : "a \(written.style) collection came back \(read.style)"
    }
}
