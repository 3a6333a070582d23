/// A values file as Helm reads it: the values, with where each was written, and the keys Helm reads ambiguously.
public struct HelmValuesDocument: Sendable {
    /// The input's name, as used in errors.
    public var fileName: String
    /// The values: always a mapping (an empty file, an empty document or `~` read as `{}`, as in Helm).
    ///
    /// For most documents (no tag, anchor or alias), ``HelmValueReader`` builds them on first use: callers that need
    /// only some values ask for them with ``reach(_:)``, ``topLevelValue(_:)`` and ``topLevelKeyCount``, which read
    /// just those.
    public var values: HelmValue {
        get {
            switch storage {
            case .built(let values): values
            case .inPlace(let values): values.values
            }
        }
        set { storage = .built(newValue) }
    }
    /// Keys written twice in one mapping (Helm's meaning: `on` and `"true"` are one key). The last one wins.
    public var duplicateKeys: [DuplicateKey]
    /// Different YAML keys that Helm turns into the same string, such as `true` and `"true"`, or `1` and `"1"`.
    ///
    /// go-yaml keeps them apart, then sigs.k8s.io/yaml converts keys to strings while walking a Go map, whose order
    /// is random: Helm keeps one of the values at random, run by run. YAMLKit keeps the one written last; callers
    /// should warn. `first` is the key set earlier, `duplicate` the one kept.
    public var unorderedKeys: [DuplicateKey]
    /// Tags Helm does not know, which it drops (callers warn: `!vault` fetches nothing).
    public var unknownTags: [UnknownTag]
    /// The values, built or read in place.
    private var storage: Storage

    private enum Storage: Sendable {
        case built(HelmValue)
        case inPlace(ValuesReadInPlace)
    }

    /// Creates a document.
    public init(
        fileName: String, values: HelmValue, duplicateKeys: [DuplicateKey], unorderedKeys: [DuplicateKey],
        unknownTags: [UnknownTag] = []
    ) {
        self.fileName = fileName
        self.storage = .built(values)
        self.duplicateKeys = duplicateKeys
        self.unorderedKeys = unorderedKeys
        self.unknownTags = unknownTags
    }

    /// A document whose values are read in place from `values` (see ``ValuesReadInPlace``).
    init(fileName: String, readingInPlace values: ValuesReadInPlace) {
        self.fileName = fileName
        self.storage = .inPlace(values)
        self.duplicateKeys = []
        self.unorderedKeys = []
        self.unknownTags = []
    }

    /// True when the values are read from the document's nodes as they are asked for, rather than built whole.
    public var readsInPlace: Bool {
        if case .inPlace = storage { return true }
        return false
    }

    /// How far a path of keys reaches into the values.
    public enum Reach: Sendable, Hashable {
        /// The path holds this value.
        case found(HelmValue)
        /// The mapping at `depth` keys down has no key `path[depth]`.
        case missing(depth: Int)
        /// The value at `depth` keys down is not a mapping, so the path goes no further.
        case blocked(depth: Int, by: HelmValue)
    }

    /// How far a path of keys reaches into the values, reading (for values read in place) only the value it ends
    /// at: ``values`` followed key by key.
    public func reach(_ path: some Collection<String>) -> Reach {
        switch storage {
        case .built(let values): Self.reach(path, in: values)
        case .inPlace(let values): values.reach(path)
        }
    }

    /// ``reach(_:)`` through built values.
    static func reach(_ path: some Collection<String>, in values: HelmValue) -> Reach {
        var current = values
        var depth = 0
        for key in path {
            guard let entries = current.entries else { return .blocked(depth: depth, by: current) }
            guard let next = entries[key] else { return .missing(depth: depth) }
            current = next
            depth += 1
        }
        return .found(current)
    }

    /// The value under a top-level key, or nil.
    public func topLevelValue(_ key: String) -> HelmValue? {
        guard case .found(let value) = reach(CollectionOfOne(key)) else { return nil }
        return value
    }

    /// This document with every value it gives moved by `move`, which changes a value and each value inside it (its
    /// spans, say, for values read from text embedded in another file). Values read in place stay so: each is moved
    /// as it is read, the whole values once when they are built.
    public func movingValues(_ move: @escaping @Sendable (inout HelmValue) -> Void) -> HelmValuesDocument {
        var moved = self
        switch storage {
        case .built(var values):
            move(&values)
            moved.storage = .built(values)
        case .inPlace(let values):
            moved.storage = .inPlace(values.moving(move))
        }
        return moved
    }

