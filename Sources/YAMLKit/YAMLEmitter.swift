internal import CYAML

/// Writes ``YAMLNode`` trees as YAML bytes through libyaml's emitter, so the output is valid by construction.
///
/// The layout is fixed, so the same tree always gives the same bytes: block collections with a 2-space indent,
/// sequences inside mappings written the way kubectl prints them (`key:` then `- item` at the key's column),
/// UTF-8 written as is, no line folding however long a line, LF line ends, a final newline, and `---` only between
/// documents (never before the first, no `...`). Empty collections are written `{}` and `[]`. libyaml 0.2.5 treats
/// characters beyond U+FFFF (emoji) as unprintable: a scalar holding one is written double-quoted, and the
/// character itself is put back in place of libyaml's `\U` escape (``AstralEscapeRestorer``); tabs, control
/// characters and U+FEFF stay escaped.
///
/// What a node says decides how it is written:
/// - A `.plain` scalar is written plain, to be typed as YAML types it: `.scalar("true")` is the boolean `true`,
///   `.scalar("3")` the integer 3, `.scalar("")` null (written as nothing after `key:`, and as `null` where YAML
///   needs a token: as a key, inside a flow collection). When libyaml cannot write the text plain (`a: b`, a
///   leading space, a line break, a leading `*`), it is quoted, which keeps the text (and its meaning: such text
///   is a string for Helm either way).
/// - `.singleQuoted` and `.doubleQuoted` force quotes; libyaml turns single quotes into double ones when the text
///   needs escapes (a tab, a control character, a character above U+FFFF).
/// - `.literal` and `.folded` ask for a block scalar; libyaml writes double quotes instead where a block scalar
///   cannot go (inside a flow collection, a key written on one line, text with a tab or trailing spaces on a line).
/// - ``YAMLNode/string(_:)`` builds a scalar that reads back as exactly its text in Helm, whatever the text.
/// - A collection with style `.flow` is written in flow style (`{a: 1}`, `[a, b]`), on one line; every other
///   collection is written in block style, except inside a flow collection, where YAML allows only flow.
/// - Tags and anchors are written when the node carries them (`tag:yaml.org,2002:str` as `!!str`); an alias is
///   written `*name` and must follow its anchor in the same document.
///
/// A document whose root is an empty plain scalar (null) is written `---` when it comes first, because an empty
/// first document would otherwise vanish from the output.
///
/// Refused with a ``YAMLError`` of kind `.emitter` that names the node, before anything is written: an anchor or
/// alias name other than ASCII letters, digits, `-` and `_` (libyaml's rule); an alias before its anchor, or
/// carrying an anchor or tag itself; an empty tag; a `!suffix` or `!!suffix` tag with `,`, `[` or `]` (libyaml
/// would write them unescaped, and the output would not parse).
public struct YAMLEmitter: Sendable {
    /// Creates an emitter.
    public init() {}

    /// Writes one document.
    public func emit(_ node: YAMLNode) throws(YAMLError) -> [UInt8] {
        try emit(documents: [node])
    }

    /// Writes several documents, separated by `---`; no documents give no bytes.
    public func emit(documents: [YAMLNode]) throws(YAMLError) -> [UInt8] {
        // Each document is checked (``TreeChecker``) as the writer meets its first node that could be refused,
        // before libyaml sees that node; libyaml's output is dropped on any error.
        let session = try EmitterSession()
        defer { session.close() }
        try session.emit(documents: documents)
        return AstralEscapeRestorer.restore(session.output.finishedBytes())
    }

    /// Writes one document as a string.
    public func emitString(_ node: YAMLNode) throws(YAMLError) -> String {
        String(decoding: try emit(node), as: UTF8.self)
    }

    /// Writes several documents as a string, separated by `---`.
    public func emitString(documents: [YAMLNode]) throws(YAMLError) -> String {
        String(decoding: try emit(documents: documents), as: UTF8.self)
    }
}

/// Refuses, before libyaml sees them, the trees libyaml would write wrongly or refuse without saying where.
private enum TreeChecker {
    /// One step of a node's path from the root, spelled only when an error names the node.
    enum PathStep {
        /// The value of a mapping key.
        case value(key: String)
        /// A mapping key itself.
        case key(String)
        /// A sequence item.
        case item(Int)
    }

    /// `a.b[0]`, `a.b (the key)`, or empty for the root.
    static func spell(_ steps: ArraySlice<PathStep>) -> String {
        var path = ""
        for step in steps {
            switch step {
            case .value(let key): path = path.isEmpty ? key : "\(path).\(key)"
            case .key(let key): path = (path.isEmpty ? key : "\(path).\(key)") + " (the key)"
            case .item(let index): path += "[\(index)]"
            }
        }
        return path
    }

