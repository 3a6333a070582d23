/// The short way through ``HelmDecoder`` for the common values file: no merge keys, no key that Helm reads twice, no
/// tag it does not know, every tag fitting its text and every number finite; aliases only of values (not keys)
/// anchored outside them, expanding to at most ``aliasedNodeLimit`` nodes in all.
///
/// Such a document means to Helm exactly what its nodes say, so it is read in one walk of the node tree, straight
/// into ``HelmValue``s, without go-yaml's graph and intermediate values. The walk gives up (returns nil) at the first
/// thing it does not handle, and the caller then reads the document the long way, which is always right: a value
/// from here is one the long way would return, with the same spans, origins and scalars (a test compares the two on
/// every YAML file the project holds and on generated ones).
struct PlainDocumentDecoder {
    let limits: YAMLLimits
    /// Nodes decoded so far, counted like go-yaml's decoder (an alias once, and once more each node it copies).
    private var nodeCount = 0
    /// Collections open above the node being decoded.
    private var depth = 0
    /// The deepest nesting reached so far (collections open, as `depth` counts them).
    private var deepest = 0
    /// Values anchored so far, by anchor name (the latest of a name wins, as in go-yaml), with the number of nodes
    /// each holds and how many levels of collections it nests.
    private var anchored: [String: (value: HelmValue, nodes: Int, levels: Int)] = [:]
    /// Anchors of the nodes being decoded: an alias to one of them would be a value containing itself.
    private var openAnchors: [String] = []
    /// Anchored nodes started so far, and the number of the latest to start with each name.
    private var anchorsStarted = 0
    private var latestStart: [String: Int] = [:]
    /// Nodes copied by aliases so far (go-yaml's alias count).
    private var aliasedNodes = 0
    /// False once a key read so far was named other than by its text (`true`, `1`, `0x10`: see ``keyName(of:)``).
    private(set) var keysAreTheirText = true
    /// The names of the keys of the mapping whose keys ``readsInPlace(_:)`` reads (kept for its capacity).
    private var keyNames: [String] = []

    /// The most nodes aliases may copy before the long way takes over: go-yaml's excessive-aliasing check only
    /// starts above 100, so under it nothing is refused for aliasing alone.
    static let aliasedNodeLimit = 100

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    // The walk reads each node where it lies, through a pointer that lives as long as the call reading it (the tree
    // does not change meanwhile): a node passed by value, even `pairs[index].value`, was copied and freed on every
    // call, retaining and releasing its strings and arrays. A collection's children are reached the same way
    // (`YAMLNode.pairsInPlace`, `itemsInPlace`), without retaining the array that holds them.

    /// The document's values, or nil when the document needs the long way (which also reports every error).
    mutating func values(of root: YAMLNode) -> HelmValue? {
        switch root.content {
        case .mapping:
            return withUnsafePointer(to: root) { value(of: $0, keySpan: nil) }
        case .scalar:
            guard let value = withUnsafePointer(to: root, { value(of: $0, keySpan: nil) }), value.content == .null
            else { return nil }
            return HelmValue(.mapping([:]), span: root.span)
        case .sequence, .alias:
            return nil
        }
    }

    @inline(__always)
    private mutating func value(of node: UnsafePointer<YAMLNode>, keySpan: SourceSpan?) -> HelmValue? {
        guard let anchor = node.pointee.anchor else { return unanchoredValue(of: node, keySpan: keySpan) }
        // go-yaml defines an anchor when its node starts: of two nodes with one name, one inside the other, the
        // inner one is the anchor's node once both are read.
        anchorsStarted += 1
        let started = anchorsStarted
        latestStart[anchor] = started
        let firstNode = nodeCount
        let outerDeepest = deepest
        deepest = depth
        openAnchors.append(anchor)
        defer { openAnchors.removeLast() }
        guard let value = unanchoredValue(of: node, keySpan: keySpan) else { return nil }
        if latestStart[anchor] == started {
            anchored[anchor] = (value, nodeCount - firstNode, deepest - depth)
        }
        deepest = max(outerDeepest, deepest)
        return value
    }

