import YAMLKit

/// Where a diagnostic points: a file and, when known, a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The file, as the user named it (a path relative to where the tool ran, or `--flag` for a command-line fact).
    public var file: String
    /// The 1-based line, or nil when the location is a whole file or a flag.
    public var line: Int?
    /// The 1-based column, or nil.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location of a parsed node's start.
    public init(file: String, span: SourceSpan) {
        self.init(file: file, line: span.start.line, column: span.start.column)
    }

    /// `file:line:column`, as much as is known.
    ///
    /// Made in one piece, the numbers written as bytes straight into the new string: appending `:line`, then
    /// `:column`, to the file's name grew the string twice, and a string made for each number cost more than the
    /// rest, for each of the facts' origins and values' places a plan writes out.
    public var description: String {
        guard let line else { return file }
        let column = line > 0 ? self.column : nil
        return file.withUTF8Bytes { name in
            String(unsafeUninitializedCapacity: name.count + 2 * (1 + ByteWriter.maxDecimalCount)) { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                if let start = name.baseAddress { ByteWriter.copy(start, count: name.count, to: base) }
                var end = name.count
                func append(_ number: Int) {
                    base[end] = UInt8(ascii: ":")
                    end += 1 + ByteWriter.writeDecimal(number, to: base + end + 1)
                }
                append(line)
                if let column { append(column) }
                return end
            }
        }
    }

    /// Orders by file, then line, then column, so reports list diagnostics in reading order.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0)
    }
}

/// How much a diagnostic matters.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Something the reader should know; nothing to do.
    case info
    /// Something that may be wrong, or a risk; the tool goes on.
    case warning
    /// Something that stops the tool from going on safely.
    case error
    /// A security risk in what the cluster or the files do now.
    case security

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .security: 2
        case .error: 3
        }
    }

    /// Orders by how much attention a diagnostic needs.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One message about the inputs, collected rather than printed, and printed compiler-style:
/// `values.yaml:41:5: warning: message`.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable identifier (`facts.unknown-key`, `values.rotation-on`), for tests, filters and the JSON output.
    public var id: String
    /// How much it matters.
    public var severity: Severity
    /// What was found, in a sentence.
    public var message: String
    /// Where, when it has a place.
    public var location: SourceLocation?
    /// How to fix it, when there is something to do.
    public var fix: String?
    /// The references that back it (`kedacore/keda#6551`, a chart file at a tag), for a reviewer to check.
    public var sources: [String]

    /// Creates a diagnostic.
    public init(
        id: String, severity: Severity, message: String, location: SourceLocation? = nil, fix: String? = nil,
        sources: [String] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.location = location
        self.fix = fix
        self.sources = sources
    }

    /// The diagnostic of a YAMLKit error, with its place, snippet and fix.
    public init(_ error: YAMLError, id: String = "yaml.invalid") {
        let location =
            error.position.map {
                SourceLocation(file: error.fileName, line: $0.line, column: $0.column)
            } ?? (error.fileName.isEmpty ? nil : SourceLocation(file: error.fileName))
        self.init(id: id, severity: .error, message: error.message, location: location, fix: error.fix)
    }

    /// `file:line:column: severity: message`, then `fix: ...` on its own line when there is one.
    public var description: String {
        let head = location.map { "\($0): " } ?? ""
        let label = severity == .security ? "warning: security" : severity.rawValue
        var text = "\(head)\(label): \(message)"
        if let fix { text += "\n  fix: \(fix)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// The diagnostics in reading order: by file, line and column (those without a place first), then by id.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { left, right in
            let l = left.location ?? SourceLocation(file: "")
            let r = right.location ?? SourceLocation(file: "")
            return l == r ? left.id < right.id : l < r
        }
    }

    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
