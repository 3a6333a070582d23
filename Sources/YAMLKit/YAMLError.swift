/// An error reading, resolving, emitting or editing YAML, located in the input and worded so a person can fix it.
///
/// Printed, it reads like a compiler diagnostic:
///
/// ```
/// values.yaml:4:3: error: found a tab character where indentation was expected
///     	enabled: true
///     ^
/// fix: indent with spaces; YAML does not allow tabs for indentation
/// ```
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. A struct over a private enum, so kinds can be added without breaking callers.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable, Hashable {
            case encoding, reader, scanner, parser, composer, limitExceeded, resolver, emitter, editor
        }
        private let code: Code

        /// The input is not UTF-8 (invalid bytes, UTF-16, NUL).
        public static let encoding = Kind(code: .encoding)
        /// libyaml's reader refused the input (a control character, an unexpected end).
        public static let reader = Kind(code: .reader)
        /// libyaml's scanner refused the input (tabs, unclosed quotes, bad indentation).
        public static let scanner = Kind(code: .scanner)
        /// libyaml's parser refused the token stream (a missing `:`, an unclosed bracket).
        public static let parser = Kind(code: .parser)
        /// The events did not form a valid tree (an alias to an unknown anchor).
        public static let composer = Kind(code: .composer)
        /// A limit (size, depth, documents, alias expansion) was exceeded.
        public static let limitExceeded = Kind(code: .limitExceeded)
        /// A node has no value for Helm (a merge key onto a non-mapping, an unsupported key).
        public static let resolver = Kind(code: .resolver)
        /// libyaml's emitter refused a tree.
        public static let emitter = Kind(code: .emitter)
        /// A source edit could not be made safely.
        public static let editor = Kind(code: .editor)

        /// The kind's name, as shown in `description`.
        public var description: String {
            switch code {
            case .limitExceeded: "limit exceeded"
            default: code.rawValue
            }
        }
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// What went wrong, in a sentence.
    public var message: String
    /// How to fix it, when there is something to say.
    public var fix: String?
    /// The input's name (a path or `<stdin>`); empty when there is none.
    public var fileName: String
    /// Where it went wrong, when the failure has a place.
    public var position: SourcePosition?
    /// The source line at `position`, without its line break, a secret value on it hidden (``SecretLineRedactor``).
    public var sourceLine: String?

    /// Creates an error.
    public init(
        _ kind: Kind, _ message: String, fix: String? = nil, fileName: String = "",
        position: SourcePosition? = nil, sourceLine: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.fix = fix
        self.fileName = fileName
        self.position = position
        self.sourceLine = sourceLine
    }

    /// Creates an error at a byte offset of a source, quoting its line with any secret value hidden.
    public init(
        _ kind: Kind, _ message: String, fix: String? = nil, fileName: String, source: SourceText, offset: Int
    ) {
        let position = source.position(ofOffset: offset)
        self.init(
            kind, message, fix: fix, fileName: fileName, position: position,
            sourceLine: SecretLineRedactor.redactedLine(position.line, of: source))
    }

    /// `file:line:column`, as much of it as is known.
    public var location: String {
        var parts: [String] = []
        if !fileName.isEmpty { parts.append(fileName) }
        if let position { parts.append("\(position.line):\(position.column)") }
        return parts.joined(separator: ":")
    }

    /// The one-line snippet with a caret under the column, or nil without a line.
    public var snippet: String? {
        guard let sourceLine, let position else { return nil }
        // Tabs stay tabs so the caret lines up in a terminal.
        let lead = sourceLine.unicodeScalars.prefix(position.column - 1).map { $0 == "\t" ? "\t" : " " }
        let shown = sourceLine.count > 200 ? String(sourceLine.prefix(200)) + "..." : sourceLine
        return "    \(shown)\n    \(lead.joined())^"
    }

    /// The compiler-style rendering: `file:line:column: error: message`, the snippet, then the fix.
    public var description: String {
        let location = self.location
        var text = location.isEmpty ? "error: \(message)" : "\(location): error: \(message)"
        if let snippet { text += "\n" + snippet }
        if let fix { text += "\nfix: \(fix)" }
        return text
    }
}
