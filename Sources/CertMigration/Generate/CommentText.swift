/// Prose wrapped for comments and commit-style text.
enum CommentText {
    /// The text's words wrapped at a width in characters (a longer word stands alone on its line).
    static func wrap(_ text: String, width: Int) -> [String] {
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
}
