/// What to tell a person who meets one of libyaml's scanner or parser problems.
///
/// libyaml's messages say what it found; these say what to change. Matched on libyaml's own problem strings.
enum LibyamlProblemAdvice {
    static func fix(problem: String, context: String?, character: UInt8?, contextAt: SourcePosition?) -> String? {
        let opened = contextAt.map { " that starts at line \($0.line), column \($0.column)" } ?? ""
        if character == 0x09 || problem.contains("tab") {
            return "indent with spaces; YAML does not allow tab characters for indentation"
        }
        switch problem {
        case "found character that cannot start any token":
            return "quote the value if it starts with a character YAML reserves (`@`, a backtick, `%`), "
                + "or check the indentation"
        case "mapping values are not allowed in this context":
            return "a `: ` inside a plain value starts a mapping: quote the value, or fix the indentation of this "
                + "line"
        case "did not find expected key":
            return "this line is indented unlike its siblings, or a quote or bracket above it is not closed; "
                + "align it with the keys of its mapping"
        case "did not find expected '-' indicator":
            return "align this sequence item's `-` with the other items"
        case "found unexpected end of stream":
            let construct = context.map { $0.hasPrefix("while scanning a ") ? String($0.dropFirst(17)) : $0 }
            return "close the \(construct ?? "construct")\(opened)"
        case "did not find expected ',' or '}'":
            return "close the flow mapping\(opened) with `}`, or separate its entries with `,`"
        case "did not find expected ',' or ']'":
            return "close the flow sequence\(opened) with `]`, or separate its items with `,`"
        case "did not find expected node content":
            return "give this key or item a value, or quote it if it starts with a reserved character"
        case "found unknown escape character":
            return "inside double quotes a backslash starts an escape: write `\\\\` for a backslash, or use single "
                + "quotes, where a backslash is just a backslash"
        case "found undefined tag handle":
            return "declare the tag handle with %TAG, or write the tag in full as `!<...>`"
        case "could not find expected ':'":
            return "add `: ` after the key, or join a value that was broken over lines"
        case "found duplicate anchor; first occurrence", "found duplicate anchor":
            return "give each anchor a different name"
        case "did not find expected <document start>":
            return "start a second document with `---` on a line of its own"
        default:
            return nil
        }
    }
}
