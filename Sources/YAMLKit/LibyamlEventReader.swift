internal import CYAML

/// What reads libyaml's events one at a time: the tree builder, and the one-pass values decoder.
protocol LibyamlEventHandler {
    /// Takes one event (never the stream's start or end); returns false to stop reading.
    mutating func handle(_ event: yaml_event_t, from reader: inout LibyamlEventReader) throws(YAMLError) -> Bool
}

/// Runs libyaml's parser over one input and hands each event to a handler, with the one translation of libyaml's
/// marks (character indexes) into byte offsets, lines and columns, and of its errors into located ``YAMLError``s.
///
/// The input must have passed ``YAMLParser``'s size and encoding checks.
struct LibyamlEventReader {
    let source: SourceText
    let fileName: String
    private var converter: CharacterIndexConverter

    init(source: SourceText, fileName: String) {
        self.source = source
        self.fileName = fileName
        self.converter = CharacterIndexConverter(source)
    }

    /// Reads events until the stream ends or the handler returns false.
    mutating func read<Handler: LibyamlEventHandler>(into handler: inout Handler) throws(YAMLError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.reader, "libyaml could not start a parser (out of memory)", fileName: fileName)
        }
        defer { yaml_parser_delete(&parser) }
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
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT: return
                case YAML_STREAM_START_EVENT: continue
                default: guard try handler.handle(event, from: &self) else { return }
                }
            }
        }
    }

    /// A C string of libyaml's (a tag, an anchor), or nil.
    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// A scalar event's text.
    func text(ofScalar event: yaml_event_t) -> String {
        let scalar = event.data.scalar
        return String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
    }

    /// A scalar event's style.
    func style(ofScalar event: yaml_event_t) -> YAMLNodeStyle {
        switch event.data.scalar.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// A scalar event's span: a block scalar (`|`, `>`) ends with its last line of text, not at the next token,
    /// past trailing blank lines, where libyaml ends it.
    mutating func span(ofScalar event: yaml_event_t, style: YAMLNodeStyle) -> SourceSpan {
        var span = SourceSpan(start: position(event.start_mark), end: position(event.end_mark))
        if style == .literal || style == .folded { span.end = endOfLastContentLine(before: span.end) }
        return span
    }

    /// The position of a libyaml mark.
    mutating func position(_ mark: yaml_mark_t) -> SourcePosition {
        let offset = converter.offset(ofCharacterIndex: Int(mark.index))
        // At the very end of an input without a final line break libyaml may count a line that is not there.
        if offset >= source.bytes.count { return source.position(ofOffset: offset) }
        return SourcePosition(offset: offset, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Where a block scalar's text really ends: libyaml ends it at the next token, past trailing blank lines.
    private func endOfLastContentLine(before end: SourcePosition) -> SourcePosition {
        var offset = end.offset
        let bytes = source.bytes
        while offset > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset - 1]) { offset -= 1 }
        return offset == end.offset ? end : source.position(ofOffset: offset)
    }

    /// Turns libyaml's error state into a located, actionable error.
    private mutating func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
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