    private mutating func unanchoredValue(of node: UnsafePointer<YAMLNode>, keySpan: SourceSpan?) -> HelmValue? {
        nodeCount += 1
        guard nodeCount <= limits.maxExpandedNodes else { return nil }
        let tag = node.pointee.tag
        if let tag, UnknownTag.isUnknown(tag) { return nil }
        switch node.pointee.content {
        case .scalar(let text):
            if tag == nil, HelmScalarResolver.readsAsItsText(text, style: node.pointee.style) {
                // Most values: the string they say, as `checkedResolve` reads them, without calling it.
                return HelmValue(reading: .string(text), span: node.pointee.span, keySpan: keySpan)
            }
            guard let scalar = Self.scalar(text, style: node.pointee.style, tag: tag) else { return nil }
            if case .float(let value) = scalar, !value.isFinite { return nil }
            return HelmValue(reading: scalar, span: node.pointee.span, keySpan: keySpan)
        case .sequence:
            guard enter() else { return nil }
            defer { depth -= 1 }
            let items = node.pointee.itemsInPlace!
            var values: [HelmValue] = []
            values.reserveCapacity(items.count)
            for index in items.indices {
                guard let value = value(of: items.baseAddress! + index, keySpan: nil) else { return nil }
                values.append(value)
            }
            return HelmValue(.sequence(values), span: node.pointee.span, keySpan: keySpan, origin: .written)
        case .mapping:
            guard enter() else { return nil }
            defer { depth -= 1 }
            let pairs = node.pointee.pairsInPlace!
            var entries = Self.emptyEntries(room: pairs.count)
            for index in pairs.indices {
                let (key, valueNode) = Self.nodes(of: pairs, at: index)
                guard let name = keyName(of: key), let value = value(of: valueNode, keySpan: key.pointee.span)
                else { return nil }
                // A key read twice (a duplicate, or `on` after `true`) is the long way's to report.
                let count = entries.count
                entries[name] = value
                guard entries.count > count else { return nil }
            }
            return HelmValue(.mapping(entries), span: node.pointee.span, keySpan: keySpan, origin: .written)
        case .alias(let name):
            // go-yaml decodes the anchored node again: its spans, with this key span at the top and this alias as
            // the origin of everything copied, nesting as deep below this point as below its anchor.
            guard !openAnchors.contains(name), let (target, nodes, levels) = anchored[name] else { return nil }
            aliasedNodes += nodes
            nodeCount += nodes
            deepest = max(deepest, depth + levels)
            guard aliasedNodes <= Self.aliasedNodeLimit, nodeCount <= limits.maxExpandedNodes,
                depth + levels <= limits.maxDepth
            else { return nil }
            var copy = target
            copy.keySpan = keySpan
            let origin = HelmValue.Origin.alias(node.pointee.span)
            copy.updateEach { $0.origin = origin }
            return copy
        }
    }

    /// True when ``values(of:)`` reads `root` without giving up, `root` is a mapping, and no node has a tag, an
    /// anchor or an alias: every value is then what its node says where it lies, whatever the rest of the document
    /// says, so a part of the values can be read alone (``value(ofPlain:keySpan:)``) and is exactly what the whole
    /// reading holds there.
    ///
    /// The walk of ``values(of:)``, with its counts, limits and refusals, that builds nothing: a mapping's keys are
    /// resolved and compared with the ones before them, not stored.
    mutating func readsInPlace(_ root: YAMLNode) -> Bool {
        guard case .mapping = root.content else { return false }
        return withUnsafePointer(to: root) { isPlain($0) }
    }

    /// ``unanchoredValue(of:keySpan:)``'s checks for a node without tag or anchor, and every node under it.
    private mutating func isPlain(_ node: UnsafePointer<YAMLNode>) -> Bool {
        nodeCount += 1
        guard nodeCount <= limits.maxExpandedNodes, node.pointee.decorations == nil else { return false }
        switch node.pointee.content {
        case .scalar(let text):
            if HelmScalarResolver.readsAsItsText(text, style: node.pointee.style) { return true }
            guard let scalar = Self.scalar(text, style: node.pointee.style, tag: nil) else { return false }
            if case .float(let value) = scalar, !value.isFinite { return false }
            return true
        case .sequence:
            guard enter() else { return false }
            defer { depth -= 1 }
            let items = node.pointee.itemsInPlace!
            for index in items.indices where !isPlainChild(items.baseAddress! + index) { return false }
            return true
        case .mapping:
            guard enter() else { return false }
            defer { depth -= 1 }
            let pairs = node.pointee.pairsInPlace!
            guard keysAreDistinct(pairs) else { return false }
            for index in pairs.indices where !isPlainChild(Self.nodes(of: pairs, at: index).value) { return false }
            return true
        case .alias:
            return false
        }
    }

