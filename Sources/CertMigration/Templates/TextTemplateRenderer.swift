import YAMLKit

/// Renders a Markdown (`.md`) or plain-text (`.txt`) template line by line.
///
/// Syntax (documented in `templates/README.md`):
/// - `${name}` is replaced by the value's text (`.string` as is, `.integer` in decimal, `.bool` as `true`/`false`);
///   lists, mappings, nodes and `.omitted` are refused. `$${` writes a literal `${`. One pass: a value's text is never
///   scanned again.
/// - A line that is exactly `${#name}` opens an optional section and `${/name}` closes it; the lines between are kept
///   when the render says the section is present, dropped otherwise, and the marker lines themselves always go.
///   Sections nest; each must be closed in the same template, by name.
/// - Every placeholder and section must be supplied by the render, also inside a dropped section, so a misspelt name
///   fails whatever the sections say.
/// - In a `.txt` template (the values overlay's header comment) each line break in a value starts a new line with the
///   template line's text before its first placeholder: `# ${reason}` with `a\nb` gives `# a` and `# b` (a blank
///   value line gives the prefix without trailing spaces), so a value cannot start a line that is not a comment.
///   In `.md` templates values are written as they are.
/// Line ends (LF or CRLF) are kept as written.
struct TextTemplateRenderer {
    /// The template.
    let file: TemplateFile
    /// The template split into lines and scanned (``TemplateSet`` keeps it between renders).
    let compiled: CompiledTextTemplate
    /// True when a value's line breaks repeat the line's prefix (`.txt`).
    let repeatsLinePrefix: Bool
    /// The values, the sections and the record of what was used.
    let resolver: PlaceholderResolver

    /// Creates a renderer of a template, split and scanned here unless `compiled` is given.
    init(
        file: TemplateFile, compiled: CompiledTextTemplate? = nil, repeatsLinePrefix: Bool,
        resolver: PlaceholderResolver
    ) {
        self.file = file
        self.compiled = compiled ?? CompiledTextTemplate(file.bytes)
        self.repeatsLinePrefix = repeatsLinePrefix
        self.resolver = resolver
    }

    /// The rendered bytes.
    ///
    /// A well-formed template whose every placeholder and section the render supplies (each value with text) is
    /// rendered from its names looked up once each and written into one buffer; any other render goes through
    /// ``renderLookingUpEachUse()``, which fails exactly where the template first goes wrong.
    func render() throws(TemplateError) -> [UInt8] {
        try checkEncoding()
        guard !resolver.collecting, compiled.isWellFormed, let texts = resolvedTexts(),
            let present = resolvedSections()
        else { return try renderLookingUpEachUse() }
        return render(texts: texts, present: present)
    }

    /// Refuses a template that is not UTF-8.
    private func checkEncoding() throws(TemplateError) {
        guard compiled.isUTF8 else {
            throw TemplateError(
                .invalidEncoding, "a Markdown or text template must be UTF-8",
                location: SourceLocation(file: file.displayPath))
        }
    }

