import YAMLKit

/// A template that cannot be rendered: unknown file, unknown placeholder, wrong kind of value, or a template that
/// does not parse, with the template file's line and column.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// No template has this name, or no renderer handles its file type.
        case unknownTemplate
        /// The template uses a placeholder or section the render does not supply.
        case unknownPlaceholder
        /// `${` not followed by a name and `}`, or a section marker that is not alone on its line.
        case malformedPlaceholder
        /// A value of a kind the place cannot take (a list inside a longer scalar, a line break in a `.txt` value).
        case wrongValueKind
        /// A YAML mapping whose rendered keys repeat.
        case duplicateKey
        /// A section opened and not closed, or closed without being opened.
        case unbalancedSection
        /// A Markdown or text template that is not UTF-8.
        case invalidEncoding
        /// The YAML template does not parse (the libyaml error is in `underlying`).
        case invalidYAML
        /// The rendered tree could not be written (the libyaml error is in `underlying`).
        case emitFailed
    }

    /// What went wrong.
    public var kind: Kind
    /// What was found and what was expected.
    public var message: String
    /// The template file, and the line and column when the failure has a place.
    public var location: SourceLocation
    /// The template line at the location, without its line break.
    public var sourceLine: String?
    /// How to fix it.
    public var fix: String?
    /// The YAMLKit error behind `.invalidYAML` and `.emitFailed`.
    public var underlying: YAMLError?

    /// Creates an error.
    public init(
        _ kind: Kind, _ message: String, location: SourceLocation, sourceLine: String? = nil, fix: String? = nil,
        underlying: YAMLError? = nil
    ) {
        self.kind = kind
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.fix = fix
        self.underlying = underlying
    }

    /// An error at a byte offset of a template, quoting its line.
    init(_ kind: Kind, _ message: String, file: String, source: SourceText, offset: Int, fix: String? = nil) {
        let position = source.position(ofOffset: offset)
        self.init(
            kind, message, location: SourceLocation(file: file, line: position.line, column: position.column),
            sourceLine: source.lineText(position.line), fix: fix)
    }

    /// The compiler-style rendering: `file:line:column: error: message`, the line with a caret, then the fix.
    public var description: String {
        var text = "\(location): error: \(message)"
        if let sourceLine, let column = location.column {
            let lead = sourceLine.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\n    \(sourceLine)\n    \(lead)^"
        }
        if let fix { text += "\nfix: \(fix)" }
        return text
    }
}