    /// ``isPlain(_:)`` for a child, a scalar that reads as its text (most children) checked without a call.
    @inline(__always)
    private mutating func isPlainChild(_ node: UnsafePointer<YAMLNode>) -> Bool {
        if node.pointee.decorations == nil, case .scalar(let text) = node.pointee.content,
            HelmScalarResolver.readsAsItsText(text, style: node.pointee.style)
        {
            nodeCount += 1
            return nodeCount <= limits.maxExpandedNodes
        }
        return isPlain(node)
    }

    /// True when a mapping's keys have no tag or anchor, are read by ``keyName(of:)``, and none is read twice (a
    /// duplicate, or `on` after `true`: the long way's, as for ``values(of:)``). Each key's name is compared with
    /// the names of the same length before it; a mapping of many keys hashes them instead.
    private mutating func keysAreDistinct(_ pairs: UnsafeBufferPointer<YAMLPair>) -> Bool {
        guard pairs.count <= Self.scannedEntries else {
            var names = Set<String>(minimumCapacity: pairs.count)
            for index in pairs.indices {
                let key = Self.nodes(of: pairs, at: index).key
                guard key.pointee.decorations == nil, let name = keyName(of: key), names.insert(name).inserted else {
                    return false
                }
            }
            return true
        }
        // The names of this mapping's keys only (every mapping's keys are read before any of its values), written
        // over the slots of the mapping read before: emptying the array cost more than the comparisons.
        var count = 0
        for index in pairs.indices {
            let key = Self.nodes(of: pairs, at: index).key
            guard key.pointee.decorations == nil, let name = keyName(of: key) else { return false }
            let length = name.utf8.count
            for slot in 0..<count where keyNames[slot].utf8.count == length && keyNames[slot] == name { return false }
            if count < keyNames.count { keyNames[count] = name } else { keyNames.append(name) }
            count += 1
        }
        return true
    }

    /// The value of a node of a document that ``readsInPlace(_:)`` accepted, with its key's span (nil for the
    /// root): exactly what ``values(of:)`` holds there. A node of any other document is a programming error.
    mutating func value(ofPlain node: UnsafePointer<YAMLNode>, keySpan: SourceSpan?) -> HelmValue {
        guard let value = unanchoredValue(of: node, keySpan: keySpan) else {
            preconditionFailure("a node of a document that is not read in place")
        }
        return value
    }

    /// The node under a key of a mapping of a document that ``readsInPlace(_:)`` accepted, with its key's span; nil
    /// when the node is not a mapping or has no such key. Such a mapping holds each key once. With `keysAreTheirText`
    /// (every key of the document was named by its text), keys are compared as written, without naming them.
    mutating func child(of node: UnsafePointer<YAMLNode>, key name: String, keysAreTheirText: Bool)
        -> (node: UnsafePointer<YAMLNode>, keySpan: SourceSpan)?
    {
        guard let pairs = node.pointee.pairsInPlace else { return nil }
        let length = name.utf8.count
        for index in pairs.indices {
            let (key, value) = Self.nodes(of: pairs, at: index)
            if keysAreTheirText {
                guard case .scalar(let text) = key.pointee.content, text.utf8.count == length, text == name else {
                    continue
                }
                return (value, key.pointee.span)
            }
            if keyName(of: key) == name { return (value, key.pointee.span) }
        }
        return nil
    }