    /// Walks a document in the order it is written, naming the first node that cannot be written.
    ///
    /// The path to each node is kept as steps and spelled only for an error (spelling it for every node cost more
    /// than writing the document).
    static func check(_ root: YAMLNode, document: Int, of documents: Int) throws(YAMLError) {
        var anchors: Set<String> = []
        // Each pending node with its depth and the step that leads to it; `trail` holds the steps to the node
        // being looked at.
        var pending: [(node: YAMLNode, depth: Int, step: PathStep?)] = [(root, 0, nil)]
        var trail: [PathStep] = []
        while let (node, depth, step) = pending.popLast() {
            let kept = max(depth - 1, 0)
            if trail.count > kept { trail.removeSubrange(kept...) }
            if let step { trail.append(step) }
            // The place is spelled only for an error; `trail` is handed over, not captured (a captured variable is
            // boxed, and every use of it checked for exclusive access).
            if let anchor = node.anchor {
                try checkName(anchor, what: "anchor", trail: trail, document: document, of: documents)
                anchors.insert(anchor)
            }
            if let tag = node.tag {
                try checkTag(tag, place: place(trail, document: document, of: documents))
            }
            switch node.content {
            case .scalar(let text):
                if text.utf8.count > Int32.max {
                    let place = place(trail, document: document, of: documents)()
                    throw YAMLError(
                        .emitter, "the scalar at \(place) is \(text.utf8.count) bytes, more than libyaml can write",
                        fix: "keep each scalar under 2 GiB")
                }
            case .alias(let name):
                try checkName(name, what: "alias", trail: trail, document: document, of: documents)
                if node.anchor != nil || node.tag != nil {
                    let place = place(trail, document: document, of: documents)()
                    throw YAMLError(
                        .emitter,
                        "the alias *\(name) at \(place) carries an anchor or a tag, which YAML cannot write",
                        fix: "put the anchor or tag on the node the alias refers to")
                }
                if !anchors.contains(name) {
                    let place = place(trail, document: document, of: documents)()
                    throw YAMLError(
                        .emitter,
                        "the alias *\(name) at \(place) refers to no anchor written before it in the document",
                        fix: "anchor a node that comes earlier in the document with `\(name)`, or correct the name")
                }
            case .sequence(let items):
                for (index, item) in items.enumerated().reversed() {
                    pending.append((item, depth + 1, .item(index)))
                }
            case .mapping(let pairs):
                for pair in pairs.reversed() {
                    let key = keyName(pair.key)
                    pending.append((pair.value, depth + 1, .value(key: key)))
                    pending.append((pair.key, depth + 1, .key(key)))
                }
            }
        }
    }

    /// Spells the place of the node `trail` leads to, for an error message.
    static func place(_ trail: [PathStep], document: Int, of documents: Int) -> () -> String {
        {
            let path = describe(spell(trail[...]))
            return documents > 1 ? "\(path) of document \(document)" : path
        }
    }

    /// ``checkName(_:what:place:)`` at the node `trail` leads to.
    static func checkName(
        _ name: String, what: String, trail: [PathStep], document: Int, of documents: Int
    ) throws(YAMLError) {
        try checkName(name, what: what, place: place(trail, document: document, of: documents))
    }

    /// Refuses an empty tag, and a tag libyaml would write in a form no reader reads back: in the short forms
    /// `!suffix` and `!!suffix` it leaves `,`, `[` and `]` unescaped, and they end the tag.
    static func checkTag(_ tag: String, place: () -> String) throws(YAMLError) {
        if tag.isEmpty || tag.utf8.contains(0) {
            throw YAMLError(
                .emitter, "the node at \(place()) has an empty tag or one with a NUL character",
                fix: "give the node a full tag such as `tag:yaml.org,2002:str`, or no tag")
        }
        let suffix: Substring
        if tag.hasPrefix(yamlTagPrefix) {
            suffix = tag.dropFirst(yamlTagPrefix.count)
        } else if tag.hasPrefix("!") {
            suffix = tag.dropFirst()
        } else {
            return  // written verbatim, `!<...>`, where libyaml escapes what it must
        }
        if suffix.contains(where: { $0 == "," || $0 == "[" || $0 == "]" }) {
            throw YAMLError(
                .emitter,
                "the tag `\(tag)` at \(place()) cannot be written: libyaml would leave its `,`, `[` or `]` "
                    + "unescaped, and a reader would take it for the end of the tag",
                fix: "use a tag without `,`, `[` and `]` after its `!` or `tag:yaml.org,2002:` prefix")
        }
    }

    static let yamlTagPrefix = "tag:yaml.org,2002:"

