internal import CYAML

/// Reads YAML bytes into documents of ``YAMLNode`` trees with exact source spans, through libyaml's event API.
///
/// The parser keeps everything a careful editor needs: every node's tag, anchor, style and span (UTF-8 byte range
/// plus 1-based line and column at both ends). Aliases stay aliases; resolving them, and merge keys, is the job of
/// ``HelmValueReader``. Input must be UTF-8 (a byte order mark is allowed); anything else is refused with the line
/// and column of the first bad byte.
public struct YAMLParser: Sendable {
    /// The bounds applied while parsing.
    public var limits: YAMLLimits

    /// Creates a parser with the given limits.
    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Parses a string.
    public func parse(_ text: String, fileName: String = "<input>") throws(YAMLError) -> YAMLStream {
        try parse(bytes: Array(text.utf8), fileName: fileName)
    }

    /// The line and column of a byte offset, counted without indexing the whole input (which may be far over the
    /// limit): lines up to the offset, columns in characters (UTF-8 lead bytes).
    static func position(ofOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourcePosition(offset: offset, line: line, column: column)
    }

    /// Parses bytes read from `fileName` (used only in errors).
    public func parse(bytes: [UInt8], fileName: String) throws(YAMLError) -> YAMLStream {
        let maxInputBytes = min(limits.maxInputBytes, YAMLLimits.largestInputBytes)
        if bytes.count > maxInputBytes {
            let crossed = Self.position(ofOffset: maxInputBytes, in: bytes)
            throw YAMLError(
                .limitExceeded,
                "the input is \(bytes.count) bytes, more than the limit of \(maxInputBytes) bytes, which "
                    + "it crosses here",
                fix: "a Helm values file is rarely over a megabyte; check that this is the file you meant, "
                    + "or raise the input size limit",
                fileName: fileName, position: crossed)
        }
        let source = SourceText(bytes)
        try Self.checkEncoding(source, fileName: fileName)
        var builder = TreeBuilder(source: source, fileName: fileName, limits: limits)
        try builder.run()
        return YAMLStream(fileName: fileName, documents: builder.documents, source: source)
    }

    /// Refuses UTF-16 and UTF-32, NUL bytes and invalid UTF-8, naming the first bad byte's line and column.
    static func checkEncoding(_ source: SourceText, fileName: String) throws(YAMLError) {
        let bytes = source.bytes
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw YAMLError(
                .encoding, "the file is UTF-16 or UTF-32 (it starts with a byte order mark for it); expected UTF-8",
                fix: "convert it to UTF-8, for example with `iconv -f UTF-16 -t UTF-8`", fileName: fileName,
                position: .start)
        }
        if let nul = source.firstNULOffset {
            throw YAMLError(
                .encoding, "found a NUL byte; a YAML file is text and cannot contain one",
                fix: "check that this is a text file in UTF-8 (a UTF-16 file without a byte order mark looks like "
                    + "this); convert it with `iconv -t UTF-8` or remove the NUL bytes",
                fileName: fileName, source: source, offset: nul)
        }
        if let bad = source.firstInvalidUTF8Offset() {
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            throw YAMLError(
                .encoding, "found byte 0x\(hex), which is not valid UTF-8",
                fix: "save the file as UTF-8 (for example `iconv -f LATIN1 -t UTF-8`)",
                fileName: fileName, source: source, offset: bad)
        }
    }
}

/// Builds node trees from libyaml's events, one document at a time, with an explicit stack (no recursion).
private struct TreeBuilder {
    let source: SourceText
    let fileName: String
    let limits: YAMLLimits
    var converter: CharacterIndexConverter
    var documents: [YAMLDocument] = []

