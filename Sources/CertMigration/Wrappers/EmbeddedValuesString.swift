import YAMLKit

/// A values file written as a literal block string inside a wrapper (Argo CD `helm.values: |`), read and edited with
/// every position mapped to the outer file.
///
/// Argo CD hands `helm.values` to `helm template` as one more values file, read with Helm's rules; when
/// `helm.valuesObject` is also set, only `valuesObject` counts (argo-cd `pkg/apis/application/v1alpha1/types.go`,
/// `ApplicationSourceHelm.ValuesYAML`: "if ValuesObject == nil ... return Values").
///
/// Only literal block strings (`|`, `|-`, `|+`, with or without an indentation indicator) are read: each of their
/// lines is the outer line minus the block's indentation, so a position inside the string maps back to the file
/// exactly (line offset, indentation added to the column), and an edited string goes back line by line. A folded
/// (`>`) or one-line quoted or plain string is refused: its text is not its lines, so neither positions nor edits
/// could be mapped. The mapping is checked on construction: every content line must read back as the string's line.
struct EmbeddedValuesString {
    /// The outer file.
    let outer: SourceText
    /// The outer file's name.
    let fileName: String
    /// The string's text (what Argo CD hands to Helm).
    let text: String
    /// The string's lines without line breaks (a final line break does not start another line).
    let lines: [String]
    /// The 0-based outer line index of `lines[0]`.
    let firstLineIndex: Int
    /// The block's indentation in spaces.
    let indent: Int
    /// The string parsed as its own input.
    let inner: YAMLStream

    /// Reads a block string node of an outer stream; `keyColumn` is the 1-based column of its key (to indent an
    /// empty block's first line).
    init(node: YAMLNode, keyColumn: Int, in stream: YAMLStream, limits: YAMLLimits) throws(Diagnostic) {
        outer = stream.source
        fileName = stream.fileName
        guard let text = node.scalarText else {
            throw Self.refusal(
                "`helm.values` must be a string holding YAML, but it is a \(node.pairs != nil ? "mapping" : "sequence")",
                fix: "write the values under `helm.valuesObject` as YAML, or as a block string `values: |`",
                node: node, stream: stream)
        }
        // A number, boolean or null is not a values file at all, whatever its style.
        let resolved = HelmScalarResolver.resolve(text, style: node.style, tag: node.tag)
        guard case .string = resolved else {
            throw Self.refusal(
                "`helm.values` is \(resolved.kindPhrase); Argo CD expects the values there as a string of YAML",
                fix: "rewrite it as a literal block (`values: |` and the values on the lines below, indented), or "
                    + "move the values to `helm.valuesObject`",
                node: node, stream: stream)
        }
        guard node.style == .literal else {
            throw Self.refusal(
                "`helm.values` is a \(Self.describe(node.style)) string; only a literal block string (`values: |`) "
                    + "can be read with exact positions and edited in place",
                fix: "rewrite it as a literal block (`values: |` and the values on the lines below, indented), or "
                    + "move the values to `helm.valuesObject`",
                node: node, stream: stream)
        }
        self.text = text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        firstLineIndex = stream.source.lineIndex(ofOffset: node.span.start.offset) + 1
        var indent = keyColumn - 1 + 2
        if let first = lines.firstIndex(where: { !$0.isEmpty }), firstLineIndex + first < outer.lineStarts.count {
            let outerLine = outer.text(outer.lineRange(firstLineIndex + first))
            indent = outerLine.utf8.count - lines[first].utf8.count
        }
        self.indent = max(indent, 0)
        // Check the mapping: each content line is the indentation plus the string's line.
        for (index, line) in lines.enumerated() {
            let lineIndex = firstLineIndex + index
            let outerLine =
                lineIndex < outer.lineStarts.count ? outer.text(outer.lineRange(lineIndex)) : "\u{0}"
            let matches =
                line.isEmpty
                ? outerLine.utf8.count <= self.indent && outerLine.utf8.allSatisfy { $0 == 0x20 }
                : outerLine == String(repeating: " ", count: self.indent) + line
            guard matches else {
                throw Self.refusal(
                    "the lines of the `helm.values` block do not read back as its text (line \(lineIndex + 1)), so "
                        + "positions inside it cannot be mapped to this file",
                    fix: "indent every line of the block by the same number of spaces, without tabs",
                    node: node, stream: stream)
            }
        }
        let parsed: YAMLStream
        do {
            parsed = try YAMLParser(limits: limits).parse(text, fileName: stream.fileName)
        } catch {
            throw Diagnostic(
                Self.remap(
                    error, lines: lines, firstLineIndex: firstLineIndex, indent: self.indent,
                    outer: outer, fileName: fileName), id: "wrapper.values-string-invalid")
        }
        inner = parsed
    }

    /// The values Helm reads from the string, with every span pointing into the outer file.
    func read(limits: YAMLLimits) throws(Diagnostic) -> HelmValuesDocument {
        let document: HelmValuesDocument
        do {
            document = try HelmValueReader(limits: limits).read(inner)
        } catch {
            throw Diagnostic(remap(error), id: "wrapper.values-string-invalid")
        }
        return HelmValuesDocument(
            fileName: fileName, values: remap(document.values),
            duplicateKeys: document.duplicateKeys.map(remap), unorderedKeys: document.unorderedKeys.map(remap),
            unknownTags: document.unknownTags.map { UnknownTag(tag: $0.tag, span: remap($0.span)) })
    }

    /// The outer byte offset of an offset in the string's text.
    func outerOffset(ofInnerOffset offset: Int) -> Int {
        Self.outerOffset(
            ofInnerOffset: offset, innerLineStarts: inner.source.lineStarts, lines: lines,
            firstLineIndex: firstLineIndex, indent: indent, outer: outer)
    }

