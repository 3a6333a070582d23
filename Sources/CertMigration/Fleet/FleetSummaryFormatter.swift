/// Renders the fleet summary a piece at a time (header, one row per cluster, footer with the totals), so a fleet of
/// any size is printed as it is processed and never held in memory.
///
/// The same rows give the same bytes in every run; the text table's name column is as wide as the longest name,
/// which is known before the first cluster is read.
public struct FleetSummaryFormatter: Sendable {
    /// The summary formats.
    public enum Format: String, Sendable, CaseIterable {
        /// An aligned table, failed clusters' first error under their row, totals at the end.
        case text
        /// A Markdown table and a table of totals by strategy (for a pull-request comment).
        case markdown
        /// One JSON document: `schemaVersion`, `clusters` (the rows) and `totals`.
        case json
        /// RFC 4180 CSV, one row per cluster with a header row; no totals (they would not be rows).
        case csv

        /// The file extension of a summary file in this format.
        public var fileExtension: String {
            switch self {
            case .text: "txt"
            case .markdown: "md"
            case .json: "json"
            case .csv: "csv"
            }
        }
    }

    /// The format.
    public var format: Format
    /// The width of the text table's cluster column (the longest cluster name).
    public var nameWidth: Int

    /// The severities in the order the columns show them.
    static let severities: [Severity] = [.error, .security, .warning, .info]

    /// The severities in the order of their names' bytes: a JSON row's `findings` keys, sorted.
    static let severitiesByName = severities.sorted { UTF8Order.precedes($0.rawValue, $1.rawValue) }

    /// Creates a formatter; `clusterNames` sizes the text table's first column.
    public init(format: Format, clusterNames: some Sequence<String>) {
        self.format = format
        self.nameWidth = clusterNames.reduce("CLUSTER".count) { max($0, $1.count) }
    }

    /// What comes before the first row.
    public func header() -> String {
        switch format {
        case .text:
            return pad("CLUSTER", nameWidth) + "  " + pad("STATUS", 17) + "  " + pad("STRATEGY", 16)
                + "  ERRORS  SECURITY  WARNINGS  INFO  FILES\n"
        case .markdown:
            return "| Cluster | Status | Strategy | Errors | Security | Warnings | Info | Files | Detail |\n"
                + "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n"
        case .json:
            return "{\n  \"clusters\" : ["
        case .csv:
            return "cluster,status,strategy,errors,security,warnings,info,files_written,detail\n"
        }
    }

    /// One cluster's row; `index` is its 0-based position (JSON separates rows with commas).
    public func row(_ row: FleetRow, index: Int) -> String {
        let counts = Self.severities.map { row.count($0) }
        let strategy = row.strategy?.rawValue ?? "-"
        switch format {
        case .text:
            // Written into one string with room for it: joining a dozen pieces cost more than the rest of a row.
            var line = ""
            line.reserveCapacity(nameWidth + 80 + row.detail.utf8.count)
            appendPadded(row.cluster, nameWidth, to: &line)
            line += "  "
            appendPadded(row.status.rawValue, 17, to: &line)
            line += "  "
            appendPadded(strategy, 16, to: &line)
            // The last column is right-aligned: no line ends in spaces.
            appendPaddedLeft(counts[0], 6, to: &line)
            appendPaddedLeft(counts[1], 8, to: &line)
            appendPaddedLeft(counts[2], 8, to: &line)
            appendPaddedLeft(counts[3], 4, to: &line)
            appendPaddedLeft(row.filesWritten, 5, to: &line)
            line += "\n"
            if !row.detail.isEmpty {
                line += "  "
                line += row.detail
                line += "\n"
            }
            return line
        case .markdown:
            let cells =
                [markdownCell(row.cluster), row.status.rawValue, strategy] + counts.map(String.init)
                + [String(row.filesWritten), markdownCell(row.detail)]
            return "| " + cells.joined(separator: " | ") + " |\n"
        case .json:
            // Written into one string with room for it, like a text row; the members in their keys' sorted order.
            var line = index == 0 ? "\n" : ",\n"
            line.reserveCapacity(200 + row.cluster.utf8.count + row.detail.utf8.count)
            line += "    { \"cluster\" : "
            appendJSONString(row.cluster, to: &line)
            line += ", \"detail\" : "
            appendJSONString(row.detail, to: &line)
            line += ", \"filesWritten\" : "
            line += String(row.filesWritten)
            line += ", \"findings\" : { "
            for (position, severity) in Self.severitiesByName.enumerated() {
                if position > 0 { line += ", " }
                appendJSONString(severity.rawValue, to: &line)
                line += " : "
                line += String(row.count(severity))
            }
            line += " }, \"status\" : "
            appendJSONString(row.status.rawValue, to: &line)
            line += ", \"strategy\" : "
            if let strategy = row.strategy {
                appendJSONString(strategy.rawValue, to: &line)
            } else {
                line += "null"
            }
            line += " }"
            return line
        case .csv:
            let fields =
                [row.cluster, row.status.rawValue, row.strategy?.rawValue ?? ""] + counts.map(String.init)
                + [String(row.filesWritten), row.detail]
            return fields.map(csvField).joined(separator: ",") + "\n"
        }
    }

