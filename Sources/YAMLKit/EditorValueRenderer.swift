/// Writes new values as YAML source text for ``YAMLSourceEditor``, and says which node each text parses back to.
///
/// Scalars are written in the first style that says the same thing to Helm: the style preferred (the replaced
/// value's), the requested quoting, plain, then double quotes (which can say anything). Non-empty collections are
/// written in block style at a given indentation in block context, in flow style (`{a: 1}`, `[1, 2]`) inside flow
/// collections; empty ones are `{}` and `[]`. A string that replaces a block scalar can be written as one
/// (``blockScalar(_:preferring:indent:)``). Keys are plain when Helm reads them as the same string, else
/// double-quoted. The renderer expects nodes checked by the editor: no anchors, aliases, or tags but `!!str`, and
/// scalar keys.
struct EditorValueRenderer {
    /// Where a text goes: block context (indentation) or inside a flow collection (where `,[]{}` are syntax).
    enum Context {
        case block
        case flow
    }

    /// A value's text for one line and the node it parses back to.
    struct Inline {
        var text: String
        var node: YAMLNode
    }

    /// Spaces per nesting level in new block collections.
    var indentStep: Int

    // MARK: - Meaning

    /// True when Helm reads the plain text as that very string (not a boolean, number, null or merge key).
    static func readsAsString(plain text: String) -> Bool {
        HelmScalarResolver.readsAsString(plain: text)
    }

    /// What a scalar node means to Helm.
    static func meaning(_ node: YAMLNode) -> HelmScalar {
        HelmScalarResolver.resolve(node.scalarText ?? "", style: node.style, tag: node.tag)
    }

    /// The string Helm uses for a mapping key node (nil for keys Helm refuses, and for non-scalar keys).
    static func keyString(_ key: YAMLNode) -> String? {
        guard let text = key.scalarText else { return nil }
        // The resolver's own first step for untagged text (`resolve` reads it as `.string(text)`), without the call.
        if key.tag == nil, HelmScalarResolver.readsAsItsText(text, style: key.style) { return text }
        return HelmScalarResolver.keyString(for: HelmScalarResolver.resolve(text, style: key.style, tag: key.tag))
    }

    /// True when two nodes say the same thing to Helm: scalars by their resolved value, collections item by item
    /// in order, keys by Helm's key string; styles (flow or block, quoting) do not matter.
    static func sameMeaning(_ left: YAMLNode, _ right: YAMLNode) -> Bool {
        switch (left.content, right.content) {
        case (.scalar, .scalar):
            return meaning(left) == meaning(right)
        case (.mapping(let leftPairs), .mapping(let rightPairs)):
            guard leftPairs.count == rightPairs.count, left.tag == right.tag else { return false }
            return zip(leftPairs, rightPairs).allSatisfy { leftPair, rightPair in
                keyString(leftPair.key) != nil && keyString(leftPair.key) == keyString(rightPair.key)
                    && sameMeaning(leftPair.value, rightPair.value)
            }
        case (.sequence(let leftItems), .sequence(let rightItems)):
            guard leftItems.count == rightItems.count, left.tag == right.tag else { return false }
            return zip(leftItems, rightItems).allSatisfy { sameMeaning($0, $1) }
        case (.alias(let leftName), .alias(let rightName)):
            return leftName == rightName
        default:
            return false
        }
    }

    /// True for a scalar or an empty collection, which fit on the line of their key or dash.
    static func isInline(_ node: YAMLNode) -> Bool {
        switch node.content {
        case .scalar, .alias: true
        case .mapping(let pairs): pairs.isEmpty
        case .sequence(let items): items.isEmpty
        }
    }

    // MARK: - Scalars

    /// The text of a scalar, in the first style that keeps its meaning: `preferring`, the node's own quoting,
    /// plain, double-quoted.
    func scalar(_ node: YAMLNode, preferring: YAMLNodeStyle?, context: Context) -> Inline {
        let text = node.scalarText ?? ""
        switch Self.meaning(node) {
        case .null:
            // An empty plain scalar in a flow collection can vanish (`[a, ]` has one item): write `null` there.
            let written = text.isEmpty && context == .flow ? "null" : text
            return Inline(text: written, node: .scalar(written))
        case .bool, .int, .uint, .float:
            return Inline(text: text, node: .scalar(text))
        case .string(let string):
            var candidates: [YAMLNodeStyle] = []
            if let preferring { candidates.append(preferring) }
            if node.style == .singleQuoted || node.style == .doubleQuoted { candidates.append(node.style) }
            candidates += [.plain, .doubleQuoted]
            for style in candidates {
                if let written = Self.write(string, style: style, context: context) {
                    return Inline(text: written, node: .scalar(string, style: style))
                }
            }
            return Inline(text: YAMLDoubleQuoted.text(string), node: .scalar(string, style: .doubleQuoted))
        }
    }