    /// The number of top-level keys; nil when the values are not a mapping.
    public var topLevelKeyCount: Int? {
        switch storage {
        case .built(let values): values.entries?.count
        case .inPlace(let values): values.keyCount
        }
    }
}

/// Reads a YAML document as Helm reads a values file: aliases, merge keys and scalars resolved exactly as
/// sigs.k8s.io/yaml over go-yaml v2 does, then the JSON round trip.
///
/// - Only the first document of a stream counts; a stream without documents is `{}`.
/// - An alias is the node most recently anchored with its name before it; an alias inside the node it names is an
///   error, as in Helm.
/// - Merge keys follow go-yaml v2, which writes merged entries into the mapping as it meets them: a `<<` overrides
///   the keys written BEFORE it and is overridden by the keys written after it (`{a: 1, <<: {a: 2}}` is `{a: 2}`,
///   `{<<: {a: 2}, a: 1}` is `{a: 1}`); in `<<: [*a, *b]` the earlier mapping wins.
/// - Refused as Helm refuses them: a root that is not a mapping (or null), a merge onto something other than a
///   mapping, a collection, null or above-`Int64` key, `.inf`/`.nan` values (JSON has none), a tag its text
///   contradicts, and "excessive aliasing" by go-yaml's own ratio rule.
/// - `YAMLLimits.maxExpandedNodes` caps the nodes that resolving produces and `maxDepth` the depth it reaches, so an
///   alias bomb is a `.limitExceeded` error at the alias, never an exhausted memory.
public struct HelmValueReader: Sendable {
    /// The limits applied while resolving (and parsing, for `read(_:fileName:)`).
    public var limits: YAMLLimits

    /// Creates a reader.
    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Parses text and reads its first document.
    ///
    /// Like Helm, which never parses past the first document, a syntax error or an unknown alias in a LATER
    /// document is ignored: when the whole stream does not parse, the first document is parsed alone.
    public func read(_ text: String, fileName: String = "<input>") throws(YAMLError) -> HelmValuesDocument {
        let parser = YAMLParser(limits: limits)
        do {
            return try read(parser.parse(text, fileName: fileName))
        } catch {
            guard let firstDocument = Self.firstDocumentText(of: text),
                let position = error.position, position.offset >= firstDocument.utf8.count,
                let stream = try? parser.parse(firstDocument, fileName: fileName)
            else { throw error }
            return try read(stream)
        }
    }

