/// The short way through ``HelmDecoder`` for the common values file: no aliases, no merge keys, no key that Helm
/// reads twice, no tag it does not know, every tag fitting its text and every number finite.
///
/// Such a document means to Helm exactly what its nodes say, so it is read in one walk of the node tree, straight
/// into ``HelmValue``s, without go-yaml's graph and intermediate values. The walk gives up (returns nil) at the first
/// thing it does not handle, and the caller then reads the document the long way, which is always right: a value
/// from here is one the long way would return, with the same spans, origins and scalars (a test compares the two on
/// every YAML file the project holds and on generated ones).
struct PlainDocumentDecoder {
    let limits: YAMLLimits
    /// Nodes decoded so far, counted like go-yaml's decoder (without aliases, each node once).
    private var nodeCount = 0
    /// Collections open above the node being decoded.
    private var depth = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    /// The document's values, or nil when the document needs the long way (which also reports every error).
    mutating func values(of root: YAMLNode) -> HelmValue? {
        switch root.content {
        case .mapping:
            return value(of: root, keySpan: nil)
        case .scalar:
            guard let value = value(of: root, keySpan: nil), value.content == .null else { return nil }
            return HelmValue(.mapping([:]), span: root.span)
        case .sequence, .alias:
            return nil
        }
    }

    private mutating func value(of node: YAMLNode, keySpan: SourceSpan?) -> HelmValue? {
        nodeCount += 1
        guard nodeCount <= limits.maxExpandedNodes else { return nil }
        if let tag = node.tag, UnknownTag.isUnknown(tag) { return nil }
        switch node.content {
        case .scalar(let text):
            guard let scalar = Self.scalar(text, of: node) else { return nil }
            if case .float(let value) = scalar, !value.isFinite { return nil }
            return HelmValue(
                HelmValue.Content(roundTripping: scalar), span: node.span, keySpan: keySpan, origin: .written,
                scalar: scalar)
        case .sequence(let items):
            guard enter() else { return nil }
            defer { depth -= 1 }
            var values: [HelmValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let value = value(of: item, keySpan: nil) else { return nil }
                values.append(value)
            }
            return HelmValue(.sequence(values), span: node.span, keySpan: keySpan, origin: .written)
        case .mapping(let pairs):
            guard enter() else { return nil }
            defer { depth -= 1 }
            var entries = [String: HelmValue](minimumCapacity: pairs.count)
            for pair in pairs {
                let key = pair.key
                guard !DuplicateKeyFinder.isMergeKey(key), case .scalar(let text) = key.content else { return nil }
                nodeCount += 1
                if let tag = key.tag, UnknownTag.isUnknown(tag) { return nil }
                guard let scalar = Self.scalar(text, of: key), let name = HelmScalarResolver.keyString(for: scalar),
                    let value = value(of: pair.value, keySpan: key.span),
                    entries.updateValue(value, forKey: name) == nil
                else { return nil }
            }
            return HelmValue(.mapping(entries), span: node.span, keySpan: keySpan, origin: .written)
        case .alias:
            return nil
        }
    }

    /// go-yaml's reading of a scalar, or nil when its tag contradicts its text.
    private static func scalar(_ text: String, of node: YAMLNode) -> HelmScalar? {
        try? HelmScalarResolver.checkedResolve(text, style: node.style, tag: node.tag)
    }

    private mutating func enter() -> Bool {
        depth += 1
        return depth <= limits.maxDepth
    }
}
