import YAMLKit

/// Renders a YAML template: libyaml parses it, placeholder scalars are replaced by nodes, and the tree is emitted.
///
/// Because values replace whole nodes after parsing, a value can never change a document's structure: `a\nb: c`,
/// `}`, `*alias` or `!!binary x` in a `.string` value come out as that one string. Rules:
/// - a scalar that is exactly `${name}` (plain or quoted alike) is replaced by the value's node (``TemplateValue``);
///   `.omitted` leaves out the pair or item holding it, and cannot stand for a document or a key;
/// - a scalar with text around placeholders (`${name}-ca`) takes `.string`, `.integer` or `.bool` values and yields
///   one string;
/// - a key may be a placeholder, and takes text values only; a mapping whose rendered keys repeat is refused (Helm
///   would keep the last one, silently);
/// - a placeholder scalar keeps its anchor and cannot carry a tag (the value's type decides);
/// - comments in the template are not copied (libyaml does not report them): they document the template only.
struct YAMLTemplateRenderer {
    /// The template.
    let file: TemplateFile
    /// The template's parse with each document's shape, or the error parsing it gave (``TemplateSet`` keeps it
    /// between renders).
    let parsed: Result<Parsed, YAMLError>
    /// The values and the record of what was used.
    let resolver: PlaceholderResolver

    /// A template's parse, and where in each document its placeholders are.
    struct Parsed: Sendable {
        /// The parse.
        var stream: YAMLStream
        /// Each document's shape, in order.
        var shapes: [Shape]
    }

    /// Where a template node's placeholders are, found once when the template is parsed, so that a render copies
    /// the parts without any as they are instead of rebuilding them node by node.
    ///
    /// Not `indirect`: its nested shapes are already held in arrays. An `indirect` version, whose initializers assign
    /// `self`, leaked every shape it made under the fuzzer's AddressSanitizer (LeakSanitizer, CI's fuzz run).
    enum Shape: Sendable {
        /// A node the render leaves as it is: no placeholder in it, and no mapping in it whose keys repeat (such a
        /// mapping is refused, so it must be looked at).
        case fixed
        /// A scalar that holds a `$`: its text scanned for placeholders, or where the scan failed.
        case scalar(Result<PlaceholderText, PlaceholderText.Malformed>)
        /// A mapping with each pair's key shape (a key is `.scalar` when it is a scalar that holds a `$`, else
        /// `.fixed`: a render replaces placeholders in scalar keys only) and value shape; `keysCanRepeat` is false
        /// when its keys are all fixed and distinct, so the rendered keys need no comparing.
        case mapping([(key: Shape, value: Shape)], keysCanRepeat: Bool)
        /// A sequence with each item's shape.
        case sequence([Shape])

        /// The shape of a node.
        init(of node: YAMLNode) {
            switch node.content {
            case .alias:
                self = .fixed
            case .scalar(let text):
                self = Shape(ofScalar: text)
            case .sequence(let items):
                let shapes = items.map(Shape.init(of:))
                self = shapes.allSatisfy(\.isFixed) ? .fixed : .sequence(shapes)
            case .mapping(let pairs):
                let shapes = pairs.map { pair -> (key: Shape, value: Shape) in
                    (pair.key.scalarText.map(Shape.init(ofScalar:)) ?? .fixed, Shape(of: pair.value))
                }
                var keys: Set<String> = []
                let keysRepeat = pairs.contains { pair in
                    pair.key.scalarText.map { !keys.insert($0).inserted } ?? false
                }
                let keysFixed = shapes.allSatisfy(\.key.isFixed)
                self =
                    !keysRepeat && keysFixed && shapes.allSatisfy(\.value.isFixed)
                    ? .fixed : .mapping(shapes, keysCanRepeat: keysRepeat || !keysFixed)
            }
        }

        /// A scalar's shape: `.fixed` without a `$`, else its scan.
        init(ofScalar text: String) {
            guard YAMLTemplateRenderer.holdsDollar(text) else {
                self = .fixed
                return
            }
            self = .scalar(Result { () throws(PlaceholderText.Malformed) in try PlaceholderText(scanning: text) })
        }

        /// True for `.fixed`.
        var isFixed: Bool {
            if case .fixed = self { true } else { false }
        }
    }