    /// The text up to the line that starts the second document (`---` or `...` at the start of a line, after the
    /// first document's content), or nil when there is no such line.
    static func firstDocumentText(of text: String) -> String? {
        var offset = 0
        var sawContent = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isMarker = line.hasPrefix("---") || line.hasPrefix("...")
            let markerEnds =
                line.count == 3 || line.dropFirst(3).first.map { $0 == " " || $0 == "\t" || $0 == "\r" } == true
            if isMarker, markerEnds {
                if line.hasPrefix("...") || sawContent { return String(text.utf8.prefix(offset))! }
                sawContent = true
            } else if !sawContent {
                let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
                sawContent = !(trimmed.isEmpty || trimmed.hasPrefix("#") || line.hasPrefix("%"))
            }
            offset += line.utf8.count + 1
        }
        return nil
    }

    /// Reads the first document of a stream; a stream without documents is `{}`.
    public func read(_ stream: YAMLStream) throws(YAMLError) -> HelmValuesDocument {
        guard let document = stream.documents.first else {
            return HelmValuesDocument(
                fileName: stream.fileName, values: .mapping([:]), duplicateKeys: [], unorderedKeys: [])
        }
        return try read(document, fileName: stream.fileName, source: stream.source)
    }

    /// Reads one document. With its source, errors quote the offending line.
    public func read(_ document: YAMLDocument, fileName: String = "", source: SourceText? = nil) throws(YAMLError)
        -> HelmValuesDocument
    {
        var inPlace = PlainDocumentDecoder(limits: limits)
        if inPlace.readsInPlace(document.root) {
            return HelmValuesDocument(
                fileName: fileName,
                readingInPlace: ValuesReadInPlace(
                    root: document.root, limits: limits, keysAreTheirText: inPlace.keysAreTheirText))
        }
        var plain = PlainDocumentDecoder(limits: limits)
        if let values = plain.values(of: document.root) {
            return HelmValuesDocument(fileName: fileName, values: values, duplicateKeys: [], unorderedKeys: [])
        }
        return try readThroughGraph(document, fileName: fileName, source: source)
    }

    /// True when the values Helm reads from the first document of a stream (``read(_:)-(YAMLStream)``) equal
    /// `expected`, found without building them; false when they differ, or when the document needs go-yaml's long
    /// way (merge keys, duplicate keys, unknown tags: see ``PlainDocumentDecoder``), for which the caller reads it
    /// with ``read(_:)-(YAMLStream)`` and compares.
    public func plainlyReads(_ stream: YAMLStream, as expected: HelmValue) -> Bool {
        guard let document = stream.documents.first else { return expected.entries?.isEmpty == true }
        return plainlyReads(document, as: expected)
    }

    /// True when the values Helm reads from a document (``read(_:fileName:source:)``) equal `expected`, found
    /// without building them; false when they differ, or when the document needs go-yaml's long way.
    public func plainlyReads(_ document: YAMLDocument, as expected: HelmValue) -> Bool {
        var plain = PlainDocumentDecoder(limits: limits)
        return plain.values(of: document.root, equal: expected)
    }

    /// ``plainlyReads(_:as:)-(YAMLDocument,_)`` for an edit of `original` (whose values were read as
    /// `originalValues`) meant to change only what lies under the top-level keys `changed`: the top-level pairs the
    /// edit carried over unchanged (``CarriedOverPairs``) are not read again when `expected` holds, under their
    /// keys, the values read from the original. Only the changed pairs are compared with the rest of `expected`.
    /// The answer is the one the whole comparison would give whenever that one is true (and true only when Helm
    /// reads `expected`): the changed pairs are read with the carried-over nodes counted against the node limit.
    /// When no pair can be carried over (a pair changed or moved outside `changed`, an anchor or alias in one, a
    /// key written twice), the whole document is read as ``plainlyReads(_:as:)-(YAMLDocument,_)`` does.
    public func plainlyReads(
        _ document: YAMLDocument, as expected: HelmValue, editing original: YAMLDocument,
        readAs originalValues: HelmValue, changedOnlyUnder changed: Set<String>
    ) -> Bool {
        guard case .mapping(let entries) = expected.content,
            case .mapping(let originalEntries) = originalValues.content,
            let carried = CarriedOverPairs(document.root, from: original.root, outside: changed, limits: limits),
            carried.nodes < limits.maxExpandedNodes
        else { return plainlyReads(document, as: expected) }
        // Each carried-over key holds in `expected` what it held in the original's values, and is found once (a key
        // written twice is the long way's); the other entries are compared with the changed pairs.
        var found: [Dictionary<String, HelmValue>.Index] = []
        found.reserveCapacity(carried.keys.count)
        for key in carried.keys {
            guard let position = entries.index(forKey: key), let originalValue = originalEntries[key],
                entries.values[position] == originalValue
            else { return plainlyReads(document, as: expected) }
            found.append(position)
        }
        found.sort()
        for index in found.indices.dropFirst() where found[index - 1] == found[index] {
            return plainlyReads(document, as: expected)
        }
        var rest = PlainDocumentDecoder.emptyEntries(room: carried.changedKeys.count)
        for key in carried.changedKeys {
            if let value = entries[key] { rest[key] = value }
        }
        guard entries.count == carried.keys.count + rest.count else { return plainlyReads(document, as: expected) }
        return changedPairs(of: carried, read: rest)
    }

    /// ``plainlyReads(_:as:editing:readAs:changedOnlyUnder:)`` for an edit of a document read in place
    /// (``HelmValuesDocument/readsInPlace``: no tag, anchor, alias or repeated key), told only the values expected
    /// under the changed top-level keys: true when Helm reads `document` as the original's values under every other
    /// top-level key and `changedValues` under the changed ones (a key absent from it: no value). Nothing of the
    /// original is read: every original pair outside the changed keys is carried over (``CarriedOverPairs``: the
    /// same nodes, in order, none left out, no other pair), so the edit holds the original's values there. False
    /// when that cannot be shown this way.
    package func plainlyReads(
        _ document: YAMLDocument, changedValues: [String: HelmValue], editing original: YAMLDocument,
        changedOnlyUnder changed: Set<String>
    ) -> Bool {
        guard let carried = CarriedOverPairs(document.root, from: original.root, outside: changed, limits: limits),
            carried.nodes < limits.maxExpandedNodes
        else { return false }
        var rest = PlainDocumentDecoder.emptyEntries(room: carried.changedKeys.count)
        for key in carried.changedKeys {
            if let value = changedValues[key] { rest[key] = value }
        }
        // Each expected changed key is written in the edit (the changed pairs are compared with `rest` below).
        guard rest.count == changedValues.count else { return false }
        return changedPairs(of: carried, read: rest)
    }

    /// True when an edit's pairs under the changed keys (`carried.changedRoot`) read as exactly `entries`, read with
    /// the nodes the carried-over pairs hold already counted, as a whole reading would count them.
    private func changedPairs(of carried: CarriedOverPairs, read entries: [String: HelmValue]) -> Bool {
        var changedLimits = limits
        changedLimits.maxExpandedNodes -= carried.nodes
        var plain = PlainDocumentDecoder(limits: changedLimits)
        return plain.values(of: carried.changedRoot, equal: HelmValue(.mapping(entries)))
    }

    /// Reads one document the long way, as go-yaml does (graph of aliases, merge keys, every check): what `read`
    /// does when ``PlainDocumentDecoder`` gives up. Tests call it to compare the two ways.
    func readThroughGraph(_ document: YAMLDocument, fileName: String = "", source: SourceText? = nil)
        throws(YAMLError) -> HelmValuesDocument
    {
        var decoder = HelmDecoder(limits: limits, fileName: fileName, source: source)
        let root = try decoder.graph(document.root)
        let decoded = try decoder.decode(root, origin: .written)
        var values: HelmValue
        switch decoded.shape {
        case .scalar(.null):
            values = HelmValue(.mapping([:]), span: decoded.span)
        case .mapping:
            values = try decoder.convert(decoded)
            try decoder.requireFinite(values)
        case .scalar(let scalar):
            try decoder.requireFinite(try decoder.convert(decoded))
            throw decoder.error(
                .resolver,
                "a values file must be a mapping at the top level, but this document is \(scalar.kindPhrase)",
                fix: "write `key: value` lines at the top level, or leave the file empty for no values",
                at: decoded.span)
        case .sequence:
            try decoder.requireFinite(try decoder.convert(decoded))
            throw decoder.error(
                .resolver, "a values file must be a mapping at the top level, but this document is a sequence",
                fix: "write `key: value` lines at the top level, or leave the file empty for no values",
                at: decoded.span)
        }
        values.span = decoded.span
        return HelmValuesDocument(
            fileName: fileName, values: values,
            duplicateKeys: decoder.mayRepeatKeys ? DuplicateKeyFinder.duplicates(in: document.root) : [],
            unorderedKeys: decoder.unorderedKeys.sorted { $0.duplicate.start.offset < $1.duplicate.start.offset },
            unknownTags: decoder.unknownTags)
    }
}