    /// An open collection or document waiting for its children. The children themselves wait in `children`, from
    /// `firstChild` on (a mapping's key in a pair of its own, which its value then completes).
    struct Frame {
        enum Kind {
            case document(explicit: Bool)
            case sequence
            case mapping
        }
        var kind: Kind
        /// The collection's tag, anchor and style; for a document, unused.
        var decorations: YAMLNodeDecorations? = nil
        var style: YAMLNodeStyle
        var start: SourcePosition
        /// Where this frame's children begin in `children`: among the items for a sequence or a document (whose
        /// only item is its root), among the pairs for a mapping.
        var firstChild: Int
        /// True when a mapping's last pair in `children` has its key and waits for its value. Kept up to date for
        /// the frames below the innermost only: the innermost's is `innermostKeyWaiting`.
        var keyWaiting = false
    }
    /// The open frames, innermost last; freed by `run()`.
    var stack = OpenFrames()
    /// Where the next finished node goes: what the innermost open frame collects, and for a mapping whether its
    /// last pair waits for a value. Kept here rather than read from and written to `stack` for every node (an
    /// access to the array and a uniqueness check each).
    enum Collecting {
        case nothing
        case items
        case pairs
    }
    var innermost = Collecting.nothing
    var innermostKeyWaiting = false
    /// The finished children of all open frames; freed by `run()`.
    var children = OpenChildren()
    /// Anchors defined so far in the current document, to refuse an alias to an unknown one.
    var anchors: Set<String> = []

    init(source: SourceText, fileName: String, limits: YAMLLimits) {
        self.source = source
        self.fileName = fileName
        self.limits = limits
        self.converter = CharacterIndexConverter(source)
    }

