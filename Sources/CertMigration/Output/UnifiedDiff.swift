/// A git-style unified diff of one file: what `values.patch` holds, for `git apply` and `patch -p1`.
///
/// ```
/// diff --git a/values.yaml b/values.yaml
/// --- a/values.yaml
/// +++ b/values.yaml
/// @@ -3,7 +3,7 @@
/// ```
///
/// Lines are compared and printed as their exact bytes: a CRLF file's lines keep their `\r`, and a last line without
/// a break is followed by `\ No newline at end of file`. Hunks carry `contextLines` of context (3, as git) and merge
/// when their contexts touch or overlap. A count of 1 is left out of a hunk header (`@@ -3 +3 @@`) and an empty
/// range starts at the line before it, as git prints them. A path with a `"`, a `\`, a control or a non-ASCII byte is
/// quoted C-style (`"a/\303\274.yaml"`); an unquoted path with a space ends its `---`/`+++` line with a tab, both as
/// git does. Identical inputs give no hunks and empty bytes.
public struct UnifiedDiff: Sendable, Hashable {
    /// One `@@` block: a run of changes with its context.
    public struct Hunk: Sendable, Hashable {
        /// The 1-based first old line (for an empty range, the line before it; 0 at the start).
        public var oldStart: Int
        /// The number of old lines the hunk covers.
        public var oldCount: Int
        /// The 1-based first new line (for an empty range, the line before it; 0 at the start).
        public var newStart: Int
        /// The number of new lines the hunk covers.
        public var newCount: Int
        /// The hunk's body, each line prefixed by ` `, `-` or `+`, with `\ No newline at end of file` where needed.
        public var body: [UInt8]
    }

    /// The file's path relative to the repository (or the folder the patch is applied in), without `a/` or `b/`.
    public let path: String
    /// The hunks, in file order; empty when the inputs are identical.
    public let hunks: [Hunk]

    /// Diffs two versions of one file.
    ///
    /// Only the changed lines and their context are split into lines and diffed (``DiffWindow``); the hunks are
    /// those of a diff of every line (``fullFileHunks(old:new:contextLines:)``).
    public init(old: [UInt8], new: [UInt8], path: String, contextLines: Int = 3) {
        self.path = path
        let contextLines = max(0, contextLines)
        guard let window = DiffWindow(old: old, new: new, contextLines: contextLines) else {
            hunks = []
            return
        }
        let oldLines = LineDiff.lines(of: window.old)
        let newLines = LineDiff.lines(of: window.new)
        hunks = Self.hunks(
            LineDiff(old: oldLines, new: newLines).operations, oldLines: oldLines, newLines: newLines,
            contextLines: contextLines, firstLine: window.firstLine)
    }

    /// The hunks of a diff of every line of both versions, without a window: what the windowed diff must give
    /// (tests hold it to that).
    static func fullFileHunks(old: [UInt8], new: [UInt8], contextLines: Int) -> [Hunk] {
        let oldLines = LineDiff.lines(of: old)
        let newLines = LineDiff.lines(of: new)
        return hunks(
            LineDiff(old: oldLines, new: newLines).operations, oldLines: oldLines, newLines: newLines,
            contextLines: max(0, contextLines), firstLine: 0)
    }

    /// True when the two versions are identical.
    public var isEmpty: Bool { hunks.isEmpty }

    /// The patch text, exactly as written to `values.patch`; empty when the versions are identical.
    public var bytes: [UInt8] {
        guard !hunks.isEmpty else { return [] }
        // `a/` and `b/` need no quotes, so a name is quoted exactly when its path needs it; an unquoted name is
        // written as its two parts rather than made a string first.
        let quotedNames = Self.needsQuotes(path)
        let oldName = quotedNames ? Self.quoted("a/" + path) : path
        let newName = quotedNames ? Self.quoted("b/" + path) : path
        let oldPrefix: StaticString = quotedNames ? "" : "a/"
        let newPrefix: StaticString = quotedNames ? "" : "b/"
        // Only an unquoted (so ASCII) path is asked for a space, byte by byte.
        let nameEnd: StaticString = !quotedNames && Self.holdsSpace(path) ? "\t" : ""
        // Written into a ByteWriter: the dozen appends of UTF-8 views to an array cost ~260 instructions each.
        var text = ByteWriter(
            capacity: 52 + 3 * (oldName.utf8.count + newName.utf8.count) + hunks.reduce(0) { $0 + 32 + $1.body.count })
        text.append("diff --git ")
        text.append(oldPrefix)
        text.append(oldName)
        text.append(UInt8(ascii: " "))
        text.append(newPrefix)
        text.append(newName)
        text.append("\n--- ")
        text.append(oldPrefix)
        text.append(oldName)
        text.append(nameEnd)
        text.append("\n+++ ")
        text.append(newPrefix)
        text.append(newName)
        text.append(nameEnd)
        text.append(UInt8(ascii: "\n"))
        for hunk in hunks {
            text.append("@@ -")
            Self.appendRange(hunk.oldStart, hunk.oldCount, to: &text)
            text.append(" +")
            Self.appendRange(hunk.newStart, hunk.newCount, to: &text)
            text.append(" @@\n")
            text.append(hunk.body)
        }
        return text.bytes
    }