    /// Creates a renderer of a template, parsed here unless `parsed` is given.
    init(file: TemplateFile, parsed: Result<Parsed, YAMLError>? = nil, resolver: PlaceholderResolver) {
        self.file = file
        self.parsed = parsed ?? Self.parse(file)
        self.resolver = resolver
    }

    /// A template's parse with its documents' shapes, or the error.
    static func parse(_ file: TemplateFile) -> Result<Parsed, YAMLError> {
        do {
            let stream = try YAMLParser().parse(bytes: file.bytes, fileName: file.displayPath)
            return .success(Parsed(stream: stream, shapes: stream.documents.map { Shape(of: $0.root) }))
        } catch {
            return .failure(error)
        }
    }

    /// The emitted documents.
    func render() throws(TemplateError) -> [UInt8] {
        let roots = try substitutedDocuments()
        do {
            return try YAMLEmitter().emit(documents: roots)
        } catch {
            throw TemplateError(
                .emitFailed, "the rendered template cannot be written: \(error.message)",
                location: SourceLocation(file: file.displayPath), underlying: error)
        }
    }

    /// Every document's root with its placeholders replaced.
    func substitutedDocuments() throws(TemplateError) -> [YAMLNode] {
        let template: Parsed
        do {
            template = try parsed.get()
        } catch {
            throw TemplateError(
                .invalidYAML, "the template is not valid YAML: \(error.message)",
                location: SourceLocation(
                    file: file.displayPath, line: error.position?.line, column: error.position?.column),
                sourceLine: error.sourceLine, fix: error.fix, underlying: error)
        }
        let source = template.stream.source
        var roots: [YAMLNode] = []
        for (document, shape) in zip(template.stream.documents, template.shapes) {
            guard let root = try substitute(document.root, shape: shape, source: source) else {
                throw error(.wrongValueKind, "a whole document cannot be omitted", at: document.root, source: source)
            }
            roots.append(root)
        }
        return roots
    }

    /// The node with its placeholders replaced, or nil when an `.omitted` value leaves it out. A `.fixed` part is
    /// returned as it is: rebuilt, it would come out the same.
    private func substitute(_ node: YAMLNode, shape: Shape, source: SourceText) throws(TemplateError) -> YAMLNode? {
        switch (node.content, shape) {
        case (_, .fixed), (.alias, _):
            return node
        case (.sequence(let items), .sequence(let shapes)):
            var result = node
            var substituted: [YAMLNode] = []
            for (item, shape) in zip(items, shapes) {
                if let item = try substitute(item, shape: shape, source: source) { substituted.append(item) }
            }
            result.content = .sequence(substituted)
            return result
        case (.mapping(let pairs), .mapping(let shapes, let keysCanRepeat)):
            var result = node
            var substituted: [YAMLPair] = []
            substituted.reserveCapacity(pairs.count)
            var keys: Set<String> = []
            for (pair, shape) in zip(pairs, shapes) {
                let key: YAMLNode
                if case .scalar(let scanned) = shape.key {
                    key = try substituteKey(pair.key, scanned: scanned, source: source)
                } else {
                    key = pair.key
                }
                // Collecting answers every placeholder with "", so rendered keys are only compared in a real render.
                if keysCanRepeat, !resolver.collecting, let text = key.scalarText, !keys.insert(text).inserted {
                    throw error(
                        .duplicateKey, "the key \(text.debugDescription) appears twice in this mapping once rendered",
                        at: pair.key, source: source, fix: "a key placeholder must not repeat another key")
                }
                if let value = try substitute(pair.value, shape: shape.value, source: source) {
                    substituted.append(YAMLPair(key: key, value: value))
                }
            }
            result.content = .mapping(substituted)
            return result
        case (.scalar, .scalar(let scanned)):
            return try substitute(scalar: node, scanned: scanned, source: source)
        case (.sequence, _), (.mapping, _), (.scalar, _):
            preconditionFailure("a template node's shape is made from the node")
        }
    }