    /// True when the document's values, as ``values(of:)`` reads them, equal `expected` (``HelmValue``'s `==`: content
    /// only); false when they differ or when the document needs the long way.
    ///
    /// The same walk as ``values(of:)``, with the same counts, limits and refusals, but each node is compared where
    /// it lies with the value expected there instead of being built into a tree first: a mapping's key is resolved
    /// and found once in the expected mapping, and nothing is built except an anchored node and its aliases (built
    /// as ``values(of:)`` builds them, then compared whole). A caller that gets false reads the document the usual
    /// way and compares what it reads.
    mutating func values(of root: YAMLNode, equal expected: HelmValue) -> Bool {
        switch root.content {
        case .mapping:
            return withUnsafePointer(to: root) { matches($0, expected.content) }
        case .scalar:
            guard case .mapping(let entries) = expected.content, entries.isEmpty else { return false }
            return withUnsafePointer(to: root) { matches($0, .null) }
        case .sequence, .alias:
            return false
        }
    }

    /// ``value(of:keySpan:)`` compared with the content expected there.
    private mutating func matches(_ node: UnsafePointer<YAMLNode>, _ expected: HelmValue.Content) -> Bool {
        // An anchored node is built (its value is kept for its aliases), then compared; an alias copies a built one.
        if node.pointee.anchor != nil {
            return value(of: node, keySpan: nil).map { $0.content == expected } ?? false
        }
        if case .alias = node.pointee.content {
            return unanchoredValue(of: node, keySpan: nil).map { $0.content == expected } ?? false
        }
        nodeCount += 1
        guard nodeCount <= limits.maxExpandedNodes else { return false }
        let tag = node.pointee.tag
        if let tag, UnknownTag.isUnknown(tag) { return false }
        switch node.pointee.content {
        case .scalar(let text):
            if tag == nil, HelmScalarResolver.readsAsItsText(text, style: node.pointee.style) {
                // The string it says, as `checkedResolve` reads it, compared without building the scalar.
                guard case .string(let expectedText) = expected else { return false }
                return expectedText == text
            }
            guard let scalar = Self.scalar(text, style: node.pointee.style, tag: tag) else { return false }
            if case .float(let value) = scalar, !value.isFinite { return false }
            return HelmValue.Content(reading: scalar) == expected
        case .sequence:
            guard enter() else { return false }
            defer { depth -= 1 }
            let items = node.pointee.itemsInPlace!
            guard case .sequence(let expectedItems) = expected, expectedItems.count == items.count else {
                return false
            }
            for index in items.indices where !matches(items.baseAddress! + index, expectedItems[index].content) {
                return false
            }
            return true
        case .mapping:
            guard enter() else { return false }
            defer { depth -= 1 }
            let pairs = node.pointee.pairsInPlace!
            // As many entries, each key found once: the same keys (a key read twice is the long way's).
            guard case .mapping(let entries) = expected, entries.count == pairs.count else { return false }
            return pairs.count <= Self.scannedEntries ? matchesScanning(pairs, entries) : matchesHashing(pairs, entries)
        case .alias:
            return false
        }
    }

    /// Up to this many entries, a mapping's keys are found in the expected mapping by a scan of its keys, which
    /// costs less than hashing each (most values mappings hold a few keys); above it, through its hashing. The same
    /// bound parts ``keysAreDistinct(_:)``'s comparisons from its hashing.
    static let scannedEntries = 16

    /// A mapping's pairs compared with the expected entries (as many), each key found by a scan that skips the
    /// entries already met: a key met twice is not found, as for the long way.
    private mutating func matchesScanning(_ pairs: UnsafeBufferPointer<YAMLPair>, _ entries: [String: HelmValue])
        -> Bool
    {
        var met: UInt32 = 0  // bit n: the n-th entry, in `entries`' order
        for index in pairs.indices {
            let (key, value) = Self.nodes(of: pairs, at: index)
            guard let name = keyName(of: key) else { return false }
            let length = name.utf8.count
            var position = entries.startIndex
            var bit: UInt32 = 1
            while true {
                guard position != entries.endIndex else { return false }
                if met & bit == 0 {
                    let candidate = entries.keys[position]
                    if candidate.utf8.count == length, candidate == name { break }
                }
                entries.formIndex(after: &position)
                bit <<= 1
            }
            met |= bit
            guard matches(value, entries.values[position].content) else { return false }
        }
        return true
    }

