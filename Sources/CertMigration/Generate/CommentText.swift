/// Prose wrapped for comments and commit-style text.
enum CommentText {
    /// The text's words wrapped at a width in characters (a longer word stands alone on its line).
    static func wrap(_ text: String, width: Int) -> [String] {
        wrapASCII(text, width: width) ?? wrapCharacters(text, width: width)
    }

    /// The wrapped lines as one text: each line after `linePrefix`, lines separated by `separator`, and `terminator`
    /// after the last (nothing at all when there are no lines). The same text as joining ``wrap(_:width:)``'s lines,
    /// built in one buffer for an ASCII text instead of a string per line joined again.
    static func wrapped(
        _ text: String, width: Int, linePrefix: String = "", separator: String, terminator: String = ""
    ) -> String {
        var bytes = ByteWriter(
            capacity: text.utf8.count + text.utf8.count / max(width, 1) * (linePrefix.utf8.count + 2) + 8)
        var first = true
        let isASCII = wrapASCII(text, width: width) { words, startsLine in
            if startsLine {
                if !first { bytes.append(separator) }
                first = false
                bytes.append(linePrefix)
            } else {
                bytes.append(UInt8(ascii: " "))
            }
            bytes.append(words)
        }
        guard isASCII else {
            let lines = wrapCharacters(text, width: width)
            return lines.isEmpty ? "" : lines.map { linePrefix + $0 }.joined(separator: separator) + terminator
        }
        if !first { bytes.append(terminator) }
        return bytes.string
    }

    /// ``wrap(_:width:)`` by characters, for any text.
    static func wrapCharacters(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        // The line's length, kept as words are added: counting the whole line's characters for every word made
        // wrapping quadratic in the line's length.
        var length = 0
        for word in text.split(separator: " ") {
            let wordLength = word.count
            if !line.isEmpty, length + 1 + wordLength > width {
                lines.append(line)
                line = ""
                length = 0
            }
            if !line.isEmpty {
                line += " "
                length += 1
            }
            line.append(contentsOf: word)
            length += wordLength
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// ``wrap(_:width:)`` over the UTF-8 bytes of an ASCII text without a carriage return; nil for any other text.
    ///
    /// In such a text every byte is one character (the only ASCII pair that forms one character is `\r\n`), so
    /// splitting at the space byte and counting bytes give exactly the words and lengths that splitting the
    /// characters gives, without the cost of finding character boundaries (a plan's reason is wrapped for every
    /// overlay and GitOps header).
    static func wrapASCII(_ text: String, width: Int) -> [String]? {
        var lines: [String] = []
        var line: [UInt8] = []
        let isASCII = wrapASCII(text, width: width) { words, startsLine in
            if startsLine, !line.isEmpty {
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
            }
            if !startsLine { line.append(UInt8(ascii: " ")) }
            line.append(contentsOf: words)
        }
        guard isASCII else { return nil }
        if !line.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    /// True when every byte is ASCII and none is a carriage return; eight bytes are looked at a time.
    static func isASCIIWithoutCarriageReturn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A zero byte in the word XOR eight carriage returns marks a carriage return.
                let returns = word ^ 0x0D0D_0D0D_0D0D_0D0D
                let hasReturn = (returns &- 0x0101_0101_0101_0101) & ~returns
                if (word | hasReturn) & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
        }
        for byte in bytes[index...] where byte >= 0x80 || byte == UInt8(ascii: "\r") { return false }
        return true
    }

    /// ``wrapASCII(_:width:)`` handing the words' bytes to `emit` in order, with whether they start a line (what is
    /// handed over on one line is written a space apart); false (and nothing handed over) for a text that is not
    /// ASCII or holds a carriage return. Words a single space apart in the text on the same line go as one run of
    /// the text's bytes, so a line usually costs one copy, not one a word.
    static func wrapASCII(
        _ text: String, width: Int, word emit: (_ words: UnsafeBufferPointer<UInt8>, _ startsLine: Bool) -> Void
    ) -> Bool {
        text.withUTF8Bytes { bytes -> Bool in
            guard isASCIIWithoutCarriageReturn(bytes) else { return false }
            var lineLength = 0  // 0 before a line's first word: words are never empty
            var runStart = -1  // the run of words not yet handed over, bytes[runStart..<runEnd]
            var runEnd = -1
            var runStartsLine = false
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: " ") {
                    index += 1
                    continue
                }
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                let wordLength = end - index
                let startsLine = lineLength == 0 || lineLength + 1 + wordLength > width
                if startsLine || runStart < 0 || index != runEnd + 1 {
                    if runStart >= 0 { emit(UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd]), runStartsLine) }
                    runStart = index
                    runStartsLine = startsLine
                }
                runEnd = end
                lineLength = startsLine ? wordLength : lineLength + 1 + wordLength
                index = end
            }
            if runStart >= 0 { emit(UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd]), runStartsLine) }
            return true
        }
    }
}