extension HelmScalar {
    /// `a string`, `the number 12`, `the boolean true`, `null`: what Helm reads, for messages (a string's text is
    /// never quoted).
    public var kindPhrase: String {
        switch self {
        case .null: "null"
        case .bool(let value): "the boolean \(value)"
        case .int(let value): "the number \(value)"
        case .uint(let value): "the number \(value)"
        case .float(let value): "the number \(value)"
        case .string: "a string"
        }
    }
}

/// go-yaml v2's decoder over a YAMLKit tree, then sigs.k8s.io/yaml's conversion for JSON.
struct HelmDecoder {
    /// One node of the document with its aliases linked to their targets.
    struct GraphNode {
        enum Shape {
            case scalar(String)
            case sequence([Int])
            case mapping([(key: Int, value: Int)])
            case alias(name: String, target: Int)
        }
        var shape: Shape
        var node: YAMLNode
    }

    /// A node as go-yaml decodes it into `interface{}`, before the JSON round trip.
    struct Decoded {
        enum Shape {
            case scalar(HelmScalar)
            case sequence([Decoded])
            case mapping(DecodedMapping)
        }
        var shape: Shape
        var span: SourceSpan
        var origin: HelmValue.Origin
    }

    /// A Go `map[interface{}]interface{}`: keys compare as go-yaml's typed scalars (`true` is not `"true"`).
    struct DecodedMapping {
        var keys: [HelmScalar] = []
        var keySpans: [SourceSpan] = []
        var values: [Decoded] = []
        /// When each entry was last set, to keep the last written of keys that Helm orders at random.
        var setOrder: [Int] = []
        var index: [HelmScalar: Int] = [:]
        var setCount = 0
        /// Whether each entry was last set by a key written in this mapping (not one a merge key brought in).
        var setByWrittenKey: [Bool] = []
        /// How deep inside merge keys the entries being set come from; 0 for the mapping's own keys.
        var mergeDepth = 0
        /// True once a key written in this mapping repeated another written one (a duplicate key).
        var writtenKeyRepeated = false

