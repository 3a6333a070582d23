/// Hides secret values (see ``SecretValues``) in YAML source text shown to a person: the context lines of a diff
/// in a report, the source line quoted under an error.
///
/// It reads lines, not a parse tree, because the text it shows may not parse (an error's line) and may hold YAML
/// inside a block string (Argo CD `helm.values: |`). Each line's keys above it are found by indentation, as a
/// block mapping nests: a `key: value` line whose keys from the root make a secret path keeps its key and shows
/// ``SecretValues/marker`` for the value; any other line below such a key (a list item, a block string's line, a
/// continued scalar, a comment) is hidden whole. A flow collection (`{...}`, `[...]`) that mentions a secret key is
/// hidden whole. Line breaks (CRLF included), indentation and `- ` markers stay, so a redacted text has the same
/// lines as the original and a diff of two redacted texts pairs the same lines.
///
/// Lines are read as bytes: an ASCII line's bytes are its characters, so a byte scan decides what a scan of
/// Swift `Character`s would, at a few hundred instructions a line instead of tens of thousands. A line with any
/// other byte is read as `Character`s, where Unicode's grapheme clusters (a space followed by a combining mark is
/// not a space), its numbers (`|٣` is a block indicator) and its case mapping decide.
public enum SecretLineRedactor {
    /// The text with every secret value hidden, line by line.
    public static func redact(_ text: String) -> String {
        var scanner = Scanner()
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            var start = 0
            while true {
                // Split on LF only; a CR before it stays with its line and is put back after the line.
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let carriageReturn = end > start && bytes[end - 1] == 0x0D
                let line = UnsafeBufferPointer(rebasing: bytes[start..<(carriageReturn ? end - 1 : end)])
                scanner.appendShown(line, to: &output)
                if carriageReturn { output.append(0x0D) }
                guard end < bytes.count else { break }
                output.append(0x0A)
                start = end + 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The 1-based `line` of a source, with a secret value hidden (the lines above it give its keys).
    public static func redactedLine(_ line: Int, of source: SourceText) -> String {
        let target = max(line, 1)
        guard target <= source.lineStarts.count else { return "" }
        var scanner = Scanner()
        return source.bytes.withUnsafeBufferPointer { bytes in
            for index in 0..<(target - 1) {
                _ = scanner.scan(UnsafeBufferPointer(rebasing: bytes[source.lineRange(index)]))
            }
            var output: [UInt8] = []
            scanner.appendShown(UnsafeBufferPointer(rebasing: bytes[source.lineRange(target - 1)]), to: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The keys open at each indentation, carried from line to line.
    struct Scanner {
        /// An open key: its column and, worked out once, whether it marks values below it as secret and whether it
        /// is a name key.
        struct OpenKey {
            var column: Int
            var secret: Bool
            var isName: Bool
        }

        /// What to show of a line: the line as it is, or its first bytes followed by ``SecretValues/marker``.
        enum Shown: Equatable {
            case whole
            case hiddenAfter(Int)
        }

        var open: [OpenKey] = []

        /// ``SecretValues/isSecret(path:)`` of the open keys, without lower-casing every key on every line.
        var openPathIsSecret: Bool {
            guard let last = open.last, !last.isName else { return false }
            return open.contains { $0.secret }
        }

        /// Appends a line without its line break, redacted, to `output`. A line that is not valid UTF-8 is shown
        /// with U+FFFD in place of its invalid bytes, as `String(decoding:as:)` shows it.
        mutating func appendShown(_ line: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
            if Self.isASCII(line) {
                switch scanASCII(line) {
                case .whole: output.append(contentsOf: line)
                case .hiddenAfter(let count):
                    output.append(contentsOf: line[..<count])
                    output.append(contentsOf: SecretValues.marker.utf8)
                }
                return
            }
            let text = String(decoding: line, as: UTF8.self)
            switch scanCharacters(Substring(text)) {
            case .whole: output.append(contentsOf: text.utf8)
            case .hiddenAfter(let count):
                output.append(contentsOf: text.utf8.prefix(count))
                output.append(contentsOf: SecretValues.marker.utf8)
            }
        }

        /// Reads a line without its line break: its keys open or close, and what to show of it is returned (byte
        /// counts of the line as `String(decoding:as:)` holds it).
        mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> Shown {
            Self.isASCII(line) ? scanASCII(line) : scanCharacters(Substring(String(decoding: line, as: UTF8.self)))
        }

        static func isASCII(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            var union: UInt8 = 0
            for byte in line { union |= byte }
            return union < 0x80
        }

        // MARK: ASCII lines, byte by byte

        mutating func scanASCII(_ line: UnsafeBufferPointer<UInt8>) -> Shown {
            let count = line.count
            if count >= 3, line[0] == line[1], line[1] == line[2], line[0] == .minus || line[0] == .dot {
                open.removeAll()
                return .whole
            }
            // Indentation, then any `- ` markers of (nested) list items: the content starts at `column`.
            var column = Self.skipBlanks(line, from: 0)
            while column < count, line[column] == .minus,
                column + 1 == count || line[column + 1] == .space
            {
                column = Self.skipBlanks(line, from: column + 1)
            }
            guard column < count else { return .whole }
            open.removeAll { $0.column >= column }
            let aboveIsSecret = open.contains { $0.secret }
            let first = line[column]

            if first == .hash {
                return openPathIsSecret ? .hiddenAfter(column) : .whole
            }
            guard let (key, value) = Self.keyAndValue(line, content: column) else {
                if openPathIsSecret { return .hiddenAfter(column) }
                let flow = first == .openBrace || first == .openBracket
                return flow && Self.mentionsSecretKey(UnsafeBufferPointer(rebasing: line[column...]))
                    ? .hiddenAfter(column) : .whole
            }
            let keyText = String(decoding: UnsafeBufferPointer(rebasing: line[key]), as: UTF8.self)
            let isName = SecretValues.isNameKey(keyText)
            let secret = SecretValues.isSecretKey(keyText)
            open.append(OpenKey(column: column, secret: secret, isName: isName))
            guard value < count, !Self.isBlockIndicator(line, from: value), !isName else { return .whole }
            let valueFirst = line[value]
            let isFlow = valueFirst == .openBrace || valueFirst == .openBracket
            let hide =
                aboveIsSecret || secret
                || (isFlow && Self.mentionsSecretKey(UnsafeBufferPointer(rebasing: line[value...])))
            return hide ? .hiddenAfter(value) : .whole
        }

        static func skipBlanks(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var index = start
            while index < line.count, line[index] == .space || line[index] == .tab { index += 1 }
            return index
        }

        /// A `key:` at `content`: the key's bytes and where its value starts (after the blanks), or nil when the
        /// content is not a mapping entry.
        static func keyAndValue(_ line: UnsafeBufferPointer<UInt8>, content: Int) -> (Range<Int>, Int)? {
            let count = line.count
            let first = line[content]
            switch first {
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "#"), UInt8(ascii: "|"), UInt8(ascii: ">"),
                UInt8(ascii: "*"), UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "@"),
                UInt8(ascii: "`"), UInt8(ascii: "?"):
                return nil
            default: break
            }
            var index: Int
            let key: Range<Int>
            if first == .doubleQuote || first == .singleQuote {
                index = content + 1
                let keyStart = index
                while index < count {
                    let byte = line[index]
                    if first == .doubleQuote, byte == .backslash {
                        index = min(index + 2, count)
                        continue
                    }
                    if byte == first {
                        if first == .singleQuote, index + 1 < count, line[index + 1] == .singleQuote {
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                guard index < count else { return nil }
                key = keyStart..<index
                index += 1
                while index < count, line[index] == .space { index += 1 }
                guard index < count, line[index] == .colon else { return nil }
            } else {
                // A plain key ends at the first `:` followed by a blank or the end of the line, before any ` #`.
                var found: Int?
                var previous = UInt8.space
                index = content
                while index < count {
                    let byte = line[index]
                    if byte == .hash, previous == .space || previous == .tab { return nil }
                    if byte == .colon, index + 1 == count || line[index + 1] == .space || line[index + 1] == .tab {
                        found = index
                        break
                    }
                    previous = byte
                    index += 1
                }
                guard let found else { return nil }
                var keyEnd = found
                while keyEnd > content, line[keyEnd - 1] == .space || line[keyEnd - 1] == .tab { keyEnd -= 1 }
                key = content..<keyEnd
                index = found
            }
            return (key, skipBlanks(line, from: index + 1))  // after the `:`
        }

        /// `|`, `>-`, `|2+`, with or without a comment after it: a block string starts on the next line.
        static func isBlockIndicator(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
            guard line[start] == .pipe || line[start] == .greaterThan else { return false }
            var index = start + 1
            while index < line.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[index]) || line[index] == .plus
                    || line[index] == .minus
            {
                index += 1
            }
            index = skipBlanks(line, from: index)
            return index == line.count || line[index] == .hash
        }

        /// ``SecretValues/mentionsSecretKey(_:)`` of ASCII bytes: lower-casing ASCII is lower-casing its letters,
        /// and its characters are its bytes.
        static func mentionsSecretKey(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            holds(text, "password") || holds(text, "token") || holds(text, "secret") || holds(text, "env:")
                || holds(text, "env\":") || holds(text, "env':")
        }

        /// True when `text`, its ASCII letters lower-cased, holds `word` (lower case).
        static func holds(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
            let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard needle.count <= text.count else { return false }
            for start in 0...(text.count - needle.count) {
                var matched = 0
                while matched < needle.count, text[start + matched] | caseBit(text[start + matched]) == needle[matched]
                {
                    matched += 1
                }
                if matched == needle.count { return true }
            }
            return false
        }

        /// 0x20 for an upper-case ASCII letter (OR-ing it lower-cases the letter), else 0.
        static func caseBit(_ byte: UInt8) -> UInt8 {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? 0x20 : 0
        }

        // MARK: Lines with other bytes, Character by Character

        mutating func scanCharacters(_ line: Substring) -> Shown {
            if line.hasPrefix("---") || line.hasPrefix("...") {
                open.removeAll()
                return .whole
            }
            var content = line.drop(while: { $0 == " " || $0 == "\t" })
            while content.hasPrefix("- ") || content == "-" {
                content = content.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            }
            let column = line[..<content.startIndex].count
            guard !content.isEmpty else { return .whole }
            open.removeAll { $0.column >= column }
            let hidden = Shown.hiddenAfter(line.utf8.distance(from: line.startIndex, to: content.startIndex))
            let aboveIsSecret = open.contains { $0.secret }

            if content.hasPrefix("#") {
                return openPathIsSecret ? hidden : .whole
            }
            guard let (key, value) = Self.keyAndValue(content) else {
                if openPathIsSecret { return hidden }
                let flow = content.hasPrefix("{") || content.hasPrefix("[")
                return flow && SecretValues.mentionsSecretKey(String(content)) ? hidden : .whole
            }
            let isName = SecretValues.isNameKey(key)
            let secret = SecretValues.isSecretKey(key)
            open.append(OpenKey(column: column, secret: secret, isName: isName))
            let valueText = line[value...]
            let isBlockIndicator = Self.isBlockIndicator(valueText)
            let isFlow = valueText.hasPrefix("{") || valueText.hasPrefix("[")
            let hide =
                !valueText.isEmpty && !isBlockIndicator
                && ((!isName && (aboveIsSecret || secret))
                    || (isFlow && !isName && SecretValues.mentionsSecretKey(String(valueText))))
            return hide ? .hiddenAfter(line.utf8.distance(from: line.startIndex, to: value)) : .whole
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

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let hash = UInt8(ascii: "#")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let pipe = UInt8(ascii: "|")
    fileprivate static let greaterThan = UInt8(ascii: ">")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let doubleQuote = UInt8(ascii: "\"")
    fileprivate static let singleQuote = UInt8(ascii: "'")
    fileprivate static let backslash = UInt8(ascii: "\\")
}