    /// libyaml's rule for anchor names: letters, digits, `-` and `_`, at least one.
    static func checkName(_ name: String, what: String, place: () -> String) throws(YAMLError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
        guard name.isEmpty || !allowed else { return }
        let shown = name.isEmpty ? "an empty \(what) name" : "the \(what) name `\(name)`"
        throw YAMLError(
            .emitter, "\(shown) at \(place()) cannot be written",
            fix: "name anchors with ASCII letters, digits, `-` and `_` only, for example `base-values`")
    }

    static func keyName(_ key: YAMLNode) -> String {
        key.scalarText ?? "<key>"
    }

    static func describe(_ path: String) -> String {
        path.isEmpty ? "the root" : "`\(path)`"
    }
}

/// The bytes libyaml writes, reached from its write callback through the context pointer.
private final class OutputBuffer {
    var bytes: [UInt8] = []

    /// The output as callers get it. libyaml ends a stream whose last scalar keeps trailing blank lines (`|+`)
    /// with a `...` line; the end of the stream ends that scalar just as well, so the marker is dropped.
    func finishedBytes() -> [UInt8] {
        let marker: [UInt8] = Array("\n...\n".utf8)
        if bytes.count >= marker.count, bytes[(bytes.count - marker.count)...].elementsEqual(marker) {
            return Array(bytes[..<(bytes.count - marker.count + 1)])
        }
        return bytes
    }
}

/// libyaml's write handler: appends what libyaml hands over to the ``OutputBuffer`` behind `context`.
private func appendToOutputBuffer(
    context: UnsafeMutableRawPointer?, buffer: UnsafeMutablePointer<UInt8>?, size: Int
) -> Int32 {
    guard let context else { return 0 }
    let output = Unmanaged<OutputBuffer>.fromOpaque(context).takeUnretainedValue()
    if let buffer, size > 0 {
        output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
    }
    return 1
}

/// One libyaml emitter, configured for the house layout, fed with events from node trees.
private final class EmitterSession {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>
    let output = OutputBuffer()

