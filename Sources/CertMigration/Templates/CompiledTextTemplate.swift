/// A Markdown or text template split once into its lines, each scanned for placeholders, so that a render only
/// looks values up and copies bytes (a template is rendered for every cluster of a fleet).
///
/// The lines keep what ``TextTemplateRenderer`` needs to render and to fail exactly as scanning at render time
/// would: the same errors, in the same order, at the same offsets.
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

    /// True when the template's bytes are valid UTF-8 (a render of any other template fails).
    let isUTF8: Bool
    /// The lines in order.
    let lines: [Line]

    /// Splits and scans a template's bytes.
    init(_ bytes: [UInt8]) {
        isUTF8 = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
        var lines: [Line] = []
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
                lines.append(.marker(name: marker.name, opens: marker.opens, offset: lineStart))
            } else if !content.contains(UInt8(ascii: "$")) {
                lines.append(.literal(content + ending))
            } else {
                do {
                    let scanned = try PlaceholderText(scanning: String(decoding: content, as: UTF8.self))
                    if scanned.hasPlaceholders {
                        lines.append(
                            .placeholders(
                                segments: scanned.segments, ending: ending,
                                lineBreak: ending.isEmpty ? [UInt8(ascii: "\n")] : ending, offset: lineStart))
                    } else {
                        let text = scanned.segments.map { if case .text(let t) = $0 { t } else { "" } }.joined()
                        lines.append(.literal(Array(text.utf8) + ending))
                    }
                } catch {
                    lines.append(.malformed(offset: lineStart + error.offset))
                }
            }
            lineStart = next
        }
        self.lines = lines
    }
}