    /// A string scalar as a block scalar: the header (`|`, `|-`, `|+`, or `>`/`>-`/`>+` for one line of text) and the
    /// text's lines at `indent` (empty lines stay empty), for a value that replaces a block scalar.
    ///
    /// Nil when the value is not a string, or its text cannot be written so without an indentation indicator or
    /// escapes: empty, starting with a space or tab, holding a line of spaces only, a carriage return or another
    /// character that needs an escape. A folded scalar is kept only for a single line of text (folding would join
    /// lines); otherwise the text is written literal.
    func blockScalar(_ node: YAMLNode, preferring: YAMLNodeStyle, indent: Int) -> (
        header: String, lines: [String], node: YAMLNode
    )? {
        guard node.scalarText != nil, case .string(let string) = Self.meaning(node) else { return nil }
        guard string.unicodeScalars.allSatisfy({ $0 == "\n" || Self.isSingleLinePrintable($0) }) else { return nil }
        var body = Substring(string)
        var trailingBreaks = 0
        while body.hasSuffix("\n") {
            body.removeLast()
            trailingBreaks += 1
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first(where: { !$0.isEmpty }), first.first != " ", first.first != "\t",
            !lines.contains(where: { !$0.isEmpty && $0.allSatisfy { $0 == " " || $0 == "\t" } })
        else { return nil }
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        let style: YAMLNodeStyle = preferring == .folded && lines.count == 1 ? .folded : .literal
        let lead = String(repeating: " ", count: indent)
        let written =
            lines.map { $0.isEmpty ? "" : lead + $0 } + Array(repeating: "", count: max(0, trailingBreaks - 1))
        return ((style == .folded ? ">" : "|") + chomping, written, .scalar(string, style: style))
    }

    /// A mapping key's text: plain when Helm reads it as this string, else double-quoted.
    func key(_ text: String, context: Context) -> Inline {
        if text != "<<", let plain = Self.write(text, style: .plain, context: context) {
            return Inline(text: plain, node: .scalar(text))
        }
        return Inline(text: YAMLDoubleQuoted.text(text), node: .scalar(text, style: .doubleQuoted))
    }

    /// The string written in a style, or nil when the style cannot say it.
    static func write(_ string: String, style: YAMLNodeStyle, context: Context) -> String? {
        switch style {
        case .plain:
            return isPlainSafe(string, context: context) && readsAsString(plain: string) ? string : nil
        case .singleQuoted:
            guard string.unicodeScalars.allSatisfy(isSingleLinePrintable) else { return nil }
            var text = "'"
            for character in string {
                text += character == "'" ? "''" : String(character)
            }
            return text + "'"
        case .doubleQuoted:
            return YAMLDoubleQuoted.text(string)
        default:
            return nil
        }
    }

    /// True when the text can be written as a plain scalar and read back as the same text, in this context.
    ///
    /// Deliberately stricter than YAML: no leading or trailing space, no indicator at the start (a `-` only before
    /// a non-space), no `: `, ` #`, trailing `:`, tab or line break; in flow context no `,[]{}` or `:` at all.
    static func isPlainSafe(_ string: String, context: Context) -> Bool {
        isPlainSafeASCII(string, context: context) ?? isPlainSafeScalars(string, context: context)
    }

    /// ``isPlainSafe(_:context:)`` the general way, over the text's Unicode scalars.
    static func isPlainSafeScalars(_ string: String, context: Context) -> Bool {
        let scalars = Array(string.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard first != " ", last != " ", last != ":" else { return false }
        guard scalars.allSatisfy(isSingleLinePrintable), !scalars.contains("\t") else { return false }
        if "?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if first == "-", scalars.count == 1 || scalars[1] == " " { return false }
        if string.hasPrefix("---") || string.hasPrefix("...") { return false }
        if holdsPair(string, 0x3A, 0x20) && string.contains(": ") { return false }
        if holdsPair(string, 0x20, 0x23) && string.contains(" #") { return false }
        if context == .flow, scalars.contains(where: { ",[]{}:".unicodeScalars.contains($0) }) { return false }
        return true
    }

    /// ``isPlainSafe(_:context:)`` for text of printable ASCII only (nearly every key and value), read byte by byte
    /// without gathering its scalars into an array; nil for any other text. Each byte of such text is one scalar and
    /// one character, so the answers are the general way's.
    static func isPlainSafeASCII(_ string: String, context: Context) -> Bool? {
        string.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard let first = bytes.first, let last = bytes.last else { return false }
            var previous: UInt8 = 0
            var pairs = false
            for byte in bytes {
                guard (0x20...0x7E).contains(byte) else { return nil }
                if (previous == 0x3A && byte == 0x20) || (previous == 0x20 && byte == 0x23) { pairs = true }
                if context == .flow, Self.isFlowIndicatorOrColon(byte) { pairs = true }
                previous = byte
            }
            guard first != 0x20, last != 0x20, last != 0x3A, !pairs else { return false }
            switch first {
            case 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40,
                0x60:
                return false  // ?:,[]{}#&*!|>'"%@`
            case 0x2D:
                if bytes.count == 1 || bytes[1] == 0x20 { return false }
            default:
                break
            }
            if bytes.count >= 3, first == 0x2D || first == 0x2E, bytes[1] == first, bytes[2] == first { return false }
            return true
        } ?? nil
    }

    /// True for `,[]{}:`, which plain text inside a flow collection must not hold.
    static func isFlowIndicatorOrColon(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x3A: true
        default: false
        }
    }