    mutating func run() throws(YAMLError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.reader, "libyaml could not start a parser (out of memory)", fileName: fileName)
        }
        defer { yaml_parser_delete(&parser) }
        defer {
            children.deallocate(keyOnlySlots: keyOnlySlots())
            stack.deallocate()
        }
        let bytes = source.bytes
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // The encoding is left to libyaml's detection (the input is known to be UTF-8 by now): set explicitly,
            // libyaml would read a byte order mark as a character of line 1 and shift that line's indentation.
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw libyamlError(parser)
                }
                defer { Self.release(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try handle(&event)
            }
        }
    }

    /// Frees the memory an event holds, once the event has been handled.
    ///
    /// A scalar without anchor or tag (nearly all events) holds only its text, which is freed directly: libyaml
    /// allocates with `malloc` (its `yaml_malloc`), and `yaml_event_delete` would free it the same way after
    /// looking at the two missing strings and clearing the whole event. An event that holds nothing (ends, and
    /// collections without anchor or tag) is left as it is: `yaml_parser_parse` clears the event before it fills
    /// it in. Together about 60 instructions an event.
    @inline(__always)
    static func release(_ event: inout yaml_event_t) {
        if event.type == YAML_SCALAR_EVENT, event.data.scalar.anchor == nil, event.data.scalar.tag == nil {
            free(event.data.scalar.value)
            event.data.scalar.value = nil
        } else if holdsMemory(event) {
            yaml_event_delete(&event)
        }
    }

    /// True when an event holds memory that `yaml_event_delete` must free.
    static func holdsMemory(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
            true
        case YAML_SEQUENCE_START_EVENT:
            event.data.sequence_start.anchor != nil || event.data.sequence_start.tag != nil
        case YAML_MAPPING_START_EVENT:
            event.data.mapping_start.anchor != nil || event.data.mapping_start.tag != nil
        case YAML_DOCUMENT_START_EVENT:
            event.data.document_start.version_directive != nil
                || event.data.document_start.tag_directives.start != nil
        default:
            false
        }
    }

    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    @inline(__always)
    mutating func position(_ mark: yaml_mark_t) -> SourcePosition {
        let offset = converter.offset(ofCharacterIndex: Int(mark.index))
        if offset >= source.bytes.count { return positionAtEnd(mark) }
        return SourcePosition(
            insideInputOffset: offset, line: Int(truncatingIfNeeded: mark.line) &+ 1,
            column: Int(truncatingIfNeeded: mark.column) &+ 1)
    }

    /// The end of the input, where libyaml may count a line that is not there: at the end of an input without a
    /// final line break it starts a new line (column 0, one line more) before it ends the stream.
    ///
    /// In an ASCII input libyaml's line breaks are exactly the source's (LF, CR LF, a lone CR), so its line is
    /// kept, less the line it added, and the column is counted back to the last line break: nothing else of the
    /// input is read (the source's line starts, which every input ended here, cost a pass over all of it). Any
    /// other input is converted through the source's line starts.
    mutating func positionAtEnd(_ mark: yaml_mark_t) -> SourcePosition {
        let bytes = source.bytes
        let end = bytes.count
        guard source.isASCII else { return source.position(ofOffset: end) }
        var lastLineStart = end
        while lastLineStart > 0, bytes[lastLineStart - 1] != 0x0A, bytes[lastLineStart - 1] != 0x0D {
            lastLineStart -= 1
        }
        let addedLine = mark.column == 0 && lastLineStart < end
        return SourcePosition(
            nonNegativeOffset: end, line: Int(mark.line) + (addedLine ? 0 : 1), column: end - lastLineStart + 1)
    }

    /// Adds what one event says to the tree. The event is taken `inout` only to be passed by its address: taken by
    /// value, the 104 bytes of every event were copied for the call (the parser holds its address for libyaml).
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            if documents.count >= limits.maxDocuments {
                let start = position(event.start_mark)
                throw YAMLError(
                    .limitExceeded, "the input holds more than \(limits.maxDocuments) documents",
                    fix: "split the file, or raise the document limit", fileName: fileName, source: source,
                    offset: start.offset)
            }
            anchors = []
            push(
                Frame(
                    kind: .document(explicit: event.data.document_start.implicit == 0), style: .block,
                    start: position(event.start_mark), firstChild: children.itemCount))
        case YAML_DOCUMENT_END_EVENT:
            guard let frame = pop(), case .document(let explicit) = frame.kind else { return }
            let start = frame.start
            let end = position(event.end_mark)
            let rootNode =
                children.takeFirstItem(from: frame.firstChild)
                ?? YAMLNode(.scalar(""), span: SourceSpan(start: start, end: start))
            documents.append(
                YAMLDocument(
                    root: rootNode, span: SourceSpan(start: start, end: max(end, rootNode.span.end)),
                    hasExplicitStart: explicit))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.text(scalar.value, count: Int(scalar.length))
            let style: YAMLNodeStyle =
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            var span = SourceSpan(start: position(event.start_mark), end: position(event.end_mark))
            if style == .literal || style == .folded { span.end = endOfLastContentLine(before: span.end) }
            let anchor = string(scalar.anchor)
            try define(anchor)
            let tag = string(scalar.tag)
            add(
                YAMLNode(
                    content: .scalar(text), style: style,
                    decorations: YAMLNodeDecorations.make(tag: tag, anchor: anchor), span: span))
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            let span = SourceSpan(start: position(event.start_mark), end: position(event.end_mark))
            guard anchors.contains(name) else {
                throw YAMLError(
                    .composer, "the alias *\(name) refers to no anchor defined before it in this document",
                    fix: "define `&\(name)` on a node above this line, or correct the alias name",
                    fileName: fileName, source: source, offset: span.start.offset)
            }
            add(YAMLNode(content: .alias(name), style: .alias, decorations: nil, span: span))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let start = position(event.start_mark)
            if stack.count > limits.maxDepth {  // the document frame is not a level
                throw YAMLError(
                    .limitExceeded, "the nesting is deeper than \(limits.maxDepth) levels",
                    fix: "a Helm values file is rarely over 20 levels deep; check for a runaway structure",
                    fileName: fileName, source: source, offset: start.offset)
            }
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let (tag, anchor, flow) =
                isSequence
                ? (
                    string(event.data.sequence_start.tag), string(event.data.sequence_start.anchor),
                    event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                )
                : (
                    string(event.data.mapping_start.tag), string(event.data.mapping_start.anchor),
                    event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                )
            try define(anchor)
            push(
                Frame(
                    kind: isSequence ? .sequence : .mapping,
                    decorations: YAMLNodeDecorations.make(tag: tag, anchor: anchor), style: flow ? .flow : .block,
                    start: start, firstChild: isSequence ? children.itemCount : children.pairCount))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = pop() else { return }
            let content: YAMLNode.Content
            var end: SourcePosition
            switch frame.kind {
            case .sequence:
                end = children.lastItemEnd(after: frame.firstChild) ?? frame.start
                content = .sequence(children.takeItems(from: frame.firstChild))
            case .mapping:
                end = children.lastPairEnd(after: frame.firstChild) ?? frame.start
                content = .mapping(children.takePairs(from: frame.firstChild))
            case .document:
                return
            }
            // A flow collection ends after its bracket; a block one ends with its last child, not at the next
            // token (libyaml's block end mark sits past trailing comments and blank lines).
            if frame.style == .flow { end = position(event.end_mark) }
            add(
                YAMLNode(
                    content: content, style: frame.style,
                    decorations: frame.decorations,
                    span: SourceSpan(start: frame.start, end: end)))
        default:
            break  // stream start; nothing to keep
        }
    }

    /// A scalar's text, copied once from libyaml's buffer into the string's own storage.
    ///
    /// `String(unsafeUninitializedCapacity:initializingUTF8With:)` keeps text of up to 15 ASCII bytes (most keys and
    /// values) as a small string after one check of its bytes, where `String(decoding:as:)` validated the bytes in a
    /// pass of their own and then copied them byte by byte. Both replace bytes that are not UTF-8, which the checked
    /// input never gives (libyaml writes escapes as UTF-8 and refuses surrogates).
    @inline(__always)
    static func text(_ start: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        guard count > 0, let bytes = UnsafeRawPointer(start) else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: bytes, byteCount: count)
            return count
        }
    }

    /// Where a block scalar's text really ends: libyaml ends it at the next token, past trailing blank lines.
    func endOfLastContentLine(before end: SourcePosition) -> SourcePosition {
        var offset = end.offset
        let bytes = source.bytes
        while offset > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset - 1]) { offset -= 1 }
        return offset == end.offset ? end : source.position(ofOffset: offset)
    }

    mutating func define(_ anchor: String?) throws(YAMLError) {
        if let anchor { anchors.insert(anchor) }
    }

    /// Hands a finished node to the innermost open frame.
    @inline(__always)
    mutating func add(_ node: consuming YAMLNode) {
        switch innermost {
        case .nothing:
            return
        case .items:
            children.appendItem(node)
        case .pairs:
            // The key goes straight into a new pair and the value into that pair, each moved once: holding
            // the key back and building the pair from both copied each node again.
            if innermostKeyWaiting {
                children.setLastValue(node)
            } else {
                children.appendKey(node)
            }
            innermostKeyWaiting.toggle()
        }
    }

    /// Opens a frame inside the innermost one.
    @inline(__always)
    mutating func push(_ frame: Frame) {
        if case .pairs = innermost { stack.innermost.pointee.keyWaiting = innermostKeyWaiting }
        stack.push(frame)
        innermost = Self.collecting(frame.kind)
        innermostKeyWaiting = false
    }

    /// Closes the innermost frame; the one around it, if any, becomes the innermost.
    @inline(__always)
    mutating func pop() -> Frame? {
        guard let frame = stack.pop() else { return nil }
        if stack.count > 0 {
            // Field by field: a copy of the whole frame would retain and release its decorations.
            innermost = Self.collecting(stack.innermost.pointee.kind)
            innermostKeyWaiting = stack.innermost.pointee.keyWaiting
        } else {
            innermost = .nothing
            innermostKeyWaiting = false
        }
        return frame
    }

    static func collecting(_ kind: Frame.Kind) -> Collecting {
        switch kind {
        case .document, .sequence: .items
        case .mapping: .pairs
        }
    }

    /// The pairs in `children` that hold a key but no value yet (only after an error): the last pair of each open
    /// mapping whose key waits for its value. An open mapping's pairs run up to where the next mapping's begin.
    func keyOnlySlots() -> [Int] {
        var slots: [Int] = []
        var end = children.pairCount
        for depth in 0..<stack.count {
            let frame = stack.innermost - depth
            guard case .mapping = frame.pointee.kind else { continue }
            if depth == 0 ? innermostKeyWaiting : frame.pointee.keyWaiting { slots.append(end - 1) }
            end = frame.pointee.firstChild
        }
        return slots
    }

    /// Turns libyaml's error state into a located, actionable error.
    mutating func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
        let problem =
            string(
                UnsafeMutablePointer(mutating: parser.problem).map { UnsafeMutableRawPointer($0) }?
                    .assumingMemoryBound(to: yaml_char_t.self)) ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            let offset = Int(parser.problem_offset)
            return YAMLError(
                .reader, "\(problem) (byte 0x\(String(parser.problem_value, radix: 16, uppercase: true)))",
                fix: "remove the control character; YAML text may hold tabs and line breaks but no other controls",
                fileName: fileName, source: source, offset: min(offset, source.bytes.count))
        case YAML_MEMORY_ERROR:
            return YAMLError(.reader, "libyaml ran out of memory", fileName: fileName)
        default:
            let kind: YAMLError.Kind = parser.error == YAML_SCANNER_ERROR ? .scanner : .parser
            let at = position(parser.problem_mark)
            var message = problem
            var contextAt: SourcePosition?
            if let contextPointer = parser.context {
                let context = String(cString: contextPointer)
                let mark = position(parser.context_mark)
                contextAt = mark
                message =
                    mark == at
                    ? "\(context): \(problem)"
                    : "\(context) at line \(mark.line), column "
                        + "\(mark.column): \(problem)"
            }
            let fix = LibyamlProblemAdvice.fix(
                problem: problem, context: parser.context.map { String(cString: $0) },
                character: at.offset < source.bytes.count ? source.bytes[at.offset] : nil, contextAt: contextAt)
            return YAMLError(
                kind, message, fix: fix, fileName: fileName, position: at,
                sourceLine: SecretLineRedactor.redactedLine(at.line, of: source))
        }
    }
}