        /// Up to this many keys a mapping is searched by a scan; above it through `index` (hashing a key costs
        /// more than comparing a few: most values mappings hold under a dozen keys).
        static let scanLimit = 16

        mutating func set(_ key: HelmScalar, keySpan: SourceSpan, value: Decoded) {
            setCount += 1
            let found = keys.count <= Self.scanLimit ? keys.firstIndex(of: key) : index[key]
            let written = mergeDepth == 0
            if let position = found {
                if written, setByWrittenKey[position] { writtenKeyRepeated = true }
                keys[position] = key
                keySpans[position] = keySpan
                values[position] = value
                setOrder[position] = setCount
                setByWrittenKey[position] = setByWrittenKey[position] || written
            } else {
                if keys.count == Self.scanLimit {
                    for (position, known) in keys.enumerated() { index[known] = position }
                }
                if keys.count >= Self.scanLimit { index[key] = keys.count }
                keys.append(key)
                keySpans.append(keySpan)
                values.append(value)
                setOrder.append(setCount)
                setByWrittenKey.append(written)
            }
        }
    }

    let limits: YAMLLimits
    let fileName: String
    let source: SourceText?
    var nodes: [GraphNode] = []
    /// go-yaml's counters: every node decoded (the document node included), and those decoded inside an alias.
    var decodeCount = 1
    var aliasCount = 0
    var depth = 0
    /// Alias nodes being expanded, outermost first.
    var activeAliases: [Int] = []
    var unorderedKeys: [DuplicateKey] = []
    /// The mapping keys from the root to the node being decoded, to keep a secret value out of messages.
    var keyPath: [String] = []
    /// True once a mapping's own keys repeated one another, or two of its keys had one JSON name (a key that
    /// overrides one a merge key brought in does not count): only then can the document hold duplicate keys, so
    /// only then is it searched for them.
    var mayRepeatKeys = false
    /// Tags Helm does not know, in document order (found while linking the graph, which visits every node once).
    var unknownTags: [UnknownTag] = []

    init(limits: YAMLLimits, fileName: String, source: SourceText?) {
        self.limits = limits
        self.fileName = fileName
        self.source = source
    }

    func error(_ kind: YAMLError.Kind, _ message: String, fix: String?, at span: SourceSpan) -> YAMLError {
        if let source, span.start.offset <= source.bytes.count {
            return YAMLError(kind, message, fix: fix, fileName: fileName, source: source, offset: span.start.offset)
        }
        return YAMLError(kind, message, fix: fix, fileName: fileName, position: span.start)
    }

    // MARK: - Linking aliases

    /// Numbers the nodes in document order and links each alias to the node most recently anchored with its name.
    mutating func graph(_ root: YAMLNode) throws(YAMLError) -> Int {
        var anchors: [String: Int] = [:]
        return try add(root, anchors: &anchors)
    }