    /// True when the text's UTF-8 holds the byte `first` directly followed by `second`: a byte scan that rules out
    /// `String.contains` of those two one-scalar characters (a generic search, about 5,800 instructions a call)
    /// whenever it finds nothing, as for nearly every value and key.
    static func holdsPair(_ string: String, _ first: UInt8, _ second: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in string.utf8 {
            if byte == second, previous == first { return true }
            previous = byte
        }
        return false
    }

    /// True for a character libyaml accepts inside a one-line scalar without an escape (tabs included).
    static func isSingleLinePrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: true
        case 0x20...0x7E: true
        case 0xA0...0xD7FF: true
        case 0xE000...0xFFFD: scalar.value != 0xFEFF && scalar.value != 0x2028 && scalar.value != 0x2029
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    // MARK: - Collections

    /// A scalar or an empty collection on one line; in block context an empty collection is `{}` or `[]`.
    func inline(_ node: YAMLNode, preferring: YAMLNodeStyle?, context: Context) -> Inline {
        switch node.content {
        case .mapping(let pairs) where pairs.isEmpty:
            return Inline(text: "{}", node: .mapping([], style: .flow))
        case .sequence(let items) where items.isEmpty:
            return Inline(text: "[]", node: .sequence([], style: .flow))
        case .mapping, .sequence:
            return flow(node)
        default:
            return scalar(node, preferring: preferring, context: context)
        }
    }

    /// Any node in flow style: `{key: value, ...}`, `[item, ...]`, or a flow-safe scalar.
    func flow(_ node: YAMLNode) -> Inline {
        switch node.content {
        case .mapping(let pairs):
            var texts: [String] = []
            var written: [YAMLPair] = []
            for pair in pairs {
                let key = key(pair.key.scalarText ?? "", context: .flow)
                let value = flow(pair.value)
                texts.append("\(key.text): \(value.text)")
                written.append(YAMLPair(key: key.node, value: value.node))
            }
            return Inline(text: "{" + texts.joined(separator: ", ") + "}", node: .mapping(written, style: .flow))
        case .sequence(let items):
            let values = items.map(flow)
            return Inline(
                text: "[" + values.map(\.text).joined(separator: ", ") + "]",
                node: .sequence(values.map(\.node), style: .flow))
        default:
            return scalar(node, preferring: nil, context: .flow)
        }
    }

    /// The lines (without line breaks) of one `key: value` pair at an indentation, and the pair they parse to.
    func pair(key keyText: String, value: YAMLNode, indent: Int) -> (lines: [String], pair: YAMLPair) {
        let key = key(keyText, context: .block)
        let lead = String(repeating: " ", count: indent) + key.text + ":"
        if Self.isInline(value) {
            let written = inline(value, preferring: nil, context: .block)
            let line = written.text.isEmpty ? lead : lead + " " + written.text
            return ([line], YAMLPair(key: key.node, value: written.node))
        }
        let (lines, node) = block(value, indent: indent + indentStep)
        return ([lead] + lines, YAMLPair(key: key.node, value: node))
    }

    /// The lines of a non-empty collection in block style, every line starting at `indent`, and the node they
    /// parse to. Sequence items that are collections start on their dash line (`- key: value`).
    func block(_ node: YAMLNode, indent: Int) -> (lines: [String], node: YAMLNode) {
        switch node.content {
        case .mapping(let pairs):
            var lines: [String] = []
            var written: [YAMLPair] = []
            for pair in pairs {
                let rendered = self.pair(key: pair.key.scalarText ?? "", value: pair.value, indent: indent)
                lines += rendered.lines
                written.append(rendered.pair)
            }
            return (lines, .mapping(written))
        case .sequence(let items):
            var lines: [String] = []
            var written: [YAMLNode] = []
            let lead = String(repeating: " ", count: indent)
            for item in items {
                if Self.isInline(item) {
                    let rendered = inline(item, preferring: nil, context: .block)
                    lines.append(rendered.text.isEmpty ? lead + "-" : lead + "- " + rendered.text)
                    written.append(rendered.node)
                } else {
                    var (itemLines, itemNode) = block(item, indent: indent + 2)
                    itemLines[0] = lead + "- " + itemLines[0].dropFirst(indent + 2)
                    lines += itemLines
                    written.append(itemNode)
                }
            }
            return (lines, .sequence(written))
        default:
            let rendered = inline(node, preferring: nil, context: .block)
            return ([String(repeating: " ", count: indent) + rendered.text], rendered.node)
        }
    }
}