/// The open frames of a tree builder in a buffer used as a stack, innermost last. (An array's `append` and
/// `popLast` cost about 100 instructions a frame between them, for a uniqueness check, a capacity check and a
/// generic removal each.)
private struct OpenFrames {
    private var frames: UnsafeMutablePointer<TreeBuilder.Frame>
    private var capacity = 16
    /// The number of open frames.
    private(set) var count = 0

    init() {
        frames = .allocate(capacity: capacity)
    }

    /// Destroys the frames still open (some remain only after an error) and frees the buffer.
    mutating func deallocate() {
        frames.deinitialize(count: count)
        frames.deallocate()
        count = 0
    }

    /// The innermost frame, where it is stored; only while `count > 0`.
    var innermost: UnsafeMutablePointer<TreeBuilder.Frame> { frames + (count - 1) }

    /// Opens a frame inside the innermost one.
    mutating func push(_ frame: consuming TreeBuilder.Frame) {
        if count == capacity {
            capacity *= 2
            let larger = UnsafeMutablePointer<TreeBuilder.Frame>.allocate(capacity: capacity)
            larger.moveInitialize(from: frames, count: count)
            frames.deallocate()
            frames = larger
        }
        (frames + count).initialize(to: frame)
        count += 1
    }

    /// Removes the innermost frame, or returns nil when none is open.
    mutating func pop() -> TreeBuilder.Frame? {
        guard count > 0 else { return nil }
        count -= 1
        return (frames + count).move()
    }
}

