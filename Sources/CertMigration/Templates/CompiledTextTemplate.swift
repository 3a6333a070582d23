/// A Markdown or text template split once into its lines, each scanned for placeholders, so that a render only
/// looks values up and copies bytes (a template is rendered for every cluster of a fleet).
///
/// The lines keep what ``TextTemplateRenderer`` needs to render and to fail exactly as scanning at render time
/// would: the same errors, in the same order, at the same offsets. A well-formed template is also laid out as
/// ``steps`` over one pool of literal bytes, each placeholder and section by its slot (its name's index in
/// ``valueNames`` or ``sectionNames``), so that a render looks each name up once however often the template uses it,
/// and walks plain numbers: stepping through the lines copied and released each line's arrays.
struct CompiledTextTemplate: Sendable {
    /// One line of the template.
    enum Line: Sendable {
        /// A line that is exactly `${#name}` (opens) or `${/name}` (closes); `offset` is its start.
        case marker(name: String, opens: Bool, offset: Int)
        /// A line without placeholders: its text (`$${` already `${`) and its line break, written as they are.
        case literal([UInt8])
        /// A line with placeholders: its pieces, the bytes after its text (its line break, if any), the break a
        /// value's own line breaks are written with, and the line's start.
        case placeholders(segments: [PlaceholderText.Segment], ending: [UInt8], lineBreak: [UInt8], offset: Int)
        /// A line whose `${` at `offset` (in the file) starts no placeholder.
        case malformed(offset: Int)
    }

    /// One step of rendering a well-formed template.
    enum Step: Sendable {
        /// Copy ``pool``[start..<end].
        case bytes(start: Int, end: Int)
        /// Write the value whose name is ``valueNames``[slot], on the line ``valueLines``[line] describes.
        case value(slot: Int, line: Int)
        /// Open the section named ``sectionNames``[slot]; when it is absent, go on after the step at `close`.
        case open(slot: Int, close: Int)
        /// Close the innermost open section.
        case close
    }

    /// What a value's line breaks are written with on a line with placeholders (used by `.txt` templates).
    struct ValueLine: Sendable {
        /// The text before the line's first placeholder (empty when the line starts with one): a `.txt` template
        /// writes it before each further line of a value.
        var prefix: String
        /// `prefix` without its trailing whitespace, for an empty value line.
        var prefixForEmptyLine: Substring
        /// The line's own break (`\n` on a last line without one).
        var lineBreak: [UInt8]
    }

    /// True when the template's bytes are valid UTF-8 (a render of any other template fails).
    let isUTF8: Bool
    /// The lines in order.
    let lines: [Line]
    /// The placeholder names, each once, in the order they first appear.
    let valueNames: [String]
    /// The names of the sections opened, each once, in the order they first appear.
    let sectionNames: [String]
    /// True when no line is malformed and every section marker is closed, in order, by its own name: a render of
    /// such a template whose names are all supplied (with text values) cannot fail.
    let isWellFormed: Bool
    /// The steps of a render, when the template is well-formed (empty otherwise).
    let steps: [Step]
    /// The literal bytes the steps copy.
    let pool: [UInt8]
    /// The lines with placeholders, for ``Step/value(slot:line:)``.
    let valueLines: [ValueLine]

    /// Splits and scans a template's bytes.
    init(_ bytes: [UInt8]) {
        isUTF8 = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
        var lines: [Line] = []
        var valueNames: [String] = []
        var sectionNames: [String] = []
        var openSections: [(name: String, step: Int)] = []
        var isWellFormed = true
        var steps: [Step] = []
        var pool: [UInt8] = []
        var valueLines: [ValueLine] = []
        /// Literal bytes, joined to the step before when that copies the bytes just before them.
        func copy(_ bytes: some Collection<UInt8>) {
            guard !bytes.isEmpty else { return }
            if case .bytes(let start, let end)? = steps.last, end == pool.count {
                pool += bytes
                steps[steps.count - 1] = .bytes(start: start, end: pool.count)
            } else {
                pool += bytes
                steps.append(.bytes(start: pool.count - bytes.count, end: pool.count))
            }
        }
        func slot(of name: String, in names: inout [String]) -> Int {
            if let index = names.firstIndex(of: name) { return index }
            names.append(name)
            return names.count - 1
        }
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let next = lineEnd < bytes.count ? lineEnd + 1 : lineEnd
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let content = Array(bytes[lineStart..<contentEnd])
            let ending = Array(bytes[contentEnd..<next])
            if let marker = TextTemplateRenderer.sectionMarker(content) {
                if marker.opens {
                    openSections.append((marker.name, steps.count))
                    steps.append(.open(slot: slot(of: marker.name, in: &sectionNames), close: -1))
                } else if let open = openSections.last, open.name == marker.name {
                    openSections.removeLast()
                    guard case .open(let slot, _) = steps[open.step] else { preconditionFailure("not an open step") }
                    steps[open.step] = .open(slot: slot, close: steps.count)
                    steps.append(.close)
                } else {
                    isWellFormed = false
                }
                lines.append(.marker(name: marker.name, opens: marker.opens, offset: lineStart))
            } else if !content.contains(UInt8(ascii: "$")) {
                lines.append(.literal(content + ending))
                copy(content + ending)
            } else {
                do {
                    let scanned = try PlaceholderText(scanning: String(decoding: content, as: UTF8.self))
                    if scanned.hasPlaceholders {
                        let lineBreak = ending.isEmpty ? [UInt8(ascii: "\n")] : ending
                        lines.append(
                            .placeholders(
                                segments: scanned.segments, ending: ending, lineBreak: lineBreak, offset: lineStart))
                        let prefix = scanned.segments.first.flatMap { if case .text(let t) = $0 { t } else { nil } }
                        valueLines.append(
                            ValueLine(
                                prefix: prefix ?? "",
                                prefixForEmptyLine: TextTemplateRenderer.withoutTrailingWhitespace(prefix ?? ""),
                                lineBreak: lineBreak))
                        for segment in scanned.segments {
                            switch segment {
                            case .text(let text):
                                copy(text.utf8)
                            case .placeholder(let name, _):
                                steps.append(
                                    .value(slot: slot(of: name, in: &valueNames), line: valueLines.count - 1))
                            }
                        }
                        copy(ending)
                    } else {
                        let text = scanned.segments.map { if case .text(let t) = $0 { t } else { "" } }.joined()
                        lines.append(.literal(Array(text.utf8) + ending))
                        copy(Array(text.utf8) + ending)
                    }
                } catch {
                    lines.append(.malformed(offset: lineStart + error.offset))
                    isWellFormed = false
                }
            }
            lineStart = next
        }
        self.lines = lines
        self.valueNames = valueNames
        self.sectionNames = sectionNames
        self.isWellFormed = isWellFormed && openSections.isEmpty
        self.steps = self.isWellFormed ? steps : []
        self.pool = pool
        self.valueLines = valueLines
    }
}
