internal import CYAML

/// A values file read in one pass over libyaml's events, without its node tree: what
/// ``HelmValueReader/readInOnePass(bytes:fileName:)`` returns.
public struct OnePassValues: Sendable {
    /// The first document's values, exactly as ``HelmValueReader/read(_:)`` reads them from the parsed file.
    public var document: HelmValuesDocument
    /// The file's bytes, with their lines.
    public var source: SourceText
    /// How many documents the file holds: 0 (only comments or nothing) or 1.
    public var documentCount: Int
}

extension HelmValueReader {
    /// Reads a values file in one pass over libyaml's events, straight into Helm values and without building a node
    /// tree, when the file is the common case: at most one document, which ``PlainDocumentDecoder`` reads (a mapping
    /// or nothing at the top; no alias, merge key, key Helm reads twice, tag Helm does not know or tag that
    /// contradicts its text, no infinity), inside the limits.
    ///
    /// Returns nil for anything else, errors included: the caller then parses the file with ``YAMLParser`` and reads
    /// it with ``read(_:)``, which reports every error. When it returns values, they are the ones that way gives,
    /// with the same spans, key spans and scalars (a test compares the two on every YAML file the project holds and
    /// on generated ones), and parsing the same bytes into a tree succeeds.
    public func readInOnePass(bytes: [UInt8], fileName: String) -> OnePassValues? {
        guard bytes.count <= limits.maxInputBytes else { return nil }
        let source = SourceText(bytes)
        guard (try? YAMLParser.checkEncoding(source, fileName: fileName)) != nil else { return nil }
        var decoder = OnePassValuesDecoder(limits: limits)
        var reader = LibyamlEventReader(source: source, fileName: fileName)
        guard (try? reader.read(into: &decoder)) != nil, !decoder.gaveUp else { return nil }
        let values: HelmValue
        switch (decoder.documentCount, decoder.root) {
        case (0, _): values = .mapping([:])
        case (1, let root?): values = root
        default: return nil
        }
        return OnePassValues(
            document: HelmValuesDocument(fileName: fileName, values: values, duplicateKeys: [], unorderedKeys: []),
            source: source, documentCount: decoder.documentCount)
    }
}

/// Builds the first document's ``HelmValue``s from libyaml's events as they come, the way ``PlainDocumentDecoder``
/// builds them from the document's nodes, and gives up (stops reading, ``gaveUp``) where that decoder would, or at a
/// second document.
///
/// Spans come from ``LibyamlEventReader``, as the tree builder's do: a block collection ends with its last value, a
/// flow collection after its bracket.
struct OnePassValuesDecoder: LibyamlEventHandler {
    let limits: YAMLLimits
    /// Documents started so far.
    private(set) var documentCount = 0
    /// The first document's values, once its root node has ended.
    private(set) var root: HelmValue?
    /// True when the document needs the long way; reading stopped there.
    private(set) var gaveUp = false
    /// Nodes met so far, keys included (without aliases, each node once, as go-yaml's decoder counts them).
    private var nodeCount = 0

    /// A collection open above the next event.
    private struct Frame {
        var isMapping: Bool
        var isFlow: Bool
        var start: SourcePosition
        var entries: [String: HelmValue] = [:]
        var items: [HelmValue] = []
        /// A mapping's key waiting for its value: Helm's name for it, and its span.
        var pendingKey: (name: String, span: SourceSpan)?
        /// Where the last value ended: a block collection ends there.
        var lastEnd: SourcePosition?
    }
    private var stack: [Frame] = []

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    mutating func handle(_ event: yaml_event_t, from reader: inout LibyamlEventReader) -> Bool {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            return documentCount == 1 && documentCount <= limits.maxDocuments ? true : giveUp()
        case YAML_DOCUMENT_END_EVENT:
            return true
        case YAML_SCALAR_EVENT:
            return scalar(event, from: &reader)
        case YAML_SEQUENCE_START_EVENT:
            return open(
                isMapping: false, tag: reader.string(event.data.sequence_start.tag),
                isFlow: event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE,
                start: reader.position(event.start_mark))
        case YAML_MAPPING_START_EVENT:
            return open(
                isMapping: true, tag: reader.string(event.data.mapping_start.tag),
                isFlow: event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE,
                start: reader.position(event.start_mark))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return giveUp() }
            let end = frame.isFlow ? reader.position(event.end_mark) : (frame.lastEnd ?? frame.start)
            return add(
                HelmValue(
                    frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items),
                    span: SourceSpan(start: frame.start, end: end), origin: .written))
        default:  // an alias
            return giveUp()
        }
    }

    private mutating func giveUp() -> Bool {
        gaveUp = true
        return false
    }

    /// Counts a node; false past the node limit.
    private mutating func count() -> Bool {
        nodeCount += 1
        return nodeCount <= limits.maxExpandedNodes
    }

    /// True when the next node is a mapping's key.
    private var expectsKey: Bool {
        guard let top = stack.last else { return false }
        return top.isMapping && top.pendingKey == nil
    }

    private mutating func scalar(_ event: yaml_event_t, from reader: inout LibyamlEventReader) -> Bool {
        let tag = reader.string(event.data.scalar.tag)
        if let tag, UnknownTag.isUnknown(tag) { return giveUp() }
        guard count() else { return giveUp() }
        let text = reader.text(ofScalar: event)
        let style = reader.style(ofScalar: event)
        let span = reader.span(ofScalar: event, style: style)
        // go-yaml's reading; nil when the tag contradicts the text.
        guard let scalar = try? HelmScalarResolver.checkedResolve(text, style: style, tag: tag) else {
            return giveUp()
        }
        if expectsKey {
            let isMergeKey = text == "<<" && ((tag == nil && style == .plain) || tag == HelmScalarResolver.mergeTag)
            let top = stack.count - 1
            guard !isMergeKey, let name = HelmScalarResolver.keyString(for: scalar), stack[top].entries[name] == nil
            else { return giveUp() }
            stack[top].pendingKey = (name, span)
            return true
        }
        if case .float(let value) = scalar, !value.isFinite { return giveUp() }
        return add(HelmValue(HelmValue.Content(roundTripping: scalar), span: span, origin: .written, scalar: scalar))
    }

    private mutating func open(isMapping: Bool, tag: String?, isFlow: Bool, start: SourcePosition) -> Bool {
        if let tag, UnknownTag.isUnknown(tag) { return giveUp() }
        // A sequence at the top, a collection as a key, a level too deep: the long way reads or refuses them.
        guard isMapping || !stack.isEmpty, !expectsKey, stack.count < limits.maxDepth, count() else {
            return giveUp()
        }
        stack.append(Frame(isMapping: isMapping, isFlow: isFlow, start: start))
        return true
    }

    /// Hands a finished value to the collection above it, or takes it as the document's root.
    private mutating func add(_ value: consuming HelmValue) -> Bool {
        guard !stack.isEmpty else {
            switch value.content {
            case .mapping: root = value
            // An empty document, or `~`: Helm reads `{}`.
            case .null: root = HelmValue(.mapping([:]), span: value.span)
            default: return giveUp()
            }
            return true
        }
        let top = stack.count - 1
        stack[top].lastEnd = value.span.end
        if stack[top].isMapping {
            guard let key = stack[top].pendingKey.take() else { return giveUp() }
            value.keySpan = key.span
            stack[top].entries[key.name] = value
        } else {
            stack[top].items.append(value)
        }
        return true
    }
}