/// The finished children of every open collection, in two buffers used as stacks: a collection's children follow
/// those of the collections around it and leave when it closes, moved into an array allocated once at their exact
/// count. (An array per open collection grew by doubling, reallocating and moving its elements at each step: about
/// 193,000 reallocations of pair arrays alone over a 1,000-cluster fleet.)
private struct OpenChildren {
    private var items: UnsafeMutablePointer<YAMLNode>
    /// Room for 16 items to begin with: the open sequences of a values file rarely hold 9 between them (none of the
    /// benchmark's fleets more), and 16 nodes fit in an allocation that malloc serves from its per-thread cache,
    /// where 64 took its slow path and made it gather its freed small blocks first (an allocation of a kilobyte or
    /// more does), once for every input parsed.
    private var itemCapacity = 16
    /// The number of items held, across all open sequences and documents.
    private(set) var itemCount = 0
    private var pairs: UnsafeMutablePointer<YAMLPair>
    private var pairCapacity = 64
    /// The number of pairs held, across all open mappings.
    private(set) var pairCount = 0

    init() {
        items = .allocate(capacity: itemCapacity)
        pairs = .allocate(capacity: pairCapacity)
    }

    /// Destroys the children still held (some remain only after an error) and frees both buffers. The pairs at
    /// `keyOnlySlots` hold only their key.
    mutating func deallocate(keyOnlySlots: [Int]) {
        items.deinitialize(count: itemCount)
        items.deallocate()
        for index in 0..<pairCount {
            if keyOnlySlots.contains(index) {
                keyAddress(index).deinitialize(count: 1)
            } else {
                (pairs + index).deinitialize(count: 1)
            }
        }
        pairs.deallocate()
        itemCount = 0
        pairCount = 0
    }

    /// Adds an item to the innermost open sequence or document.
    @inline(__always)
    mutating func appendItem(_ node: consuming YAMLNode) {
        if itemCount == itemCapacity { items = Self.grown(items, count: itemCount, capacity: &itemCapacity) }
        (items + itemCount).initialize(to: node)
        itemCount += 1
    }