    /// True when a path holds a space, looked for in its contiguous UTF-8.
    private static func holdsSpace(_ path: String) -> Bool {
        path.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: " ")) }
            ?? path.utf8.contains(UInt8(ascii: " "))
    }

    /// The patch as text (the bytes decoded as UTF-8), for display and tests.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A hunk header's range: `start`, or `start,count` unless the count is 1.
    private static func appendRange(_ start: Int, _ count: Int, to text: inout ByteWriter) {
        text.append(decimal: start)
        if count != 1 {
            text.append(UInt8(ascii: ","))
            text.append(decimal: count)
        }
    }

    /// Groups the script's changes into hunks with their context; the lines are numbered from `firstLine` (the
    /// lines before it are equal in both versions and not in the script).
    private static func hunks(
        _ operations: [LineDiff.Operation], oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>],
        contextLines: Int, firstLine: Int
    ) -> [Hunk] {
        let changeIndexes = operations.indices.filter {
            if case .equal = operations[$0] { return false }
            return true
        }
        guard let firstChange = changeIndexes.first else { return [] }
        // Runs of operation indexes [start, end] that one hunk covers, context included.
        var runs: [ClosedRange<Int>] = []
        var runStart = max(0, firstChange - contextLines)
        var runEnd = min(operations.count - 1, firstChange + contextLines)
        for change in changeIndexes.dropFirst() {
            if change - contextLines <= runEnd + 1 {
                runEnd = min(operations.count - 1, change + contextLines)
            } else {
                runs.append(runStart...runEnd)
                runStart = change - contextLines
                runEnd = min(operations.count - 1, change + contextLines)
            }
        }
        runs.append(runStart...runEnd)

        // Old and new line counts before each operation, to number the hunks.
        var oldBefore = [Int](repeating: 0, count: operations.count + 1)
        var newBefore = [Int](repeating: 0, count: operations.count + 1)
        for (index, operation) in operations.enumerated() {
            oldBefore[index + 1] = oldBefore[index]
            newBefore[index + 1] = newBefore[index]
            switch operation {
            case .equal:
                oldBefore[index + 1] += 1
                newBefore[index + 1] += 1
            case .delete: oldBefore[index + 1] += 1
            case .insert: newBefore[index + 1] += 1
            }
        }

        /// An operation's line and the byte written before it.
        func line(_ operation: LineDiff.Operation) -> (prefix: UInt8, line: ArraySlice<UInt8>) {
            switch operation {
            case .equal(let old, _): (0x20, oldLines[old])
            case .delete(let old): (0x2D, oldLines[old])
            case .insert(let new): (0x2B, newLines[new])
            }
        }
        return runs.map { run in
            // Sized once: grown line by line, the body was copied at every doubling. At most two lines (the old and
            // the new last line) lack a break.
            var body: [UInt8] = []
            let lineBytes = run.reduce(0) { total, index in total + 1 + line(operations[index]).line.count }
            body.reserveCapacity(lineBytes + 2 * noNewlineMarker.count)
            for index in run {
                let (prefix, line) = line(operations[index])
                body.append(prefix)
                body += line
                if line.last != 0x0A { body += noNewlineMarker }
            }
            let oldCount = oldBefore[run.upperBound + 1] - oldBefore[run.lowerBound]
            let newCount = newBefore[run.upperBound + 1] - newBefore[run.lowerBound]
            let oldStart = firstLine + oldBefore[run.lowerBound] + (oldCount == 0 ? 0 : 1)
            let newStart = firstLine + newBefore[run.lowerBound] + (newCount == 0 ? 0 : 1)
            return Hunk(oldStart: oldStart, oldCount: oldCount, newStart: newStart, newCount: newCount, body: body)
        }
    }

    /// What follows a line that has no line break.
    private static let noNewlineMarker = Array("\n\\ No newline at end of file\n".utf8)

    /// True when git quotes a name that holds this text: for a `"`, a `\`, a control or a non-ASCII byte.
    static func needsQuotes(_ text: String) -> Bool {
        func needsQuote(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F }
        return text.withUTF8Bytes { $0.contains(where: needsQuote) }
    }

    /// The name as git prints it: C-quoted when it holds `"`, `\`, a control or a non-ASCII byte.
    static func quoted(_ name: String) -> String {
        guard needsQuotes(name) else { return name }
        let bytes = Array(name.utf8)
        var text = "\""
        for byte in bytes {
            switch byte {
            case 0x07: text += "\\a"
            case 0x08: text += "\\b"
            case 0x09: text += "\\t"
            case 0x0A: text += "\\n"
            case 0x0B: text += "\\v"
            case 0x0C: text += "\\f"
            case 0x0D: text += "\\r"
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case 0x20...0x7E: text.append(Character(Unicode.Scalar(byte)))
            default:
                let octal = String(byte, radix: 8)
                text += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return text + "\""
    }
}