    /// A key with its placeholders replaced; a key takes text values only.
    private func substituteKey(
        _ key: YAMLNode, scanned result: Result<PlaceholderText, PlaceholderText.Malformed>, source: SourceText
    ) throws(TemplateError) -> YAMLNode {
        let scanned = try self.scanned(result, of: key, source: source)
        for case .placeholder(let name, _) in scanned.segments {
            let value = try lookUp(name, in: key, source: source)
            guard value.text != nil else {
                throw error(
                    .wrongValueKind, "the key placeholder ${\(name)} takes text, not \(value.kindName)",
                    at: key, placeholder: name, source: source)
            }
        }
        return try substitute(scalar: key, scanned: result, source: source) ?? key
    }

    /// A scalar that holds a `$`, with its placeholders replaced.
    private func substitute(
        scalar node: YAMLNode, scanned result: Result<PlaceholderText, PlaceholderText.Malformed>, source: SourceText
    ) throws(TemplateError) -> YAMLNode? {
        let scanned = try self.scanned(result, of: node, source: source)
        guard scanned.hasPlaceholders else {
            var literal = node
            literal.content = .scalar(scanned.segments.map { if case .text(let t) = $0 { t } else { "" } }.joined())
            return literal
        }
        if node.tag != nil {
            throw error(
                .wrongValueKind, "a placeholder scalar cannot carry a tag: the value's type decides how it is written",
                at: node, source: source, fix: "remove the tag")
        }
        var result: YAMLNode
        if let whole = scanned.wholePlaceholder {
            guard let replacement = try lookUp(whole.name, in: node, source: source).node else { return nil }
            result = replacement
        } else {
            var joined = ""
            for segment in scanned.segments {
                switch segment {
                case .text(let literal):
                    joined += literal
                case .placeholder(let name, _):
                    let value = try lookUp(name, in: node, source: source)
                    guard let text = value.text else {
                        throw error(
                            .wrongValueKind,
                            "${\(name)} stands inside a longer scalar, so it takes text, not \(value.kindName)",
                            at: node, placeholder: name, source: source,
                            fix: "make ${\(name)} the whole scalar, or pass a string")
                    }
                    joined += text
                }
            }
            result = .string(joined)
        }
        if let anchor = node.anchor { result.anchor = anchor }
        return result
    }

    /// True when a scalar's text holds a `$` (only such text can hold a placeholder), looked for in its contiguous
    /// UTF-8 rather than byte by byte through the view's iterator (every scalar of a template, at every render).
    static func holdsDollar(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "$")) }
            ?? text.utf8.contains(UInt8(ascii: "$"))
    }

    /// The placeholders of a scalar's text.
    private func scanned(
        _ result: Result<PlaceholderText, PlaceholderText.Malformed>, of node: YAMLNode, source: SourceText
    ) throws(TemplateError) -> PlaceholderText {
        do {
            return try result.get()
        } catch {
            throw self.error(
                .malformedPlaceholder, "`${` must start a placeholder `${name}` (letters, digits, `_`)",
                at: node, placeholder: nil, source: source, fix: "write `$${` for a literal `${`")
        }
    }

    /// The supplied value for a placeholder, or an unknown-placeholder error at the scalar.
    private func lookUp(_ name: String, in node: YAMLNode, source: SourceText) throws(TemplateError) -> TemplateValue {
        guard let value = resolver.value(name) else {
            throw error(
                .unknownPlaceholder,
                "unknown placeholder ${\(name)}: this render supplies \(resolver.suppliedValueNames)",
                at: node, placeholder: name, source: source,
                fix: "use a supplied name, or write `$${` for a literal `${`")
        }
        return value
    }

    /// An error at a node, pointing at the placeholder's own text (or the malformed `${`) when it can be found in the
    /// node's source, else at the node's start.
    private func error(
        _ kind: TemplateError.Kind, _ message: String, at node: YAMLNode, placeholder: String? = nil,
        source: SourceText, fix: String? = nil
    ) -> TemplateError {
        var offset = node.span.start.offset
        let range = node.span.byteRange.clamped(to: 0..<source.bytes.count)
        let needle = placeholder.map { "${\($0)}" } ?? (kind == .malformedPlaceholder ? "${" : nil)
        if let needle, let found = Self.firstIndex(of: Array(needle.utf8), in: source.bytes[range]) { offset = found }
        return TemplateError(kind, message, file: file.displayPath, source: source, offset: offset, fix: fix)
    }

    /// The offset where `needle` first occurs in `haystack`.
    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
