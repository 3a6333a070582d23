import YAMLKit

/// Random ``YAMLNode`` documents and scalar texts for property tests, reproducible from a ``SeededRandom``.
///
/// Every tree it builds is one the emitter promises to write: anchors are named with letters, digits, `-` and `_`,
/// and an alias only refers to an anchor that comes before it in the document, in writing order (a key before its
/// value, a collection's anchor before its children). Texts mix the strings that trip YAML writers and readers
/// (``trickyStrings``) with random words and random Unicode, control characters and line breaks included.
struct YAMLTreeGenerator {
    /// What the trees may contain.
    struct Options {
        /// The deepest nesting of collections.
        var maxDepth = 4
        /// The most items or pairs in one collection.
        var maxChildren = 4
        /// Whether nodes may carry anchors and aliases may appear.
        var anchors = true
        /// Whether nodes may carry tags.
        var tags = true
        /// Whether collections may be written in flow style.
        var flowCollections = true
        /// Whether keys may be collections or aliases as well as scalars.
        var complexKeys = true
        /// Whether scalars may ask for every style, or only plain and double-quoted ones.
        var allScalarStyles = true

        /// Anything YAML can hold.
        static let anything = Options()
        /// The shape of Helm values: scalar keys, block collections, no anchors or tags.
        static let valuesLike = Options(
            anchors: false, tags: false, flowCollections: false, complexKeys: false, allScalarStyles: false)
    }

    /// Strings that a YAML 1.1 reader takes for something else, or that a writer cannot leave plain.
    static let trickyStrings: [String] = [
        // YAML 1.1 booleans and nulls, as Helm reads them.
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", "",
        // Numbers in every YAML 1.1 and 1.2 spelling.
        "0", "1", "-1", "+1", "012", "0o17", "0x1f", "0X1F", "0b101", "1_000", "1.0", "-1.5", ".5", "1.", "1e3",
        "1E3", "1.5e-3", "+12.5", ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "1:20",
        "190:20:30", "0.", "-0", "00", "08", "09", "0x", "1__0", "6.8523015e+5",
        // Timestamps and the merge key.
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=",
        // Indicators a plain scalar cannot start with or hold.
        "*ref", "&anchor", "!tag", "!!str", "%TAG", "@at", "`tick", "|", ">", "'", "\"", "#", "#comment", "- x",
        "-", "--", "---", "...", "? x", "?", ":", "a: b", "a:b", "key:", "a #b", "a#b", "[x]", "{x}", "x,y", "a]",
        // White space and line breaks.
        " ", "  ", " lead", "trail ", "\t", "a\tb", "\n", "a\nb", "a\nb\n", "a\n\n", "\na", " \na", "a \nb",
        "a\r\nb", "\r", "a\u{85}b", "a\u{2028}b", "a\u{2029}b",
        // Unicode beyond ASCII.
        "é", "e\u{301}", "日本語", "🚀", "👩\u{200D}👩\u{200D}👧", "\u{FEFF}x", "x\u{FEFF}", "\u{0}", "\u{7F}",
        "\u{A0}", "\u{FFFE}", "\u{E000}",
        "--enable-cert-rotation=false", "${namespace}", "http://example.com/#frag", "C:\\path",
    ]

    var options: Options

    /// Creates a generator.
    init(_ options: Options = .anything) {
        self.options = options
    }

    /// One to three documents, mostly one.
    func documents(using random: inout SeededRandom) -> [YAMLNode] {
        let count = random.chance(0.8) ? 1 : Int.random(in: 2...3, using: &random)
        return (0..<count).map { _ in document(using: &random) }
    }

    /// A values-file-like tree: a document of values-like or any options (even odds) under a `values` key, so that
    /// the tree is a mapping at the top, as a values file is.
    static func valuesTree(using random: inout SeededRandom) -> YAMLNode {
        let options: Options = random.chance(0.5) ? .valuesLike : .anything
        let document = YAMLTreeGenerator(options).document(using: &random)
        return .mapping([YAMLPair(key: .scalar("values"), value: document)])
    }

    /// `count` trees made by `make`, each emitted and parsed again: the first document of each parse that has one,
    /// with the tree's index.
    static func parsedDocuments(
        _ count: Int, using random: inout SeededRandom, _ make: (inout SeededRandom) -> YAMLNode
    ) throws -> [(index: Int, document: YAMLDocument)] {
        var documents: [(index: Int, document: YAMLDocument)] = []
        for index in 0..<count {
            let bytes = try YAMLEmitter().emit(make(&random))
            let stream = try YAMLParser().parse(bytes: bytes, fileName: "<generated>")
            if let document = stream.documents.first { documents.append((index, document)) }
        }
        return documents
    }

    /// One document's root: usually a collection, sometimes a scalar.
    func document(using random: inout SeededRandom) -> YAMLNode {
        var builder = DocumentBuilder(options: options)
        return builder.node(depth: 0, using: &random)
    }