    /// The text of every placeholder the template uses, by slot; nil when one is not supplied or has no text.
    private func resolvedTexts() -> [String]? {
        var texts: [String] = []
        texts.reserveCapacity(compiled.valueNames.count)
        for name in compiled.valueNames {
            guard let text = resolver.value(name)?.text else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// Whether each section the template opens is present, by slot; nil when one is not supplied.
    private func resolvedSections() -> [Bool]? {
        var present: [Bool] = []
        present.reserveCapacity(compiled.sectionNames.count)
        for name in compiled.sectionNames {
            guard let isPresent = resolver.section(name) else { return nil }
            present.append(isPresent)
        }
        return present
    }

    /// The template rendered with resolved values and sections (the template is well-formed).
    private func render(texts: [String], present: [Bool]) -> [UInt8] {
        // A value's line breaks matter only where they repeat the line's prefix.
        let breaks = repeatsLinePrefix ? texts.map(Self.lineBreaks(in:)) : []
        // Room for the template and its values once each, and an eighth more for repeated prefixes: twice the
        // template alone was too little for the overlay header (a short template and a long reason), which then
        // grew on every render.
        var valueBytes = 0
        for text in texts { valueBytes += text.utf8.count }
        var output = ByteWriter(
            capacity: max(file.bytes.count * 2, file.bytes.count + valueBytes + valueBytes / 8 + 64))
        compiled.steps.withUnsafeBufferPointer { steps in
            compiled.pool.withUnsafeBufferPointer { pool in
                var index = 0
                while index < steps.count {
                    switch steps[index] {
                    case .bytes(let start, let end):
                        output.append(pool.baseAddress! + start, count: end - start)
                    case .value(let slot, let line):
                        switch repeatsLinePrefix ? breaks[slot] : .none {
                        case .none:
                            output.append(texts[slot])
                        case .lineFeedsOnly:
                            Self.appendLines(ofLineFeedText: texts[slot], on: compiled.valueLines[line], into: &output)
                        case .other:
                            Self.appendLines(ofText: texts[slot], on: compiled.valueLines[line], into: &output)
                        }
                    case .open(let slot, let close):
                        if !present[slot] { index = close }  // the lines up to its closing marker are dropped
                    case .close:
                        break
                    }
                    index += 1
                }
            }
        }
        return output.bytes
    }

    /// The rendered bytes, each placeholder and section looked up where the template uses it: the render that
    /// fails at the first problem in the template's order, and the one that records names when collecting.
    func renderLookingUpEachUse() throws(TemplateError) -> [UInt8] {
        try checkEncoding()
        var output = ByteWriter(capacity: file.bytes.count * 2)
        var openSections: [(name: String, present: Bool, offset: Int)] = []
        for line in compiled.lines {
            let included = openSections.allSatisfy(\.present)
            switch line {
            case .marker(let name, let opens, let lineStart):
                if opens {
                    guard let present = resolver.section(name) else {
                        throw TemplateError(
                            .unknownPlaceholder,
                            "unknown section ${#\(name)}: this render names \(resolver.suppliedSectionNames)",
                            file: file.displayPath, source: SourceText(file.bytes), offset: lineStart,
                            fix: "use a section the render names")
                    }
                    openSections.append((name, present, lineStart))
                } else {
                    guard let open = openSections.last, open.name == name else {
                        let expected = openSections.last.map { "${/\($0.name)}" } ?? "no closing marker"
                        throw TemplateError(
                            .unbalancedSection, "${/\(name)} closes no open section (expected \(expected))",
                            file: file.displayPath, source: SourceText(file.bytes), offset: lineStart)
                    }
                    openSections.removeLast()
                }
            case .literal(let bytes):
                if included { output.append(bytes) }
            case .malformed(let offset):
                throw TemplateError(
                    .malformedPlaceholder,
                    "`${` must start a placeholder `${name}`, or a section marker `${#name}` / `${/name}` alone on its "
                        + "line", file: file.displayPath, source: SourceText(file.bytes), offset: offset,
                    fix: "write `$${` for a literal `${`")
            case .placeholders(let segments, let ending, let lineBreak, let lineStart):
                if included {
                    try renderLine(segments, lineBreak: lineBreak, lineStart: lineStart, into: &output)
                    output.append(ending)
                } else {
                    // A dropped line's placeholders must still be supplied.
                    var dropped = ByteWriter(capacity: 0)
                    try renderLine(segments, lineBreak: lineBreak, lineStart: lineStart, into: &dropped)
                }
            }
        }
        if let open = openSections.last {
            throw TemplateError(
                .unbalancedSection, "section ${#\(open.name)} is never closed", file: file.displayPath,
                source: SourceText(file.bytes), offset: open.offset, fix: "add a line `${/\(open.name)}`")
        }
        return output.bytes
    }

    /// One line's pieces with their placeholders replaced, added to `output`.
    private func renderLine(
        _ segments: [PlaceholderText.Segment], lineBreak: [UInt8], lineStart: Int, into output: inout ByteWriter
    ) throws(TemplateError) {
        for segment in segments {
            switch segment {
            case .text(let literal):
                output.append(literal)
            case .placeholder(let name, let offset):
                guard let value = resolver.value(name) else {
                    throw TemplateError(
                        .unknownPlaceholder,
                        "unknown placeholder ${\(name)}: this render supplies \(resolver.suppliedValueNames)",
                        file: file.displayPath, source: SourceText(file.bytes), offset: lineStart + offset,
                        fix: "use a supplied name, or write `$${` for a literal `${`")
                }
                guard let text = value.text else {
                    throw TemplateError(
                        .wrongValueKind, "${\(name)} takes text, not \(value.kindName)", file: file.displayPath,
                        source: SourceText(file.bytes), offset: lineStart + offset)
                }
                let breaks = repeatsLinePrefix ? Self.lineBreaks(in: text) : .none
                if breaks == .none {
                    output.append(text)
                    continue
                }
                let prefix = segments.first.flatMap { if case .text(let t) = $0 { t } else { nil } } ?? ""
                let line = CompiledTextTemplate.ValueLine(
                    prefix: prefix, prefixForEmptyLine: Self.withoutTrailingWhitespace(prefix), lineBreak: lineBreak)
                if breaks == .lineFeedsOnly {
                    Self.appendLines(ofLineFeedText: text, on: line, into: &output)
                } else {
                    Self.appendLines(ofText: text, on: line, into: &output)
                }
            }
        }
    }

    /// Appends a text whose only line breaks are `\n`, each line after the first starting on a new line with the
    /// line's prefix (an empty line with the prefix without its trailing blanks), walking the bytes once instead of
    /// splitting the text into substrings.
    static func appendLines(
        ofLineFeedText text: String, on line: CompiledTextTemplate.ValueLine, into output: inout ByteWriter
    ) {
        text.withUTF8Bytes { bytes in
            var lineStart = 0
            while lineStart <= bytes.count {
                let index = bytes.offsetOfLineFeed(from: lineStart)
                let valueLine = UnsafeBufferPointer(rebasing: bytes[lineStart..<index])
                if lineStart == 0 {
                    output.append(valueLine)
                } else {
                    appendFollowingLine(valueLine, on: line, into: &output)
                }
                lineStart = index + 1
            }
        }
    }

    /// Appends a text with line breaks other than `\n` (split by characters), each line after the first starting
    /// on a new line with the prefix (an empty line with the prefix without its trailing blanks).
    static func appendLines(
        ofText text: String, on line: CompiledTextTemplate.ValueLine, into output: inout ByteWriter
    ) {
        let valueLines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if let first = valueLines.first { output.append(first) }
        for var valueLine in valueLines.dropFirst() {
            valueLine.withUTF8 { appendFollowingLine($0, on: line, into: &output) }
        }
    }

    /// A value's line after its first: the line's break, then the prefix and the line (an empty line gets the
    /// prefix without its trailing blanks).
    @inline(__always)
    static func appendFollowingLine(
        _ valueLine: UnsafeBufferPointer<UInt8>, on line: CompiledTextTemplate.ValueLine, into output: inout ByteWriter
    ) {
        output.append(line.lineBreak)
        if valueLine.isEmpty {
            output.append(line.prefixForEmptyLine)
        } else {
            output.append(line.prefix)
            output.append(valueLine)
        }
    }

    /// The prefix without its trailing whitespace characters (for an empty value line). In an ASCII prefix every
    /// character is one byte (or `\r\n`, whitespace as its two bytes are), so blanks are dropped as bytes; any other
    /// prefix is read by characters.
    static func withoutTrailingWhitespace(_ prefix: String) -> Substring {
        let utf8 = prefix.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            let kept = prefix.lastIndex { !$0.isWhitespace }.map { prefix.index(after: $0) } ?? prefix.startIndex
            return prefix[..<kept]
        }
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let byte = utf8[utf8.index(before: end)]
            guard byte == 0x20 || (0x09...0x0D).contains(byte) else { break }
            end = utf8.index(before: end)
        }
        return prefix[..<end]
    }