    /// Starts a pair of the innermost open mapping with its key; `setLastValue` completes it.
    @inline(__always)
    mutating func appendKey(_ key: consuming YAMLNode) {
        if pairCount == pairCapacity { pairs = Self.grown(pairs, count: pairCount, capacity: &pairCapacity) }
        keyAddress(pairCount).initialize(to: key)
        pairCount += 1
    }

    /// Completes the last pair, which holds only its key, with its value.
    @inline(__always)
    mutating func setLastValue(_ value: consuming YAMLNode) {
        valueAddress(pairCount - 1).initialize(to: value)
    }

    /// The key of the pair at `index`, as memory of its own.
    private func keyAddress(_ index: Int) -> UnsafeMutablePointer<YAMLNode> {
        (UnsafeMutableRawPointer(pairs + index) + MemoryLayout<YAMLPair>.offset(of: \.key)!)
            .assumingMemoryBound(to: YAMLNode.self)
    }

    /// The value of the pair at `index`, as memory of its own.
    private func valueAddress(_ index: Int) -> UnsafeMutablePointer<YAMLNode> {
        (UnsafeMutableRawPointer(pairs + index) + MemoryLayout<YAMLPair>.offset(of: \.value)!)
            .assumingMemoryBound(to: YAMLNode.self)
    }

    /// Where the last item held from `start` on ends, or nil when there is none.
    func lastItemEnd(after start: Int) -> SourcePosition? {
        itemCount > start ? items[itemCount - 1].span.end : nil
    }

    /// Where the value of the last pair held from `start` on ends, or nil when there is none.
    func lastPairEnd(after start: Int) -> SourcePosition? {
        pairCount > start ? pairs[pairCount - 1].value.span.end : nil
    }

    /// Removes the items from `start` on and returns the first, moved out (a document's root, its only item): no
    /// array is made for it, as `takeItems(from:).first` made, copied out of and freed for every document.
    mutating func takeFirstItem(from start: Int) -> YAMLNode? {
        guard itemCount > start else { return nil }
        let first = (items + start).move()
        (items + start + 1).deinitialize(count: itemCount - start - 1)
        itemCount = start
        return first
    }

    /// Removes the items from `start` on, moving them into an array of exactly their number.
    mutating func takeItems(from start: Int) -> [YAMLNode] {
        Self.take(from: items, start: start, count: &itemCount)
    }

    /// Removes the pairs from `start` on, moving them into an array of exactly their number.
    mutating func takePairs(from start: Int) -> [YAMLPair] {
        Self.take(from: pairs, start: start, count: &pairCount)
    }

    /// Moves the elements of `buffer` from `start` to `count` into an array of exactly their number, leaving
    /// `count` at `start`.
    @inline(__always)
    private static func take<Element>(
        from buffer: UnsafeMutablePointer<Element>, start: Int, count: inout Int
    ) -> [Element] {
        let end = count
        guard end > start else { return [] }
        count = start
        // One call that allocates the array and moves every element in a loop of its own, where an append per
        // element checked the capacity and the uniqueness each time. (`Array(unsafeUninitializedCapacity:)` would
        // move them in one copy but allocates through an unspecialized call that looks up the array's type at run
        // time: about 660 instructions a collection, more than the appends it saves.)
        var taken: [Element] = []
        taken.append(contentsOf: MovedElements(buffer + start, count: end - start))
        return taken
    }

    /// A buffer of twice the capacity holding the same elements, which leave the old buffer (freed). Moving a
    /// node or pair is a plain copy of its bytes, so a pair that holds only its key so far moves as it is.
    private static func grown<Element>(
        _ buffer: UnsafeMutablePointer<Element>, count: Int, capacity: inout Int
    ) -> UnsafeMutablePointer<Element> {
        capacity *= 2
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        larger.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        return larger
    }
}

/// Elements moved out of memory one by one as they are read: each may be read once, and the ones not read stay.
private struct MovedElements<Element>: Sequence, IteratorProtocol {
    private var current: UnsafeMutablePointer<Element>
    private let end: UnsafeMutablePointer<Element>

    init(_ start: UnsafeMutablePointer<Element>, count: Int) {
        current = start
        end = start + count
    }

    var underestimatedCount: Int { end - current }

    mutating func next() -> Element? {
        guard current < end else { return nil }
        defer { current += 1 }
        return current.move()
    }
}