    /// A random text: a tricky string, a word, or a run of random characters, often combined, now and then longer
    /// than the 128 characters libyaml allows a simple key.
    func text(using random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<50, using: &random) {
        case 0..<20: random.pick(Self.trickyStrings)
        case 20..<30: word(using: &random)
        case 30..<40: characters(using: &random)
        case 40..<49:
            text(using: &random) + random.pick(["", " ", "\n", ": ", " #", "-", "\t"]) + text(using: &random)
        default:
            (0..<Int.random(in: 20...40, using: &random)).map { _ in word(using: &random) }
                .joined(separator: random.pick([" ", "\n", " \n"]))
        }
    }

    /// A short ASCII word such as a Helm key.
    func word(using random: inout SeededRandom) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")
        let count = Int.random(in: 1...10, using: &random)
        return String((0..<count).map { _ in random.pick(letters) })
    }

    /// Up to 12 characters from a pool rich in punctuation, white space, breaks and non-ASCII text.
    func characters(using random: inout SeededRandom) -> String {
        let count = Int.random(in: 0...12, using: &random)
        var text = ""
        for _ in 0..<count {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4: text.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random)))
            case 4: text += random.pick([" ", "\t", "\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"])
            case 5: text += random.pick(["\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{FEFF}"])
            default: text.unicodeScalars.append(Self.randomScalar(using: &random))
            }
        }
        return text
    }

    /// Any Unicode scalar, weighted towards the ranges text is written in.
    static func randomScalar(using random: inout SeededRandom) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0xA0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF, 0x3040...0x30FF, 0x4E00...0x9FFF,
            0xAC00...0xD7A3, 0xE000...0xFFFF, 0x1F300...0x1FAFF, 0x10000...0x10FFFF,
        ]
        while true {
            let value = UInt32.random(in: random.pick(ranges), using: &random)
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    /// The state of one document being built: the anchors defined so far, in writing order.
    private struct DocumentBuilder {
        let options: Options
        var anchors: [String] = []

        mutating func node(depth: Int, using random: inout SeededRandom) -> YAMLNode {
            let collectionChance = depth == 0 ? 0.85 : 0.45
            if depth < options.maxDepth, random.chance(collectionChance) {
                return collection(depth: depth, using: &random)
            }
            if options.anchors, !anchors.isEmpty, random.chance(0.08) {
                return YAMLNode(.alias(random.pick(anchors)))
            }
            return scalar(using: &random)
        }

        mutating func scalar(using random: inout SeededRandom) -> YAMLNode {
            let generator = YAMLTreeGenerator(options)
            let styles: [YAMLNodeStyle] =
                options.allScalarStyles
                ? [.plain, .plain, .plain, .singleQuoted, .doubleQuoted, .literal, .folded] : [.plain, .doubleQuoted]
            var node = YAMLNode(.scalar(generator.text(using: &random)), style: random.pick(styles))
            decorate(&node, using: &random)
            return node
        }

        mutating func collection(depth: Int, using random: inout SeededRandom) -> YAMLNode {
            let flow = options.flowCollections && random.chance(0.15)
            var node = YAMLNode(random.chance(0.6) ? .mapping([]) : .sequence([]), style: flow ? .flow : .block)
            decorate(&node, using: &random)  // the anchor comes before the children, as it is written
            let count = Int.random(in: 0...options.maxChildren, using: &random)
            if case .mapping = node.content {
                var pairs: [YAMLPair] = []
                for _ in 0..<count {
                    let key = self.key(depth: depth, using: &random)
                    pairs.append(YAMLPair(key: key, value: self.node(depth: depth + 1, using: &random)))
                }
                node.content = .mapping(pairs)
            } else {
                node.content = .sequence((0..<count).map { _ in self.node(depth: depth + 1, using: &random) })
            }
            return node
        }

        mutating func key(depth: Int, using random: inout SeededRandom) -> YAMLNode {
            if options.complexKeys, random.chance(0.1) { return node(depth: depth + 1, using: &random) }
            if random.chance(0.5) {
                return .scalar(YAMLTreeGenerator(options).word(using: &random))
            }
            return scalar(using: &random)
        }

        /// Maybe gives the node a tag and an anchor.
        mutating func decorate(_ node: inout YAMLNode, using random: inout SeededRandom) {
            if options.tags, random.chance(0.08) {
                node.tag = random.pick([
                    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "!custom", "tag:example.com,2024:thing",
                    "!", "!é", "!a!b", "!<x>", "!%41", "tag:example.com,2024:a b,c[d]", "tag:yaml.org,2002:",
                ])
            }
            if options.anchors, random.chance(0.1) {
                let name = random.pick(["a", "base", "x-y_z", "n1"])
                node.anchor = name
                anchors.append(name)
            }
        }
    }
}
