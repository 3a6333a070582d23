/// One step of a ``YAMLPath``: a mapping key or a sequence index.
public enum YAMLPathComponent: Sendable, Hashable, CustomStringConvertible {
    /// The value of the mapping key with this text.
    case key(String)
    /// The item at this 0-based index of a sequence.
    case index(Int)

    /// The component as written in a dotted path: `key` with `\`, `.`, `[` and `]` escaped, or `[index]`.
    public var description: String {
        switch self {
        case .key(let key):
            var text = ""
            for character in key {
                if character == "\\" || character == "." || character == "[" || character == "]" { text.append("\\") }
                text.append(character)
            }
            return text
        case .index(let index):
            return "[\(index)]"
        }
    }
}

/// The place of a node in a document: mapping keys and sequence indexes from the root.
///
/// Written as a dotted path, `certificates.certManager.enabled`, `tolerations[0].key`; a key that holds a dot or a
/// bracket escapes it with a backslash: `podAnnotations.prometheus\.io/scrape`. The empty path is the root.
public struct YAMLPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The steps from the root, in order.
    public var components: [YAMLPathComponent]

    /// Creates a path from its steps.
    public init(_ components: [YAMLPathComponent]) {
        self.components = components
    }

    /// Creates a path of mapping keys, none of them escaped: `YAMLPath(keys: ["a.b", "c"])`.
    public init(keys: [String]) {
        self.components = keys.map { .key($0) }
    }

    /// Reads a dotted path (`a.b[0].c`, `\` escaping `.`, `[`, `]` and `\` inside keys).
    ///
    /// Throws a ``YAMLError`` of kind `.editor` for an empty key (`a..b`, a trailing dot), an unclosed or non-numeric
    /// index, or a dangling backslash.
    public init(parsing text: String) throws(YAMLError) {
        var components: [YAMLPathComponent] = []
        var key = ""
        var keyStarted = false
        var afterIndex = false
        var characters = Array(text)[...]
        func refuse(_ problem: String) -> YAMLError {
            YAMLError(
                .editor, "the path `\(text)` is not valid: \(problem)",
                fix: "write keys separated by dots and indexes in brackets, e.g. `tolerations[0].key`; escape a dot "
                    + "inside a key with a backslash, e.g. `podAnnotations.prometheus\\.io/scrape`")
        }
        while let character = characters.popFirst() {
            switch character {
            case "\\":
                guard let escaped = characters.popFirst() else { throw refuse("it ends with a lone backslash") }
                if afterIndex { throw refuse("expected `.` or `[` after `]`") }
                key.append(escaped)
                keyStarted = true
            case ".":
                if keyStarted {
                    components.append(.key(key))
                } else if !afterIndex {
                    throw refuse("it has an empty key")
                }
                key = ""
                keyStarted = false
                afterIndex = false
                if characters.isEmpty { throw refuse("it ends with a dot") }
            case "[":
                if keyStarted {
                    components.append(.key(key))
                    key = ""
                    keyStarted = false
                } else if !afterIndex, !components.isEmpty {
                    throw refuse("it has an empty key before `[`")
                }
                guard let close = characters.firstIndex(of: "]") else { throw refuse("a `[` is not closed") }
                let digits = String(characters[characters.startIndex..<close])
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                    let index = Int(digits)
                else { throw refuse("`[\(digits)]` is not an index (expected digits)") }
                components.append(.index(index))
                characters = characters[(close + 1)...]
                afterIndex = true
            default:
                if afterIndex { throw refuse("expected `.` or `[` after `]`") }
                key.append(character)
                keyStarted = true
            }
        }
        if keyStarted { components.append(.key(key)) }
        self.components = components
    }

    /// Creates a path from a dotted literal; an invalid literal is a programming error and stops the program.
    public init(stringLiteral value: String) {
        do {
            try self.init(parsing: value)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// The dotted form, escaped so that ``init(parsing:)`` reads it back to the same path.
    public var description: String {
        var text = ""
        for component in components {
            if case .key = component, !text.isEmpty { text += "." }
            text += component.description
        }
        return text
    }

    /// The path with one more step.
    public func appending(_ component: YAMLPathComponent) -> YAMLPath {
        YAMLPath(components + [component])
    }
}

/// One change to make to a document by ``YAMLSourceEditor``.
public enum YAMLEdit: Sendable, Hashable, CustomStringConvertible {
    /// Sets the node at a path: replaces the value there, or adds the key (and any missing parent mappings).
    ///
    /// A plain scalar means what YAML 1.1 reads from its text, as Helm reads it (`.scalar("true")` is the boolean
    /// true); a quoted or block scalar, or one tagged `!!str`, is a string (`.scalar("on", style: .doubleQuoted)`).
    /// The editor picks how a string is written: in the replaced value's own style when that style can say it
    /// (a block scalar stays a block scalar), else in the requested quotes, else plain when Helm reads the plain
    /// text as that same string, else in double quotes. Collections are written in block style (in flow style
    /// inside a flow collection), keys plain unless Helm would read them as something else.
    case set(YAMLPath, YAMLNode)
    /// Removes the key at a path, with its comment lines directly above and its whole value; nothing happens when
    /// the key is not there.
    case remove(YAMLPath)

    /// The path the edit applies to.
    public var path: YAMLPath {
        switch self {
        case .set(let path, _), .remove(let path): path
        }
    }

    /// `set a.b = value` or `remove a.b`.
    public var description: String {
        switch self {
        case .set(let path, let value): "set \(path) = \(value)"
        case .remove(let path): "remove \(path)"
        }
    }
}