    init() throws(YAMLError) {
        emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        guard yaml_emitter_initialize(emitter) == 1 else {
            emitter.deallocate()
            throw YAMLError(.emitter, "libyaml could not start an emitter (out of memory)")
        }
        yaml_emitter_set_output(emitter, appendToOutputBuffer, Unmanaged.passUnretained(output).toOpaque())
        yaml_emitter_set_encoding(emitter, YAML_UTF8_ENCODING)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    func close() {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    /// One step of the walk: a node to open, or the end of a collection opened earlier.
    enum Step {
        case node(YAMLNode, isKey: Bool)
        case sequenceEnd(flow: Bool)
        case mappingEnd(flow: Bool)
    }

    func emit(documents: [YAMLNode]) throws(YAMLError) {
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try send(&event)
        for (index, root) in documents.enumerated() {
            // An empty first document needs its `---`; without it the output would hold one document fewer.
            let implicit: Int32 = index == 0 && Self.writesNothing(root) ? 0 : 1
            yaml_document_start_event_initialize(&event, nil, nil, nil, implicit)
            try send(&event)
            var steps: [Step] = []
            steps.reserveCapacity(32)  // the pending nodes and ends: grown once for most trees, not five times
            steps.append(.node(root, isKey: false))
            var openFlowCollections = 0
            // Most trees have no anchor, tag or alias: their documents need no walk of their own to be checked.
            var checked = false
            while let step = steps.popLast() {
                switch step {
                case .sequenceEnd(let flow):
                    if flow { openFlowCollections -= 1 }
                    yaml_sequence_end_event_initialize(&event)
                case .mappingEnd(let flow):
                    if flow { openFlowCollections -= 1 }
                    yaml_mapping_end_event_initialize(&event)
                case .node(let node, let isKey):
                    if !checked, Self.mayBeRefused(node) {
                        try TreeChecker.check(root, document: index + 1, of: documents.count)
                        checked = true
                    }
                    let inFlow = openFlowCollections > 0
                    let text = Self.textToWrite(node, whereLibyamlQuotesEmptyText: inFlow || isKey)
                    guard initializeEvent(&event, opening: node, text: text) == 1 else {
                        throw YAMLError(.emitter, "libyaml could not build an event (out of memory)")
                    }
                    let flow = inFlow || node.style == .flow
                    switch node.content {
                    case .sequence(let items):
                        if flow { openFlowCollections += 1 }
                        steps.append(.sequenceEnd(flow: flow))
                        for item in items.reversed() { steps.append(.node(item, isKey: false)) }
                    case .mapping(let pairs):
                        if flow { openFlowCollections += 1 }
                        steps.append(.mappingEnd(flow: flow))
                        for pair in pairs.reversed() {
                            steps.append(.node(pair.value, isKey: false))
                            steps.append(.node(pair.key, isKey: true))
                        }
                    case .scalar, .alias:
                        break
                    }
                }
                try send(&event)
            }
            yaml_document_end_event_initialize(&event, 1)
            try send(&event)
        }
        yaml_stream_end_event_initialize(&event)
        try send(&event)
        guard yaml_emitter_flush(emitter) == 1 else { throw libyamlError() }
    }

    /// True for a node ``TreeChecker`` could refuse: one with an anchor or a tag, an alias, or a scalar too long for
    /// libyaml. A document without such a node passes the check as it is.
    static func mayBeRefused(_ node: YAMLNode) -> Bool {
        if node.decorations != nil { return true }
        switch node.content {
        case .alias: return true
        case .scalar(let text): return text.utf8.count > Int32.max
        case .mapping, .sequence: return false
        }
    }

    /// True for a root that libyaml writes as nothing at all: an empty plain scalar without tag or anchor.
    static func writesNothing(_ root: YAMLNode) -> Bool {
        root.scalarText == "" && root.tag == nil && root.anchor == nil && !root.style.isQuotedOrBlockScalar
    }

    /// The scalar text to hand libyaml. An untagged empty plain scalar means null; as a key or inside a flow
    /// collection libyaml would write it `''`, the empty string, so it is written `null` there instead.
    static func textToWrite(_ node: YAMLNode, whereLibyamlQuotesEmptyText: Bool) -> String? {
        guard case .scalar(let text) = node.content else { return nil }
        if text.isEmpty, whereLibyamlQuotesEmptyText, node.tag == nil, !node.style.isQuotedOrBlockScalar {
            return "null"
        }
        return text
    }

    /// Fills `event` with the event that writes a scalar (with `text`) or alias, or opens a collection; 1 on
    /// success.
    func initializeEvent(_ event: inout yaml_event_t, opening node: YAMLNode, text: String?) -> Int32 {
        // A tag is written whenever the node has one: libyaml leaves it out only when an implicit flag is set.
        // The closures below capture these few values, not the node (copying a node into each closure's context
        // retained and released its content, tag and anchor for every event).
        let anchorName = node.anchor
        let tagName = node.tag
        let implicit: Int32 = tagName == nil ? 1 : 0
        switch node.content {
        case .scalar:
            let text = text ?? ""
            let style = Self.scalarStyle(node.style)
            // libyaml asserts a non-null value; a C string is never null and keeps any NUL inside, and the explicit
            // length covers all of the text.
            return withOptionalCString(anchorName) { anchor in
                withOptionalCString(tagName) { tag in
                    withOptionalCString(text) { value in
                        yaml_scalar_event_initialize(
                            &event, anchor, tag, value, Int32(text.utf8.count), implicit, implicit, style)
                    }
                }
            }
        case .alias(let name):
            return withOptionalCString(name) { name in yaml_alias_event_initialize(&event, name) }
        case .sequence:
            let style = node.style == .flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE
            return withOptionalCString(anchorName) { anchor in
                withOptionalCString(tagName) { tag in
                    yaml_sequence_start_event_initialize(&event, anchor, tag, implicit, style)
                }
            }
        case .mapping:
            let style = node.style == .flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
            return withOptionalCString(anchorName) { anchor in
                withOptionalCString(tagName) { tag in
                    yaml_mapping_start_event_initialize(&event, anchor, tag, implicit, style)
                }
            }
        }
    }

    /// libyaml's scalar style for a node style; a collection style on a scalar means plain.
    static func scalarStyle(_ style: YAMLNodeStyle) -> yaml_scalar_style_t {
        switch style {
        case .singleQuoted: YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: YAML_LITERAL_SCALAR_STYLE
        case .folded: YAML_FOLDED_SCALAR_STYLE
        case .plain, .block, .flow, .alias: YAML_PLAIN_SCALAR_STYLE
        }
    }

    /// Hands an event to libyaml, which takes ownership of it whether it succeeds or not.
    func send(_ event: inout yaml_event_t) throws(YAMLError) {
        guard yaml_emitter_emit(emitter, &event) == 1 else { throw libyamlError() }
    }

    func libyamlError() -> YAMLError {
        let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
        switch emitter.pointee.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(.emitter, "libyaml ran out of memory while writing YAML")
        case YAML_WRITER_ERROR:
            return YAMLError(.emitter, "libyaml could not write its output: \(problem)")
        default:
            return YAMLError(
                .emitter, "libyaml refused to write the tree: \(problem)",
                fix: "check the anchors, tags and aliases of the tree being written")
        }
    }
}

/// Calls `body` with a C string for `text`, or with nil when there is no text.
private func withOptionalCString<Result>(
    _ text: String?, _ body: (UnsafePointer<UInt8>?) -> Result
) -> Result {
    guard let text else { return body(nil) }
    return text.withCString { pointer in
        pointer.withMemoryRebound(to: UInt8.self, capacity: text.utf8.count + 1) { body($0) }
    }
}