    /// The outer position of a position in the string's text.
    func outerPosition(_ position: SourcePosition) -> SourcePosition {
        outer.position(ofOffset: outerOffset(ofInnerOffset: position.offset))
    }

    /// A span of the string's text, as a span of the outer file.
    func remap(_ span: SourceSpan) -> SourceSpan {
        SourceSpan(start: outerPosition(span.start), end: outerPosition(span.end))
    }

    /// An error located in the string, located in the outer file instead.
    func remap(_ error: YAMLError) -> YAMLError {
        Self.remap(
            error, lines: lines, firstLineIndex: firstLineIndex, indent: indent, outer: outer, fileName: fileName)
    }

    /// A value read from the string, with its spans (and its children's) in the outer file.
    func remap(_ value: HelmValue) -> HelmValue {
        var copy = value
        copy.span = remap(value.span)
        copy.keySpan = value.keySpan.map(remap)
        switch value.origin {
        case .written: break
        case .alias(let span): copy.origin = .alias(remap(span))
        case .merge(let span): copy.origin = .merge(remap(span))
        }
        switch value.content {
        case .mapping(let entries): copy.content = .mapping(entries.mapValues(remap))
        case .sequence(let items): copy.content = .sequence(items.map(remap))
        default: break
        }
        return copy
    }

    /// A duplicate key found in the string, located in the outer file.
    func remap(_ duplicate: DuplicateKey) -> DuplicateKey {
        var remapped = duplicate
        remapped.first = remap(duplicate.first)
        remapped.duplicate = remap(duplicate.duplicate)
        return remapped
    }

    /// The outer file with the string's text replaced by `newText`: only the lines that differ are rewritten, each
    /// indented like the block; every other byte stays. Nil when the text is unchanged.
    func outerBytes(replacingTextWith newText: String) -> [UInt8]? {
        guard newText != text else { return nil }
        var newLines = newText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if newLines.last == "" { newLines.removeLast() }
        let (prefix, suffix) = lines.commonEnds(with: newLines)
        let bytes = outer.bytes
        func lineStart(_ lineIndex: Int) -> Int {
            lineIndex < outer.lineStarts.count ? outer.lineStarts[lineIndex] : bytes.count
        }
        let start = lineStart(firstLineIndex + prefix)
        let end = lineStart(firstLineIndex + lines.count - suffix)
        let lineBreak = Array(outer.lineBreak.utf8)
        let indentation = [UInt8](repeating: 0x20, count: indent)
        var replacement: [UInt8] = []
        for line in newLines[prefix..<(newLines.count - suffix)] {
            if !line.isEmpty { replacement += indentation + Array(line.utf8) }
            replacement += lineBreak
        }
        // At the end of a file without a final line break, the last written line has none either.
        let endsWithoutBreak = bytes.last.map { $0 != 0x0A && $0 != 0x0D } ?? false
        if end == bytes.count, endsWithoutBreak, !replacement.isEmpty {
            if start == bytes.count { replacement = lineBreak + replacement }
            replacement.removeLast(lineBreak.count)
        }
        var result = Array(bytes[..<start])
        result += replacement
        result += bytes[end...]
        return result
    }

    // MARK: - Helpers

    static func outerOffset(
        ofInnerOffset offset: Int, innerLineStarts: [Int], lines: [String], firstLineIndex: Int, indent: Int,
        outer: SourceText
    ) -> Int {
        var line = 0
        while line + 1 < innerLineStarts.count, innerLineStarts[line + 1] <= offset { line += 1 }
        guard line < lines.count else {
            // After the last line: the end of the last content line.
            guard !lines.isEmpty, firstLineIndex + lines.count - 1 < outer.lineStarts.count else {
                return firstLineIndex < outer.lineStarts.count ? outer.lineStarts[firstLineIndex] : outer.bytes.count
            }
            return outer.lineRange(firstLineIndex + lines.count - 1).upperBound
        }
        guard firstLineIndex + line < outer.lineStarts.count else { return outer.bytes.count }
        let range = outer.lineRange(firstLineIndex + line)
        let lead = min(lines[line].isEmpty ? 0 : indent, range.count)
        return min(range.lowerBound + lead + (offset - innerLineStarts[line]), range.upperBound)
    }

    static func remap(
        _ error: YAMLError, lines: [String], firstLineIndex: Int, indent: Int, outer: SourceText, fileName: String
    ) -> YAMLError {
        var copy = error
        copy.fileName = fileName
        copy.message = "in the `helm.values` string: " + error.message
        guard let position = error.position else { return copy }
        var innerLineStarts = [0]
        for line in lines { innerLineStarts.append(innerLineStarts[innerLineStarts.count - 1] + line.utf8.count + 1) }
        let offset = outerOffset(
            ofInnerOffset: position.offset, innerLineStarts: innerLineStarts, lines: lines,
            firstLineIndex: firstLineIndex, indent: indent, outer: outer)
        let mapped = outer.position(ofOffset: offset)
        copy.position = mapped
        copy.sourceLine = SecretLineRedactor.redactedLine(mapped.line, of: outer)
        return copy
    }

    static func describe(_ style: YAMLNodeStyle) -> String {
        switch style {
        case .folded: "folded block (`>`)"
        case .singleQuoted: "single-quoted"
        case .doubleQuoted: "double-quoted"
        default: "plain"
        }
    }

    static func refusal(_ message: String, fix: String, node: YAMLNode, stream: YAMLStream) -> Diagnostic {
        Diagnostic(
            id: "wrapper.values-string-unsupported", severity: .error, message: message,
            location: SourceLocation(file: stream.fileName, span: node.span), fix: fix)
    }
}