    private mutating func add(_ node: YAMLNode, anchors: inout [String: Int]) throws(YAMLError) -> Int {
        let id = nodes.count
        nodes.append(GraphNode(shape: .scalar(""), node: node))
        if let tag = node.tag, UnknownTag.isUnknown(tag) { unknownTags.append(UnknownTag(tag: tag, span: node.span)) }
        // Like go-yaml, an anchor is defined when its node starts, so an alias inside it refers to it.
        if let anchor = node.anchor { anchors[anchor] = id }
        let shape: GraphNode.Shape
        switch node.content {
        case .scalar(let text):
            shape = .scalar(text)
        case .sequence(let items):
            var ids: [Int] = []
            for item in items { ids.append(try add(item, anchors: &anchors)) }
            shape = .sequence(ids)
        case .mapping(let pairs):
            var ids: [(key: Int, value: Int)] = []
            for pair in pairs {
                let key = try add(pair.key, anchors: &anchors)
                ids.append((key, try add(pair.value, anchors: &anchors)))
            }
            shape = .mapping(ids)
        case .alias(let name):
            guard let target = anchors[name] else {
                throw error(
                    .composer, "the alias *\(name) refers to no anchor defined before it in this document",
                    fix: "define `&\(name)` on a node above this line, or correct the alias name", at: node.span)
            }
            shape = .alias(name: name, target: target)
        }
        nodes[id].shape = shape
        return id
    }

    // MARK: - go-yaml's decoding

    /// Decodes one node, as go-yaml's `unmarshal` does, counting it against the limits.
    mutating func decode(_ id: Int, origin: HelmValue.Origin) throws(YAMLError) -> Decoded {
        try count(id)
        let node = nodes[id].node
        switch nodes[id].shape {
        case .scalar(let text):
            do {
                let scalar = try HelmScalarResolver.checkedResolve(text, style: node.style, tag: node.tag)
                return Decoded(shape: .scalar(scalar), span: node.span, origin: origin)
            } catch {
                // The mismatch quotes the text: not for a value that may be a secret.
                let problem =
                    SecretValues.isSecret(path: keyPath)
                    ? "its text does not fit the tag `\(HelmScalarResolver.shortTag(node.tag ?? ""))` (the value "
                        + "is not shown: its key may hold a secret)" : error.message
                throw self.error(
                    .resolver, "Helm cannot read this tagged scalar: \(problem)",
                    fix: "remove the tag, or write a value of the type it names", at: node.span)
            }
        case .sequence(let items):
            try enter(node.span)
            defer { depth -= 1 }
            var decoded: [Decoded] = []
            decoded.reserveCapacity(items.count)
            for item in items { decoded.append(try decode(item, origin: origin)) }
            return Decoded(shape: .sequence(decoded), span: node.span, origin: origin)
        case .mapping:
            try enter(node.span)
            defer { depth -= 1 }
            var mapping = DecodedMapping()
            try decodeEntries(of: id, into: &mapping, origin: origin)
            return Decoded(shape: .mapping(mapping), span: node.span, origin: origin)
        case .alias(let name, let target):
            guard !activeAliases.contains(id) else {
                throw error(
                    .resolver,
                    "the alias *\(name) is inside the node anchored `&\(name)`, so that value would contain itself",
                    fix: "point the alias at an anchor outside the node that contains it", at: node.span)
            }
            activeAliases.append(id)
            defer { activeAliases.removeLast() }
            return try decode(target, origin: origin == .written ? .alias(node.span) : origin)
        }
    }

    /// go-yaml's `mapping` into an existing map: plain entries are set in order, merge keys write their mappings
    /// into the same map at the point they appear.
    mutating func decodeEntries(of id: Int, into mapping: inout DecodedMapping, origin: HelmValue.Origin)
        throws(YAMLError)
    {
        guard case .mapping(let pairs) = nodes[id].shape else { return }
        for pair in pairs {
            let keyNode = nodes[pair.key].node
            if DuplicateKeyFinder.isMergeKey(keyNode) {
                try merge(pair.value, into: &mapping, origin: origin == .written ? .merge(keyNode.span) : origin)
                continue
            }
            let key = try decode(pair.key, origin: origin)
            guard case .scalar(let scalar) = key.shape else {
                let kind = if case .sequence = key.shape { "sequence" } else { "mapping" }
                throw error(
                    .resolver, "Helm cannot use a \(kind) as a mapping key",
                    fix: "use a plain string key", at: keyNode.span)
            }
            keyPath.append(HelmScalarResolver.keyString(for: scalar) ?? "")
            defer { keyPath.removeLast() }
            let value = try decode(pair.value, origin: origin)
            mapping.set(scalar, keySpan: keyNode.span, value: value)
        }
    }