    /// What comes after the last row: the totals (nothing more for CSV).
    public func footer(_ totals: FleetTotals) -> String {
        let statuses = FleetRow.Status.allCases.map { ($0, totals.count($0)) }
        let strategies = totals.strategyCounts
        switch format {
        case .text:
            let byStatus = statuses.map { "\($1) \(statusWords($0))" }.joined(separator: ", ")
            let byStrategy = strategies.map { "\(strategyName($0.strategy)) \($0.count)" }.joined(separator: ", ")
            return "\n\(clusterCount(totals.clusters)): \(byStatus); \(totals.filesWritten) files written\n"
                + "by strategy: \(byStrategy.isEmpty ? "-" : byStrategy)\n"
        case .markdown:
            let byStatus = statuses.map { "\($1) \(statusWords($0))" }.joined(separator: ", ")
            var text = "\n**\(clusterCount(totals.clusters))**: \(byStatus); \(totals.filesWritten) files written.\n"
            text += "\n| Strategy | Clusters |\n| --- | ---: |\n"
            for (strategy, count) in strategies { text += "| \(strategyName(strategy)) | \(count) |\n" }
            return text
        case .json:
            let byStatus = statuses.map { "\(jsonString($0.rawValue)) : \($1)" }.sorted().joined(separator: ", ")
            let byStrategy = strategies.map { "\(jsonString($0.strategy?.rawValue ?? "no-strategy")) : \($0.count)" }
                .sorted().joined(separator: ", ")
            return (totals.clusters == 0 ? "]" : "\n  ]") + ",\n  \"schemaVersion\" : 1,\n  \"totals\" : {\n"
                + "    \"byStatus\" : { \(byStatus) },\n    \"byStrategy\" : { \(byStrategy) },\n"
                + "    \"clusters\" : \(totals.clusters),\n    \"filesWritten\" : \(totals.filesWritten)\n  }\n}\n"
        case .csv:
            return ""
        }
    }

    func clusterCount(_ count: Int) -> String { count == 1 ? "1 cluster" : "\(count) clusters" }

    func statusWords(_ status: FleetRow.Status) -> String {
        switch status {
        case .nothingToChange: "nothing to change"
        case .changeNeeded: "change needed"
        case .failed: "failed"
        }
    }

    func strategyName(_ strategy: Strategy?) -> String { strategy?.rawValue ?? "no strategy" }

    /// `text.count`, read from the bytes when every character is one ASCII byte (a CR may start a two-byte one).
    func characterCount(_ text: String) -> Int {
        let utf8 = text.utf8
        return utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") } ? utf8.count : text.count
    }

    /// `text` left-aligned in `width` columns, appended to `line`.
    func appendPadded(_ text: String, _ width: Int, to line: inout String) {
        line += text
        let count = characterCount(text)
        if count < width { line += Self.spaces(width - count) }
    }

    /// Two spaces, then a number right-aligned in `width` columns, appended to `line`.
    func appendPaddedLeft(_ number: Int, _ width: Int, to line: inout String) {
        // The usual counts, padded, come from a table made once: making the number's text and appending it and its
        // padding cost about 900 instructions a column.
        if number >= 0, number < Self.paddedNumberLimit, width < Self.paddedNumbers.count {
            line += Self.paddedNumbers[width][number]
            return
        }
        line += Self.paddedNumber(number, width)
    }

    /// Two spaces, then `number` right-aligned in `width` columns.
    static func paddedNumber(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return spaces(2 + max(0, width - text.utf8.count)) + text
    }

    /// The numbers below which ``paddedNumbers`` holds each one's text.
    static let paddedNumberLimit = 16

    /// ``paddedNumber(_:_:)`` of 0 to 15 in each width from 0 to 8 (the widths the text columns use), made once.
    static let paddedNumbers = (0...8).map { width in (0..<paddedNumberLimit).map { paddedNumber($0, width) } }

    /// `count` spaces.
    static func spaces(_ count: Int) -> String {
        count < spaceRuns.count ? spaceRuns[count] : String(repeating: " ", count: count)
    }

    /// Runs of 0 to 32 spaces, made once.
    static let spaceRuns = (0...32).map { String(repeating: " ", count: $0) }

    /// `text` left-aligned in `width` columns (a longer text is kept whole).
    func pad(_ text: String, _ width: Int) -> String {
        var line = ""
        appendPadded(text, width, to: &line)
        return line
    }

    func markdownCell(_ text: String) -> String {
        var cell = ""
        for character in text {
            switch character {
            case "|": cell += "\\|"
            case "\n", "\r": cell += " "
            default: cell.append(character)
            }
        }
        return cell
    }

    func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var field = "\""
        for character in text {
            if character == "\"" { field += "\"" }
            field.append(character)
        }
        return field + "\""
    }

    func jsonString(_ text: String) -> String {
        var json = ""
        appendJSONString(text, to: &json)
        return json
    }

    /// `text` in quotes, `"`, `\` and the control characters escaped (`\n`, `\r`, `\t`, else `\u00xx`), appended to
    /// `json`. A text with nothing to escape (nearly every one) is appended whole rather than a scalar at a time.
    func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscape else {
            json += text
            json += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