    /// A mapping's pairs compared with the expected entries (as many), each key looked up once; the positions found
    /// must all differ (a key read twice is the long way's).
    private mutating func matchesHashing(_ pairs: UnsafeBufferPointer<YAMLPair>, _ entries: [String: HelmValue])
        -> Bool
    {
        var found: [Dictionary<String, HelmValue>.Index] = []
        found.reserveCapacity(pairs.count)
        for index in pairs.indices {
            let (key, value) = Self.nodes(of: pairs, at: index)
            guard let name = keyName(of: key), let position = entries.index(forKey: name),
                matches(value, entries.values[position].content)
            else { return false }
            found.append(position)
        }
        found.sort()
        for index in found.indices.dropFirst() where found[index - 1] == found[index] { return false }
        return true
    }

    /// A pair's key and value nodes where they lie (`pairs[index].key` would copy the node, retaining its parts).
    @inline(__always)
    private static func nodes(of pairs: UnsafeBufferPointer<YAMLPair>, at index: Int)
        -> (key: UnsafePointer<YAMLNode>, value: UnsafePointer<YAMLNode>)
    {
        let pair = UnsafeRawPointer(pairs.baseAddress! + index)
        return (
            (pair + MemoryLayout<YAMLPair>.offset(of: \.key)!).assumingMemoryBound(to: YAMLNode.self),
            (pair + MemoryLayout<YAMLPair>.offset(of: \.value)!).assumingMemoryBound(to: YAMLNode.self)
        )
    }

    /// The string Helm uses for a mapping key, or nil for a key the long way must read (not a scalar, anchored,
    /// the merge key, an unknown or contradicted tag, a key Helm refuses).
    private mutating func keyName(of key: UnsafePointer<YAMLNode>) -> String? {
        guard case .scalar(let text) = key.pointee.content, key.pointee.anchor == nil,
            text.utf8.count != 2 || !DuplicateKeyFinder.isMergeKey(key.pointee)
        else { return nil }
        nodeCount += 1
        if let tag = key.pointee.tag {
            if UnknownTag.isUnknown(tag) { return nil }
        } else if HelmScalarResolver.readsAsItsText(text, style: key.pointee.style) {
            // Most keys: untagged text that is the string it says, as `checkedResolve` and `keyString` would
            // find without building a scalar.
            return text
        }
        keysAreTheirText = false
        let scalar = Self.scalar(text, style: key.pointee.style, tag: key.pointee.tag)
        return scalar.flatMap(HelmScalarResolver.keyString(for:))
    }

    /// An empty mapping's entries with room for `count` of them.
    ///
    /// Not `Dictionary(minimumCapacity:)`: that one runs unspecialized inside the standard library, where finding
    /// the storage's generic type at run time cost about 300 instructions a mapping. The sequence initializer is
    /// inlined here with the types known; its sequence yields nothing and only says how many entries will come.
    @inline(__always)
    static func emptyEntries(room count: Int) -> [String: HelmValue] {
        [String: HelmValue](Room(underestimatedCount: count), uniquingKeysWith: { first, _ in first })
    }

    /// No entries, and room for `underestimatedCount` (see ``emptyEntries(room:)``).
    private struct Room: Sequence {
        let underestimatedCount: Int
        func makeIterator() -> EmptyCollection<(String, HelmValue)>.Iterator { EmptyCollection.Iterator() }
    }

    /// go-yaml's reading of a scalar, or nil when its tag contradicts its text; only for a scalar that has a tag or
    /// does not read as its text (`HelmScalarResolver.readsAsItsText`), which every caller asks first.
    ///
    /// Untagged, that is `checkedResolve`'s reading past the same question, called directly: without the
    /// conversion of a thrown error that cannot come, and without asking the question again.
    private static func scalar(_ text: String, style: YAMLNodeStyle, tag: String?) -> HelmScalar? {
        guard let tag else {
            assert(!HelmScalarResolver.readsAsItsText(text, style: style), "asked for text that reads as itself")
            return HelmScalarResolver.resolveUntaggedPlain(text)
        }
        return try? HelmScalarResolver.checkedResolve(text, style: style, tag: tag)
    }

    private mutating func enter() -> Bool {
        depth += 1
        deepest = max(deepest, depth)
        return depth <= limits.maxDepth
    }
}