    /// go-yaml's `merge`: a mapping, an alias to one, or a sequence of those (applied last to first, so the first
    /// wins); anything else is refused.
    mutating func merge(_ id: Int, into mapping: inout DecodedMapping, origin: HelmValue.Origin) throws(YAMLError) {
        func refuse(_ offender: Int) -> YAMLError {
            error(
                .resolver,
                "the merge key `<<` needs a mapping, an alias to a mapping, or a sequence of those, but this is "
                    + describe(offender),
                fix: "merge a mapping (`<<: *base` where `&base` anchors a mapping); to keep `<<` as an ordinary key, "
                    + "quote it (`\"<<\":`)",
                at: nodes[offender].node.span)
        }
        switch nodes[id].shape {
        case .mapping:
            try mergeMapping(id, into: &mapping, origin: origin)
        case .alias(_, let target):
            guard case .mapping = nodes[target].shape else { throw refuse(id) }
            try mergeMapping(id, into: &mapping, origin: origin)
        case .sequence(let items):
            for item in items.reversed() {
                var target = item
                if case .alias(_, let aliased) = nodes[item].shape { target = aliased }
                guard case .mapping = nodes[target].shape else { throw refuse(item) }
                try mergeMapping(item, into: &mapping, origin: origin)
            }
        case .scalar:
            throw refuse(id)
        }
    }

    /// Decodes a mapping (or an alias to one) into an existing map, counting it as go-yaml does.
    private mutating func mergeMapping(_ id: Int, into mapping: inout DecodedMapping, origin: HelmValue.Origin)
        throws(YAMLError)
    {
        try count(id)
        switch nodes[id].shape {
        case .alias(let name, let target):
            guard !activeAliases.contains(id) else {
                throw error(
                    .resolver,
                    "the alias *\(name) is inside the node anchored `&\(name)`, so that value would contain itself",
                    fix: "point the alias at an anchor outside the node that contains it", at: nodes[id].node.span)
            }
            activeAliases.append(id)
            defer { activeAliases.removeLast() }
            try mergeMapping(target, into: &mapping, origin: origin)
        default:
            try enter(nodes[id].node.span)
            defer { depth -= 1 }
            mapping.mergeDepth += 1
            defer { mapping.mergeDepth -= 1 }
            try decodeEntries(of: id, into: &mapping, origin: origin)
        }
    }

    private func describe(_ id: Int) -> String {
        switch nodes[id].shape {
        case .scalar(let text):
            if SecretValues.isSecret(path: keyPath) { return "a scalar" }
            let node = nodes[id].node
            return HelmScalarResolver.resolve(text, style: node.style, tag: node.tag).kindPhrase
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        case .alias(let name, let target): return "the alias *\(name) to " + describe(target)
        }
    }

    /// go-yaml's per-node count, its "excessive aliasing" rule, and YAMLKit's cap on expanded nodes.
    private mutating func count(_ id: Int) throws(YAMLError) {
        decodeCount += 1
        if !activeAliases.isEmpty { aliasCount += 1 }
        let place = activeAliases.first.map { nodes[$0].node.span } ?? nodes[id].node.span
        if aliasCount > 100, decodeCount > 1000,
            Double(aliasCount) / Double(decodeCount) > Self.allowedAliasRatio(decodeCount: decodeCount)
        {
            throw error(
                .limitExceeded,
                "aliases expand this document too much: \(aliasCount) of its first \(decodeCount) nodes come from "
                    + "aliases (Helm refuses it as excessive aliasing)",
                fix: "write the repeated content once instead of nesting aliases of aliases", at: place)
        }
        if decodeCount - 1 > limits.maxExpandedNodes {
            throw error(
                .limitExceeded,
                "resolving aliases and merge keys produces more than \(limits.maxExpandedNodes) nodes",
                fix: "remove nested aliases, or raise YAMLLimits.maxExpandedNodes if the document is legitimate",
                at: place)
        }
    }

    /// go-yaml v2's `allowedAliasRatio`: 99% of nodes may come from aliases up to 400,000 decoded nodes, falling
    /// linearly to 10% at 4,000,000.
    static func allowedAliasRatio(decodeCount: Int) -> Double {
        let low = 400_000.0
        let high = 4_000_000.0
        let count = Double(decodeCount)
        if count <= low { return 0.99 }
        if count >= high { return 0.10 }
        return 0.99 - 0.89 * ((count - low) / (high - low))
    }