    /// Which line breaks a value holds, read from its bytes.
    enum LineBreaks {
        /// None: no character of the text is a newline.
        case none
        /// Only `\n`, which is always a character of its own, so splitting the bytes at it splits the characters.
        case lineFeedsOnly
        /// Others too (`\r`, `\r\n`, vertical tab, form feed, NEL, U+2028, U+2029): split by characters.
        case other
    }

    /// The line breaks of a text, found in its UTF-8 bytes instead of by walking its characters (a value can be a
    /// whole diff, and every character of it was asked `isNewline`).
    static func lineBreaks(in text: String) -> LineBreaks {
        text.withUTF8Bytes { bytes in
            var found = LineBreaks.none
            var index = 0
            while index < bytes.count {
                defer { index += 1 }
                // Eight bytes at a time past ASCII without control characters: no line break ends there.
                while index + 8 <= bytes.count, !Self.anyBelow0x0EOrNotASCII(Self.word(in: bytes, at: index)) {
                    index += 8
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if byte > 0x0D, byte < 0x85 { continue }  // most bytes: no line break can end here
                switch byte {
                case 0x0A: found = .lineFeedsOnly
                case 0x0B, 0x0C, 0x0D: return .other
                case 0x85 where index >= 1 && bytes[index - 1] == 0xC2: return .other  // NEL
                case 0xA8, 0xA9:  // U+2028, U+2029
                    if index >= 2, bytes[index - 1] == 0x80, bytes[index - 2] == 0xE2 { return .other }
                default: break
                }
            }
            return found
        }
    }

    /// The eight bytes of `bytes` from `index` as one word.
    @inline(__always)
    static func word(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
    }

    /// Whether any of the eight bytes of `word` is below 0x0E or from 0x80 up.
    @inline(__always)
    static func anyBelow0x0EOrNotASCII(_ word: UInt64) -> Bool {
        ((word &- 0x0E0E_0E0E_0E0E_0E0E) | word) & 0x8080_8080_8080_8080 != 0
    }

    /// The section a marker line opens or closes, or nil for any other line.
    static func sectionMarker(_ content: [UInt8]) -> (name: String, opens: Bool)? {
        guard content.count >= 5, content[0] == UInt8(ascii: "$"), content[1] == UInt8(ascii: "{"),
            content[2] == UInt8(ascii: "#") || content[2] == UInt8(ascii: "/"),
            content[content.count - 1] == UInt8(ascii: "}"),
            let name = PlaceholderText.name(in: content, from: 3), name.utf8.count == content.count - 4
        else { return nil }
        return (name, content[2] == UInt8(ascii: "#"))
    }
}
