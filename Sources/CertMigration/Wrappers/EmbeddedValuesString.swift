import Foundation
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
    /// The string's lines without line breaks (a final line break does not start another line), as byte ranges of
    /// its UTF-8 text (``inner``'s source bytes): ``lineRanges(of:)``.
    let lines: [Range<Int>]
    /// The 0-based outer line index of `lines[0]`.
    let firstLineIndex: Int
    /// The block's indentation in spaces.
    let indent: Int
    /// The string parsed as its own input.
    let inner: YAMLStream
    /// The limits `inner` was parsed with.
    let limits: YAMLLimits
    /// The outer byte offset of the string's node.
    let nodeOffset: Int
    /// True when the string's text holds a carriage return: its lines are then split as Characters (a CR LF pair is
    /// one), and positions are located by offset only.
    let textHasCarriageReturn: Bool

    /// Reads a block string node of an outer stream; `keyColumn` is the 1-based column of its key (to indent an
    /// empty block's first line).
    ///
    /// `textParse` may be a parse of the string's text already made (the editor parses the text it writes back, to
    /// check it); it is used only when it was made of exactly the string's bytes, under the same name and limits,
    /// else the text is parsed here.
    init(
        node: YAMLNode, keyColumn: Int, in stream: YAMLStream, limits: YAMLLimits,
        textParse: ParsedValuesText? = nil
    ) throws(Diagnostic) {
        self.limits = limits
        nodeOffset = node.span.start.offset
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
        let textBytes = Array(text.utf8)
        let (lines, hasCarriageReturn) = Self.lineRanges(of: textBytes)
        textHasCarriageReturn = hasCarriageReturn
        self.lines = lines
        firstLineIndex = stream.source.lineIndex(ofOffset: node.span.start.offset) + 1
        var indent = keyColumn - 1 + 2
        if let first = lines.firstIndex(where: { !$0.isEmpty }), firstLineIndex + first < outer.lineStarts.count {
            indent = outer.lineRange(firstLineIndex + first).count - lines[first].count
        }
        self.indent = max(indent, 0)
        // Check the mapping: each content line is the indentation plus the string's line, byte for byte.
        if let lineIndex = Self.firstUnmappedLine(
            lines, of: textBytes, firstLineIndex: firstLineIndex, indent: self.indent, outer: outer)
        {
            throw Self.refusal(
                "the lines of the `helm.values` block do not read back as its text (line \(lineIndex + 1)), so "
                    + "positions inside it cannot be mapped to this file",
                fix: "indent every line of the block by the same number of spaces, without tabs",
                node: node, stream: stream)
        }
        if let textParse, textParse.limits == limits, textParse.stream.fileName == stream.fileName,
            Self.sameBytes(textParse.stream.source.bytes, textBytes)
        {
            inner = textParse.stream
            return
        }
        let parsed: YAMLStream
        do {
            parsed = try YAMLParser(limits: limits).parse(bytes: textBytes, fileName: stream.fileName)
        } catch {
            throw Diagnostic(
                Self.remap(
                    error, lines: lines, firstLineIndex: firstLineIndex, indent: self.indent,
                    outer: outer, fileName: fileName), id: "wrapper.values-string-invalid")
        }
        inner = parsed
    }

    /// True when this string was read from `node` of exactly this input (same name, same bytes) under these limits:
    /// reading it again would give the same string.
    func wasRead(from node: YAMLNode, in stream: YAMLStream, limits: YAMLLimits) -> Bool {
        nodeOffset == node.span.start.offset && self.limits == limits && fileName == stream.fileName
            && outer.bytes == stream.source.bytes
    }

    /// The values Helm reads from the string, with every span pointing into the outer file.
    ///
    /// With `valueSpansInFile` false, the values' own spans stay in the string's text (its findings' are still
    /// moved): for a caller that compares values only, as the generation's validator does, and need not pay for a
    /// walk of every value.
    func read(limits: YAMLLimits, valueSpansInFile: Bool = true) throws(Diagnostic) -> HelmValuesDocument {
        let document: HelmValuesDocument
        do {
            document = try HelmValueReader(limits: limits).read(inner)
        } catch {
            throw Diagnostic(remap(error), id: "wrapper.values-string-invalid")
        }
        // Values read in place stay so: each is moved to the outer file as it is read.
        var moved = valueSpansInFile ? document.movingValues { [self] in remap(&$0) } : document
        moved.fileName = fileName
        moved.duplicateKeys = document.duplicateKeys.map(remap)
        moved.unorderedKeys = document.unorderedKeys.map(remap)
        moved.unknownTags = document.unknownTags.map { UnknownTag(tag: $0.tag, span: remap($0.span)) }
        return moved
    }

    /// The outer byte offset of an offset in the string's text.
    func outerOffset(ofInnerOffset offset: Int) -> Int {
        Self.outerOffset(
            ofInnerOffset: offset, innerLineStarts: inner.source.lineStarts, lines: lines,
            firstLineIndex: firstLineIndex, indent: indent, outer: outer)
    }

    /// The outer position of a position in the string's text.
    ///
    /// A position on one of the string's lines moves by whole lines and by the block's indentation (spaces, one
    /// column each), so its line and column follow from the inner ones without counting characters again; anything
    /// else (past the last line, a text with carriage returns) is located from its outer offset.
    func outerPosition(_ position: SourcePosition) -> SourcePosition {
        outerPosition(position, lineStarts: LineStarts(inner: inner.source.lineStarts, outer: outer.lineStarts))
    }

    /// Both texts' line starts, read once for many positions (each read of `lineStarts` costs a call).
    struct LineStarts {
        var inner: [Int]
        var outer: [Int]
    }

    /// ``outerPosition(_:)`` with the line starts already read.
    ///
    /// The outer line of a string line is known without looking at it again: the mapping checked on construction
    /// holds the string's line there after exactly the block's indentation (an empty string line, at most that many
    /// spaces), so a content line's text ends `indent` bytes plus the line's length after the outer line's start.
    func outerPosition(_ position: SourcePosition, lineStarts: LineStarts) -> SourcePosition {
        let innerLineStarts = lineStarts.inner
        let line = position.line - 1
        if !textHasCarriageReturn, line >= 0, line < lines.count, line < innerLineStarts.count,
            innerLineStarts[line] <= position.offset,
            line + 1 == innerLineStarts.count || position.offset < innerLineStarts[line + 1],
            firstLineIndex + line < lineStarts.outer.count
        {
            let length = lines[line].count
            let lead = length == 0 ? 0 : indent
            let column = position.offset - innerLineStarts[line]
            if column <= length {
                return SourcePosition(
                    offset: lineStarts.outer[firstLineIndex + line] + lead + column, line: firstLineIndex + line + 1,
                    column: position.column + lead)
            }
        }
        return outer.position(ofOffset: outerOffset(ofInnerOffset: position.offset))
    }

    /// A span of the string's text, as a span of the outer file.
    func remap(_ span: SourceSpan) -> SourceSpan {
        remap(span, lineStarts: LineStarts(inner: inner.source.lineStarts, outer: outer.lineStarts))
    }

    /// ``remap(_:)`` with the line starts already read.
    func remap(_ span: SourceSpan, lineStarts: LineStarts) -> SourceSpan {
        SourceSpan(
            start: outerPosition(span.start, lineStarts: lineStarts),
            end: outerPosition(span.end, lineStarts: lineStarts))
    }

    /// An error located in the string, located in the outer file instead.
    func remap(_ error: YAMLError) -> YAMLError {
        Self.remap(
            error, lines: lines, firstLineIndex: firstLineIndex, indent: indent, outer: outer, fileName: fileName)
    }

    /// Moves a value read from the string, its spans and its children's, to the outer file, in place.
    func remap(_ value: inout HelmValue) {
        let lineStarts = LineStarts(inner: inner.source.lineStarts, outer: outer.lineStarts)
        value.updateEach { value in
            value.span = remap(value.span, lineStarts: lineStarts)
            if let keySpan = value.keySpan { value.keySpan = remap(keySpan, lineStarts: lineStarts) }
            switch value.origin {
            case .written: break
            case .alias(let span): value.origin = .alias(remap(span, lineStarts: lineStarts))
            case .merge(let span): value.origin = .merge(remap(span, lineStarts: lineStarts))
            }
        }
    }

    /// A duplicate key found in the string, located in the outer file.
    func remap(_ duplicate: DuplicateKey) -> DuplicateKey {
        var remapped = duplicate
        remapped.first = remap(duplicate.first)
        remapped.duplicate = remap(duplicate.duplicate)
        return remapped
    }

    /// The outer file with the string's text replaced by the UTF-8 text `newText`: only the lines that differ are
    /// rewritten, each indented like the block; every other byte stays. Nil when the text is unchanged.
    ///
    /// The lines are compared and copied as byte ranges of the two texts (the string's own text is `inner`'s
    /// source), split as ``lines(of:)`` splits them: no string is made for a line.
    func outerBytes(replacingTextWith newText: [UInt8]) -> [UInt8]? {
        let oldText = inner.source.bytes
        guard !Self.sameBytes(newText, oldText) else { return nil }
        let oldLines = lines
        let newLines = Self.lineRanges(of: newText).ranges
        let (prefix, suffix) = oldText.withUnsafeBufferPointer { old in
            newText.withUnsafeBufferPointer { new in
                oldLines.commonEnds(with: newLines) { oldLine, newLine in
                    oldLine.count == newLine.count
                        && (oldLine.isEmpty
                            || memcmp(
                                old.baseAddress! + oldLine.lowerBound, new.baseAddress! + newLine.lowerBound,
                                oldLine.count) == 0)
                }
            }
        }
        let bytes = outer.bytes
        let outerLineStarts = outer.lineStarts
        func lineStart(_ lineIndex: Int) -> Int {
            lineIndex < outerLineStarts.count ? outerLineStarts[lineIndex] : bytes.count
        }
        let start = lineStart(firstLineIndex + prefix)
        let end = lineStart(firstLineIndex + oldLines.count - suffix)
        let lineBreak = Array(outer.lineBreak.utf8)
        var replacement: [UInt8] = []
        for line in newLines[prefix..<(newLines.count - suffix)] {
            if !line.isEmpty {
                replacement.append(contentsOf: repeatElement(0x20, count: indent))
                replacement += newText[line]
            }
            replacement += lineBreak
        }
        // At the end of a file without a final line break, the last written line has none either.
        let endsWithoutBreak = bytes.last.map { $0 != 0x0A && $0 != 0x0D } ?? false
        if end == bytes.count, endsWithoutBreak, !replacement.isEmpty {
            if start == bytes.count { replacement = lineBreak + replacement }
            replacement.removeLast(lineBreak.count)
        }
        var result: [UInt8] = []
        result.reserveCapacity(start + replacement.count + (bytes.count - end))
        result += bytes[..<start]
        result += replacement
        result += bytes[end...]
        return result
    }

    // MARK: - Helpers

    /// The byte ranges of a UTF-8 text's lines without line breaks (a final line break does not start another line),
    /// and whether the text holds a carriage return.
    ///
    /// Split at each LF byte that does not follow a CR byte: a line feed is a whole Character unless a carriage
    /// return precedes it (the two are then one Character), so this is the Character split
    /// (`split(separator: "\n")`), made without a Character. The line feeds are found with `memchr`.
    static func lineRanges(of bytes: UnsafeBufferPointer<UInt8>) -> (ranges: [Range<Int>], hasCarriageReturn: Bool) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return ([], false) }
        let count = bytes.count
        let hasCarriageReturn = memchr(base, 0x0D, count) != nil
        var ranges: [Range<Int>] = []
        var start = 0
        var from = 0
        while from < count, let found = memchr(base + from, 0x0A, count - from) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = index + 1
            if index > 0, base[index - 1] == 0x0D { continue }
            ranges.append(start..<index)
            start = index + 1
        }
        if start < count { ranges.append(start..<count) }
        return (ranges, hasCarriageReturn)
    }

    /// True when two arrays hold the same bytes, compared with `memcmp` (the generic comparison goes byte by byte).
    static func sameBytes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.count == right.count
            && left.withUnsafeBufferPointer { left in
                right.withUnsafeBufferPointer { right in
                    left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
                }
            }
    }

    /// ``lineRanges(of:)`` of an array's bytes.
    static func lineRanges(of bytes: [UInt8]) -> (ranges: [Range<Int>], hasCarriageReturn: Bool) {
        bytes.withUnsafeBufferPointer { lineRanges(of: $0) }
    }

    /// The 0-based outer line index of the first of `lines` that its outer line does not hold indented by `indent`
    /// (``outerLine(_:holds:indentedBy:)``), or that lies past the outer file's end; nil when every line maps.
    ///
    /// The outer bytes are lent once for all lines: an array slice a line cost a retain and a release.
    static func firstUnmappedLine(
        _ lines: [Range<Int>], of text: [UInt8], firstLineIndex: Int, indent: Int, outer: SourceText
    ) -> Int? {
        let outerLineCount = outer.lineStarts.count
        return outer.bytes.withUnsafeBufferPointer { bytes in
            text.withUnsafeBufferPointer { text in
                for (index, line) in lines.enumerated() {
                    let lineIndex = firstLineIndex + index
                    guard lineIndex < outerLineCount,
                        Self.outerLine(
                            UnsafeBufferPointer(rebasing: bytes[outer.lineRange(lineIndex)]),
                            holds: UnsafeBufferPointer(rebasing: text[line]), indentedBy: indent)
                    else { return lineIndex }
                }
                return nil
            }
        }
    }

    /// True when an outer line is the string's line indented by `indent` spaces; for an empty string line, when the
    /// outer line is at most `indent` spaces.
    static func outerLine(
        _ outer: UnsafeBufferPointer<UInt8>, holds line: UnsafeBufferPointer<UInt8>, indentedBy indent: Int
    ) -> Bool {
        let lead = min(indent, outer.count)
        for index in 0..<lead where outer[index] != 0x20 { return false }
        if line.isEmpty { return outer.count <= indent }
        guard lead == indent, outer.count - indent == line.count else { return false }
        for index in 0..<line.count where outer[indent + index] != line[index] { return false }
        return true
    }

    static func outerOffset(
        ofInnerOffset offset: Int, innerLineStarts: [Int], lines: [Range<Int>], firstLineIndex: Int, indent: Int,
        outer: SourceText
    ) -> Int {
        let line = SourceText.lineIndex(ofOffset: offset, in: innerLineStarts)
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
        _ error: YAMLError, lines: [Range<Int>], firstLineIndex: Int, indent: Int, outer: SourceText, fileName: String
    ) -> YAMLError {
        var copy = error
        copy.fileName = fileName
        copy.message = "in the `helm.values` string: " + error.message
        guard let position = error.position else { return copy }
        var innerLineStarts = [0]
        for line in lines { innerLineStarts.append(innerLineStarts[innerLineStarts.count - 1] + line.count + 1) }
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