    private mutating func enter(_ span: SourceSpan) throws(YAMLError) {
        depth += 1
        guard depth <= limits.maxDepth else {
            let place = activeAliases.first.map { nodes[$0].node.span } ?? span
            throw error(
                .limitExceeded, "resolving aliases nests this document deeper than \(limits.maxDepth) levels",
                fix: "flatten the aliased structure, or raise YAMLLimits.maxDepth", at: place)
        }
    }

    // MARK: - sigs.k8s.io/yaml's conversion and the JSON round trip

    /// Refuses the first infinity or NaN in JSON's order (sorted keys), as `json.Marshal` does on the final values:
    /// a value overwritten by a later duplicate key never reaches it.
    func requireFinite(_ value: HelmValue) throws(YAMLError) {
        guard Self.holdsNonFinite(value) else { return }  // the common case: no sorting of every mapping's keys
        switch value.content {
        case .number(let number) where !number.isFinite:
            let word = number.isNaN ? ".nan" : number < 0 ? "-.inf" : ".inf"
            throw error(
                .resolver, "Helm cannot hold \(word): values pass through JSON, which has no infinity or NaN",
                fix: "quote it (\"\(word)\") to keep the text, or write a finite number", at: value.span)
        case .sequence(let items):
            for item in items { try requireFinite(item) }
        case .mapping(let entries):
            for key in entries.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                try requireFinite(entries[key]!)
            }
        default:
            break
        }
    }

    /// True when an infinity or NaN is anywhere in the value.
    static func holdsNonFinite(_ value: HelmValue) -> Bool {
        switch value.content {
        case .number(let number): !number.isFinite
        case .sequence(let items): items.contains(where: holdsNonFinite)
        case .mapping(let entries): entries.values.contains(where: holdsNonFinite)
        default: false
        }
    }

    /// Converts go-yaml's value as sigs.k8s.io/yaml and `encoding/json` do: keys to strings, numbers to `Double`.
    mutating func convert(_ decoded: Decoded, keySpan: SourceSpan? = nil) throws(YAMLError) -> HelmValue {
        switch decoded.shape {
        case .scalar(let scalar):
            // `requireFinite` refuses what JSON cannot hold.
            var value = HelmValue(reading: scalar, span: decoded.span, keySpan: keySpan)
            if decoded.origin != .written { value.origin = decoded.origin }
            return value
        case .sequence(let items):
            var converted: [HelmValue] = []
            converted.reserveCapacity(items.count)
            for item in items { converted.append(try convert(item)) }
            return HelmValue(.sequence(converted), span: decoded.span, keySpan: keySpan, origin: decoded.origin)
        case .mapping(let mapping):
            var entries = [String: HelmValue](minimumCapacity: mapping.keys.count)
            // Entries in the order they were last set; that is their order unless a key was set again.
            let reset = mapping.setCount > mapping.keys.count
            if mapping.writtenKeyRepeated { mayRepeatKeys = true }
            let order =
                reset
                ? mapping.keys.indices.sorted(by: { mapping.setOrder[$0] < mapping.setOrder[$1] })
                : Array(mapping.keys.indices)
            for position in order {
                let key = mapping.keys[position]
                let span = mapping.keySpans[position]
                guard let name = HelmScalarResolver.keyString(for: key) else {
                    if case .uint(let value) = key {
                        throw error(
                            .resolver,
                            "Helm cannot use the number \(value) as a key: it is above the largest signed "
                                + "64-bit integer", fix: "quote the key (\"\(value)\")", at: span)
                    }
                    throw error(
                        .resolver, "Helm cannot use a null key (`~`, `null` or nothing before the colon)",
                        fix: "quote the key (\"null\") if you mean the word, or remove the entry", at: span)
                }
                if let earlier = entries[name] {
                    mayRepeatKeys = true
                    if let earlierSpan = earlier.keySpan {
                        unorderedKeys.append(DuplicateKey(key: name, first: earlierSpan, duplicate: span))
                    }
                }
                entries[name] = try convert(mapping.values[position], keySpan: span)
            }
            return HelmValue(.mapping(entries), span: decoded.span, keySpan: keySpan, origin: decoded.origin)
        }
    }
}
