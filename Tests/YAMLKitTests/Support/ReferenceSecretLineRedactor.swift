@testable import YAMLKit

/// The line redactor as it was before it read bytes: every line as Swift `Character`s, the straightforward
/// reading of the rules in ``SecretLineRedactor``'s documentation. ``SecretLineRedactorTests`` holds the byte
/// scanner to it.
enum ReferenceSecretLineRedactor {
    /// The text with every secret value hidden, line by line.
    static func redact(_ text: String) -> String {
        var scanner = Scanner()
        // Split on the scalar: as Characters, "\r\n" is one grapheme and would not split on "\n".
        return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { scanner.redact(Substring($0)) }
            .joined(separator: "\n")
    }

    /// The 1-based `line` of a source, with a secret value hidden (the lines above it give its keys).
    static func redactedLine(_ line: Int, of source: SourceText) -> String {
        var scanner = Scanner()
        var shown = ""
        for number in 1...max(line, 1) {
            shown = scanner.redact(Substring(source.lineText(number)))
        }
        return shown
    }

    /// The keys open at each indentation, carried from line to line.
    struct Scanner {
        /// Each open key with its column and, worked out once, whether it marks values below it as secret and
        /// whether it is a name key.
        var open: [(column: Int, key: String, secret: Bool, isName: Bool)] = []

        /// ``SecretValues/isSecret(path:)`` of the open keys, without lower-casing every key on every line.
        var openPathIsSecret: Bool {
            guard let last = open.last, !last.isName else { return false }
            return open.contains { $0.secret }
        }

        mutating func redact(_ original: Substring) -> String {
            var line = original
            let carriageReturn = line.hasSuffix("\r")
            if carriageReturn { line = line.dropLast() }
            let shown = redactLine(line)
            return carriageReturn ? shown + "\r" : shown
        }

        mutating func redactLine(_ line: Substring) -> String {
            if line.hasPrefix("---") || line.hasPrefix("...") {
                open.removeAll()
                return String(line)
            }
            // Indentation, then any `- ` markers of (nested) list items: the content starts at `column`.
            var content = line.drop(while: { $0 == " " || $0 == "\t" })
            while content.hasPrefix("- ") || content == "-" {
                content = content.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            }
            let lead = String(line[..<content.startIndex])
            let column = lead.count
            guard !content.isEmpty else { return String(line) }
            open.removeAll { $0.column >= column }
            let hidden = lead + SecretValues.marker
            let aboveIsSecret = open.contains { $0.secret }

            if content.hasPrefix("#") {
                return openPathIsSecret ? hidden : String(line)
            }
            guard let (key, value) = Self.keyAndValue(content) else {
                if openPathIsSecret { return hidden }
                let flow = content.hasPrefix("{") || content.hasPrefix("[")
                return flow && SecretValues.mentionsSecretKey(String(content)) ? hidden : String(line)
            }
            let isName = SecretValues.isNameKey(key)
            let secret = SecretValues.isSecretKey(key)
            open.append((column, key, secret, isName))
            let valueText = line[value...]
            let isBlockIndicator = Self.isBlockIndicator(valueText)
            let isFlow = valueText.hasPrefix("{") || valueText.hasPrefix("[")
            let hide =
                !valueText.isEmpty && !isBlockIndicator
                && ((!isName && (aboveIsSecret || secret))
                    || (isFlow && !isName && SecretValues.mentionsSecretKey(String(valueText))))
            return hide ? String(line[..<value]) + SecretValues.marker : String(line)
        }

        /// A `key:` at the start of `content`, and where its value starts (after the spaces), or nil when the
        /// content is not a mapping entry.
        static func keyAndValue(_ content: Substring) -> (String, Substring.Index)? {
            guard let first = content.first, !"[{#|>*&!%@`?".contains(first) else { return nil }
            var index = content.startIndex
            var key: Substring
            if first == "\"" || first == "'" {
                index = content.index(after: index)
                let keyStart = index
                while index < content.endIndex {
                    let character = content[index]
                    if first == "\"", character == "\\" {
                        index = content.index(after: index)
                        if index < content.endIndex { index = content.index(after: index) }
                        continue
                    }
                    if character == first {
                        let next = content.index(after: index)
                        if first == "'", next < content.endIndex, content[next] == "'" {
                            index = content.index(after: next)
                            continue
                        }
                        break
                    }
                    index = content.index(after: index)
                }
                guard index < content.endIndex else { return nil }
                key = content[keyStart..<index]
                index = content.index(after: index)
                while index < content.endIndex, content[index] == " " { index = content.index(after: index) }
                guard index < content.endIndex, content[index] == ":" else { return nil }
            } else {
                // A plain key ends at the first `:` followed by a space or the end of the line, before any ` #`.
                var found: Substring.Index?
                var previous: Character = " "
                while index < content.endIndex {
                    let character = content[index]
                    if character == "#", previous == " " || previous == "\t" { return nil }
                    if character == ":" {
                        let next = content.index(after: index)
                        if next == content.endIndex || content[next] == " " || content[next] == "\t" {
                            found = index
                            break
                        }
                    }
                    previous = character
                    index = content.index(after: index)
                }
                guard let found else { return nil }
                key = content[content.startIndex..<found]
                while key.last == " " || key.last == "\t" { key = key.dropLast() }
                index = found
            }
            index = content.index(after: index)  // the `:`
            while index < content.endIndex, content[index] == " " || content[index] == "\t" {
                index = content.index(after: index)
            }
            return (String(key), index)
        }

        /// `|`, `>-`, `|2+`, with or without a comment after it: a block string starts on the next line.
        static func isBlockIndicator(_ value: Substring) -> Bool {
            guard let first = value.first, first == "|" || first == ">" else { return false }
            let rest = value.dropFirst().drop(while: { $0.isNumber || $0 == "+" || $0 == "-" })
            let after = rest.drop(while: { $0 == " " || $0 == "\t" })
            return after.isEmpty || after.hasPrefix("#")
        }
    }
}
