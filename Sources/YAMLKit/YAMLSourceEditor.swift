/// Patches a YAML file in place: sets and removes values by splicing the original bytes, so that every comment,
/// blank line, quoting style, key order, line break style (CRLF stays CRLF), byte order mark and missing final
/// newline outside the edited lines stays exactly as it was.
///
/// Paths match keys as Helm reads them (a plain `on:` is the key `true`). What each edit writes:
/// - **Replacing a scalar** rewrites only the scalar's own bytes (with its anchor or tag, if it had an unused one):
///   the rest of its line (a trailing comment) stays. The new text keeps the old style when that style can say the
///   new value (`'x'` stays single-quoted, plain `true` stays plain, a `|` block stays a block at its indentation);
///   see ``YAMLEdit/set(_:_:)``. Replacing a collection rewrites its lines; a collection written in place of a
///   scalar goes on new lines after the key's line, whose comment stays.
/// - **Adding a key** writes it after the last key of its mapping, indented like that key, directly after that
///   key's whole value: its nested lines and the comment lines after it indented deeper than that key (with any
///   blank lines between them), which belong to that value. Comments at the key's own indentation or less, and the
///   blank lines before them, belong to what comes next and stay after the new key. Missing parent mappings are
///   created, indented by the file's own step. A parent that is null (`key:`, `key: ~`) or an empty flow mapping
///   (`key: {}`) becomes a block mapping holding the new key; the comment on its line stays. Adding to a non-empty
///   flow mapping writes `, key: value` before its `}`.
/// - **Removing a key** removes its lines: the comment lines directly above it at its own indentation (no blank
///   line between), the key, its whole value and the comment lines indented deeper than the key that follow it
///   (blank lines between them included). Comments of its siblings stay. The first key of a `- key: value` item
///   gives its dash to the next key. Removing the only key of a mapping leaves an empty mapping, `parent: {}`
///   (Helm reads a null `parent:` as "delete the chart's default", which an empty mapping does not do). When the
///   removed lines end a file without a final newline, the line break before them goes too, so the file still
///   ends without one (unless a block scalar's text ends with that break).
///
/// What is refused, with a ``YAMLError`` of kind `.editor` naming the line and column and how to proceed: a path
/// through an alias, or through or at a node whose anchor aliases use (the edit would change every place that uses
/// the anchor); replacing or removing a value that defines an anchor aliases use; a mapping with a merge key
/// (`<<`), whose keys Helm reads merged with others; a key written twice in its mapping as Helm reads keys (which
/// one to edit is not clear; Helm keeps the last); a key in the explicit `? key` form whose value is rewritten
/// whole; setting below a scalar that is not null; a path that needs a new sequence item; replacing a block
/// collection or block scalar inside a sequence item or at the document root; removing a sequence item; adding a
/// line after a block scalar that ends a file without a final line break; a new value with anchors, aliases, tags
/// other than `!!str` or non-scalar keys.
///
/// Every edit is checked: the result is parsed again and must equal the original document with the edit applied
/// (``YAMLNode`` equality: content, tags, anchors and styles), every other document unchanged; any difference is an
/// error, never an output. Setting a value that is already there (to Helm: `0x1F` is 31) and removing a key that is
/// absent change nothing, so applying an edit to its own output gives the same bytes.
public struct YAMLSourceEditor: Sendable {
    /// The parsed input; its `source` holds the bytes that are edited.
    public let stream: YAMLStream
    /// The document the edits apply to.
    public let documentIndex: Int
    /// The limits for parsing the result again.
    public var limits: YAMLLimits
    /// How many leading steps of an edit's path lie in a wrapper object (an Argo CD Application, a Flux
    /// HelmRelease) rather than in Helm values; a key written twice there is read by Kubernetes, not Helm, and the
    /// refusal says so. 0 for a plain values file.
    public var wrapperDepth = 0

    /// Creates an editor of one document of a parsed input.
    public init(stream: YAMLStream, documentIndex: Int = 0, limits: YAMLLimits = .default, wrapperDepth: Int = 0) {
        self.stream = stream
        self.documentIndex = documentIndex
        self.limits = limits
        self.wrapperDepth = wrapperDepth
    }

    /// Applies the edits in order and returns the new bytes.
    public func apply(_ edits: [YAMLEdit]) throws(YAMLError) -> [UInt8] {
        try applying(edits).source.bytes
    }

    /// Applies one edit and returns the new bytes.
    public func apply(_ edit: YAMLEdit) throws(YAMLError) -> [UInt8] {
        try applying([edit]).source.bytes
    }

    /// Applies the edits in order and returns the result parsed (each edit is checked against a fresh parse, or
    /// edits that only rewrite one-line scalars apart from each other, or only add keys below one new key, all
    /// against one: see ``appliedTogether(_:)`` and ``addedTogether(_:)``).
    public func applying(_ edits: [YAMLEdit]) throws(YAMLError) -> YAMLStream {
        if edits.count > 1, let together = addedTogether(edits) ?? appliedTogether(edits) { return together }
        var current = stream
        for edit in edits {
            let session = try EditSession(stream: current, documentIndex: documentIndex, wrapperDepth: wrapperDepth)
            guard let change = try session.plan(edit) else { continue }
            current = try session.check(change, of: edit, limits: limits)
        }
        return current
    }

    /// Edits that each rewrite a one-line scalar's own bytes and nothing else, at places apart, applied with one
    /// check: each planned on the input, their splices made together, the result parsed once and required to equal
    /// the input's documents with every rewrite made (the check of one edit, over all of them).
    ///
    /// "Apart": no edit's path is another's or leads through it, and no two rewritten byte ranges touch. Planning
    /// such a rewrite reads only its path's mappings and keys, the anchors aliases use and its own scalar, none of
    /// which another such rewrite changes (a rewritten node is a scalar, not an alias, whose anchor, if it keeps
    /// one, no alias uses: the editor refuses to rewrite one that is used), and its splice changes only its own
    /// bytes; so each plans the same splice before the others as after them, and the bytes are the ones the edits
    /// give one by one. Nil when an edit is of another kind, is refused, or the result fails the check: the caller
    /// then applies the edits one by one, which gives the same error as ever.
    func appliedTogether(_ edits: [YAMLEdit]) -> YAMLStream? {
        guard let session = try? newSession() else { return nil }
        var paths: [[YAMLPathComponent]] = []
        var rewrites: [(change: EditSession.Change, route: [EditSession.ChildStep], written: YAMLNode)] = []
        for edit in edits {
            guard case .set(let path, _) = edit else { return nil }
            for other in paths where other.starts(with: path.components) || path.components.starts(with: other) {
                return nil
            }
            paths.append(path.components)
            let planned: EditSession.Change?
            do {
                planned = try session.plan(edit)
            } catch {
                return nil
            }
            guard let change = planned else { continue }  // already so: the edit changes nothing
            guard let rewrite = change.scalarRewrite else { return nil }
            rewrites.append((change, rewrite.route, rewrite.written))
        }
        guard let root = session.root, !rewrites.isEmpty else { return stream }
        let splices = rewrites.flatMap(\.change.splices).sorted { $0.range.lowerBound < $1.range.lowerBound }
        for (earlier, later) in zip(splices, splices.dropFirst())
        where earlier.range.upperBound >= later.range.lowerBound {
            return nil
        }
        var intended = root
        for rewrite in rewrites {
            intended = EditSession.modify(intended, along: rewrite.route[...]) { $0 = rewrite.written }
        }
        let together = EditSession.Change(splices: splices, intendedRoot: intended, focus: rewrites[0].change.focus)
        return try? session.check(together, of: edits[0], limits: limits)
    }

    /// Edits that each add keys below one and the same new key of a block mapping (`certManager.enabled`, then
    /// `certManager.issuer.generate`, where the mapping has no `certManager`), applied as the one edit that adds that
    /// key with every value nested below it, in the edits' order: planned on the input and checked with one parse.
    ///
    /// One at a time, the first edit writes the new key's lines after the mapping's last pair; each later one finds
    /// the keys written before it and adds its own after the last of them, indented by the file's step, lines that
    /// follow on from the ones written before (the comment lines after the mapping's last pair that belong to it are
    /// already above them, and no later comment line is indented deeper than the mapping's keys). Those are the
    /// lines of the nested value written at once, so the bytes are the same. Only for paths none of which is
    /// another's or leads through it; nil otherwise, or when an edit is of another kind, is refused, or the result
    /// fails the check: the caller then applies the edits one by one, which gives the same error as ever.
    func addedTogether(_ edits: [YAMLEdit]) -> YAMLStream? {
        guard let session = try? newSession(), let root = session.root else { return nil }
        // The path to the new key, the keys below it of each edit so far, and their values nested below it.
        var newKeyPath: [YAMLPathComponent]?
        var keysBelow: [[String]] = []
        var nested: YAMLNode?
        for edit in edits {
            guard case .set(let path, let value) = edit else { return nil }
            guard let walk = try? session.walk(path, from: root) else { return nil }
            guard walk.reached < path.components.count, case .mapping(let pairs) = walk.node.content,
                walk.node.style == .block, !pairs.isEmpty
            else { return nil }
            let head = Array(path.components[...walk.reached])
            guard newKeyPath == nil || newKeyPath == head else { return nil }
            newKeyPath = head
            var keys: [String] = []
            for component in path.components[(walk.reached + 1)...] {
                guard case .key(let key) = component else { return nil }
                keys.append(key)
            }
            for other in keysBelow where other.starts(with: keys) || keys.starts(with: other) { return nil }
            keysBelow.append(keys)
            if let written = nested {
                guard let added = Self.adding(keys[...], value, to: written) else { return nil }
                nested = added
            } else {
                nested = EditSession.nest(keys[...], value)
            }
        }
        guard let newKeyPath, let nested else { return nil }
        let together = YAMLEdit.set(YAMLPath(newKeyPath), nested)
        guard let change = try? session.plan(together) else { return nil }
        return try? session.check(change, of: together, limits: limits)
    }

    /// An edit session over the input's edited document.
    private func newSession() throws(YAMLError) -> EditSession {
        try EditSession(stream: stream, documentIndex: documentIndex, wrapperDepth: wrapperDepth)
    }

    /// A mapping of new keys with `value` set below it at `keys`, after the keys it has (as an edit adds a key after
    /// the last of its mapping); nil when the path meets a value that is not such a mapping.
    static func adding(_ keys: ArraySlice<String>, _ value: YAMLNode, to mapping: YAMLNode) -> YAMLNode? {
        guard let key = keys.first, case .mapping(var pairs) = mapping.content else { return nil }
        if let index = pairs.firstIndex(where: { $0.key.scalarText == key }) {
            guard let inner = adding(keys.dropFirst(), value, to: pairs[index].value) else { return nil }
            pairs[index].value = inner
        } else {
            pairs.append(YAMLPair(key: .scalar(key), value: EditSession.nest(keys.dropFirst(), value)))
        }
        var result = mapping
        result.content = .mapping(pairs)
        return result
    }
}

/// One edit of one document: finds the node, plans the byte splices and the intended tree, and checks the result.
struct EditSession {
    /// A step from a node to one of its children.
    enum ChildStep {
        case value(pairIndex: Int)
        case item(Int)
    }

    /// Where a node sits, which decides how it may be rewritten.
    enum Placement {
        case root
        case blockPair(mapping: YAMLNode, index: Int)
        case flowPair(mapping: YAMLNode, index: Int)
        case blockItem(sequence: YAMLNode, index: Int)
        case flowItem(sequence: YAMLNode, index: Int)
    }

    /// How far a path leads: `chain[0]` is the root, `chain[i]` the node after `route[..<i]`.
    struct Walk {
        var route: [ChildStep] = []
        var chain: [YAMLNode]
        var reached: Int { route.count }
        var node: YAMLNode { chain[chain.count - 1] }
    }

    /// Bytes to replace.
    struct Splice {
        var range: Range<Int>
        var text: String
    }

    /// A document given as another one with the node at a route replaced, built only when asked for: the check of
    /// an edit's region compares the region with it along the route (see ``RegionReparse``), and building it first
    /// copied every collection on the route only to compare the copies with the originals they came from.
    struct Replacement {
        /// The document the replacement is made in.
        var base: YAMLNode
        /// Where the node is replaced; empty when `node` is the whole document.
        var route: [ChildStep]
        /// The node put there.
        var node: YAMLNode

        /// The document with the node replaced.
        var root: YAMLNode {
            route.isEmpty ? node : EditSession.modify(base, along: route[...]) { $0 = node }
        }
    }

    /// A planned edit: the splices and the document they must produce.
    struct Change {
        var splices: [Splice]
        /// The document the splices must produce.
        var intended: Replacement
        /// The offset errors point at.
        var focus: Int
        /// Set when the edit rewrites the bytes of a one-line scalar (not an alias) and nothing else: the scalar's
        /// route from the root and the node written there (see ``YAMLSourceEditor/appliedTogether(_:)``).
        var scalarRewrite: (route: [ChildStep], written: YAMLNode)? = nil

        /// The document the splices must produce, built.
        var intendedRoot: YAMLNode { intended.root }

        /// A change whose document is given whole.
        init(
            splices: [Splice], intendedRoot: YAMLNode, focus: Int,
            scalarRewrite: (route: [ChildStep], written: YAMLNode)? = nil
        ) {
            self.init(splices: splices, replacing: [], in: intendedRoot, with: intendedRoot, focus: focus)
            self.scalarRewrite = scalarRewrite
        }

        /// A change whose document is `base` with the node at `route` replaced by `node`.
        init(
            splices: [Splice], replacing route: [ChildStep], in base: YAMLNode, with node: YAMLNode, focus: Int,
            scalarRewrite: (route: [ChildStep], written: YAMLNode)? = nil
        ) {
            self.splices = splices
            self.intended = Replacement(base: base, route: route, node: node)
            self.focus = focus
            self.scalarRewrite = scalarRewrite
        }
    }

    let stream: YAMLStream
    let source: SourceText
    let documentIndex: Int
    /// The edited document's root; nil when the input holds no document at all.
    let root: YAMLNode?
    /// The anchor names that aliases in the edited document use, gathered only when an edit meets an anchored node:
    /// a document without anchors (nearly every values file) is then never walked for aliases.
    let referencedAnchors: ReferencedAnchors
    let renderer: EditorValueRenderer
    let lineBreak: String
    /// See ``YAMLSourceEditor/wrapperDepth``.
    let wrapperDepth: Int

    init(stream: YAMLStream, documentIndex: Int, wrapperDepth: Int = 0) throws(YAMLError) {
        self.wrapperDepth = wrapperDepth
        self.stream = stream
        self.source = stream.source
        self.documentIndex = documentIndex
        self.lineBreak = stream.source.lineBreak
        if stream.documents.isEmpty, documentIndex == 0 {
            root = nil
        } else if stream.documents.indices.contains(documentIndex) {
            root = stream.documents[documentIndex].root
        } else {
            let count = stream.documents.count
            throw YAMLError(
                .editor, "document \(documentIndex + 1) does not exist; the input holds \(count) document(s)",
                fix: count == 1 ? "edit document 1" : "choose a document between 1 and \(count)",
                fileName: stream.fileName)
        }
        referencedAnchors = ReferencedAnchors(root: root)
        renderer = EditorValueRenderer(indentStep: root.map(Self.indentStep) ?? 2)
    }

    // MARK: - Planning

    /// The splices for an edit, or nil when it changes nothing.
    func plan(_ edit: YAMLEdit) throws(YAMLError) -> Change? {
        switch edit {
        case .set(let path, let value):
            guard let root else {
                try validate(value, path: path, at: source.bytes.count)
                return try planIntoEmptyInput(path: path, value: value)
            }
            let walk = try walk(path, from: root)
            try validate(value, path: path, at: walk.node.span.start.offset)
            if walk.reached == path.components.count {
                return try planReplace(walk, path: path, value: value)
            }
            return try planAdd(walk, path: path, value: value)
        case .remove(let path):
            guard let root else { return nil }
            guard !path.components.isEmpty else {
                throw refuse(
                    "cannot remove the whole document", fix: "remove the keys you mean, one by one",
                    at: root.span.start.offset)
            }
            let walk = try walk(path, from: root)
            guard walk.reached == path.components.count else { return nil }
            return try planRemove(walk, path: path)
        }
    }

    /// Replaces the node at the end of a walk.
    func planReplace(_ walk: Walk, path: YAMLPath, value: YAMLNode) throws(YAMLError) -> Change? {
        let old = walk.node
        if EditorValueRenderer.sameMeaning(old, value) { return nil }
        try checkTarget(old, path: path)
        let (splices, written) = try replacement(of: old, at: placement(of: walk), with: value, path: path)
        // A one-line scalar replaced by a scalar or an empty collection: `replacement` rewrote its bytes alone.
        var rewritesScalarOnly = false
        if case .scalar = old.content, EditorValueRenderer.isInline(value) {
            switch old.style {
            case .plain, .singleQuoted, .doubleQuoted: rewritesScalarOnly = true
            default: break
            }
        }
        return Change(
            splices: splices, replacing: walk.route, in: walk.chain[0], with: written, focus: old.span.start.offset,
            scalarRewrite: rewritesScalarOnly ? (walk.route, written) : nil)
    }

    /// Adds the missing keys of a path below the last node it reached.
    func planAdd(_ walk: Walk, path: YAMLPath, value: YAMLNode) throws(YAMLError) -> Change {
        let container = walk.node
        let reachedPath = YAMLPath(Array(path.components.prefix(walk.reached)))
        var keys: [String] = []
        for component in path.components.dropFirst(walk.reached) {
            guard case .key(let key) = component else {
                throw refuse(
                    "`\(path)` needs a new sequence item below `\(reachedPath)`, which the editor does not create",
                    fix: "add the sequence item by hand, then set values inside it", at: container.span.start.offset)
            }
            keys.append(key)
        }
        let newValue = Self.nest(keys.dropFirst(), value)
        let firstKey = keys[0]
        let placement = placement(of: walk)
        let root = walk.chain[0]

        switch container.content {
        case .mapping(let pairs) where container.style == .block && !pairs.isEmpty:
            let indent = pairs[0].key.span.start.column - 1
            let rendered = renderer.pair(key: firstKey, value: newValue, indent: indent)
            let splice = try insertLines(
                rendered.lines, afterLineStartingAt: try blockEndLineStart(of: pairs[pairs.count - 1]))
            var added = container
            added.content = .mapping(pairs + [rendered.pair])
            return Change(
                splices: [splice], replacing: walk.route, in: root, with: added, focus: container.span.start.offset)
        case .mapping(let pairs) where container.style == .flow && !(pairs.isEmpty && placement.isBlockPair):
            let key = renderer.key(firstKey, context: .flow)
            let written = renderer.inline(newValue, preferring: nil, context: .flow)
            let pair = YAMLPair(key: key.node, value: written.node)
            let splice: Splice
            if let last = pairs.last {
                let at = max(last.value.span.end.offset, last.key.span.end.offset)
                splice = Splice(range: at..<at, text: ", \(key.text): \(written.text)")
            } else {
                splice = Splice(range: container.span.byteRange, text: "{\(key.text): \(written.text)}")
            }
            var added = container
            added.content = .mapping(pairs + [pair])
            return Change(
                splices: [splice], replacing: walk.route, in: root, with: added, focus: container.span.start.offset)
        case _
        where container.pairs?.isEmpty == true
            || (container.scalarText != nil && EditorValueRenderer.meaning(container) == .null):
            let mapping = YAMLNode.mapping([YAMLPair(key: .scalar(firstKey), value: newValue)])
            if case .root = placement {
                return try planRootMapping(replacing: container, with: mapping)
            }
            let (splices, written) = try replacement(of: container, at: placement, with: mapping, path: reachedPath)
            return Change(
                splices: splices, replacing: walk.route, in: root, with: written,
                focus: container.span.start.offset)
        default:
            let what = reachedPath.components.isEmpty ? "the document root" : "`\(reachedPath)`"
            throw refuse(
                "cannot set `\(path)`: \(what) is \(Self.describe(container)), not a mapping",
                fix: "set \(what) itself to a mapping if that is what you mean, or check the path",
                at: container.span.start.offset)
        }
    }

    /// Writes a mapping where the document root is null (a document holding only `---` and comments).
    func planRootMapping(replacing container: YAMLNode, with mapping: YAMLNode) throws(YAMLError) -> Change {
        let at = container.span.start.offset
        let (lines, written) = renderer.block(mapping, indent: 0)
        let text: String
        if container.span.byteRange.isEmpty, source.lineStarts.contains(at) {
            text = lines.map { $0 + lineBreak }.joined()
        } else if container.span.byteRange.isEmpty, at == source.bytes.count {
            text = lineBreak + lines.joined(separator: lineBreak)
        } else {
            throw refuse(
                "the document root is written as a null scalar (`\(container.scalarText ?? "")`); the editor does not "
                    + "rewrite it", fix: "replace it with the first key by hand", at: at)
        }
        return Change(splices: [Splice(range: at..<at, text: text)], intendedRoot: written, focus: at)
    }

    /// Writes the first document of an input that holds none (empty, or only comments).
    func planIntoEmptyInput(path: YAMLPath, value: YAMLNode) throws(YAMLError) -> Change {
        var keys: [String] = []
        for component in path.components {
            guard case .key(let key) = component else {
                throw refuse(
                    "`\(path)` needs a sequence, but the input holds no document",
                    fix: "write the document by hand", at: source.bytes.count)
            }
            keys.append(key)
        }
        guard !keys.isEmpty else {
            throw refuse(
                "cannot set the root of an input that holds no document", fix: "set a key instead",
                at: source.bytes.count)
        }
        let (lines, written) = renderer.block(Self.nest(keys[...], value), indent: 0)
        let bytes = source.bytes
        let end = bytes.count
        let text: String
        if end == 0 || (end == 3 && source.hasByteOrderMark) || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D {
            text = lines.map { $0 + lineBreak }.joined()
        } else {
            text = lineBreak + lines.joined(separator: lineBreak)
        }
        return Change(splices: [Splice(range: end..<end, text: text)], intendedRoot: written, focus: end)
    }

    /// Removes the node at the end of a walk (a mapping key and its value).
    func planRemove(_ walk: Walk, path: YAMLPath) throws(YAMLError) -> Change {
        let old = walk.node
        try checkTarget(old, path: path)
        let root = walk.chain[0]
        let parentRoute = walk.route.dropLast()
        func removingPair(_ index: Int, emptyStyle: YAMLNodeStyle) -> YAMLNode {
            Self.modify(root, along: parentRoute) { mapping in
                var pairs = mapping.pairs ?? []
                pairs.remove(at: index)
                mapping.content = .mapping(pairs)
                if pairs.isEmpty { mapping.style = emptyStyle }
            }
        }
        switch placement(of: walk) {
        case .root:
            throw refuse("cannot remove the whole document", fix: "remove its keys", at: old.span.start.offset)
        case .blockItem, .flowItem:
            throw refuse(
                "`\(path)` is a sequence item; the editor removes mapping keys, not sequence items",
                fix: "remove the item by hand, or set the whole sequence", at: old.span.start.offset)
        case .flowPair(let mapping, let index):
            let pairs = mapping.pairs ?? []
            let pair = pairs[index]
            let pairEnd = max(pair.value.span.end.offset, pair.key.span.end.offset)
            let range: Range<Int>
            if pairs.count == 1 {
                range = pair.key.span.start.offset..<pairEnd
            } else if index + 1 < pairs.count {
                range = pair.key.span.start.offset..<pairs[index + 1].key.span.start.offset
            } else {
                let previous = pairs[index - 1]
                range = max(previous.value.span.end.offset, previous.key.span.end.offset)..<pairEnd
            }
            return Change(
                splices: [Splice(range: range, text: "")], intendedRoot: removingPair(index, emptyStyle: .flow),
                focus: pair.key.span.start.offset)
        case .blockPair(let mapping, let index):
            let pairs = mapping.pairs ?? []
            let pair = pairs[index]
            let keyStart = pair.key.span.start.offset
            let endLine = try blockEndLine(of: pair)
            if pairs.count == 1 {
                let parentWalk = Walk(route: Array(parentRoute), chain: Array(walk.chain.dropLast()))
                if case .blockPair = placement(of: parentWalk) {
                    let emptied = YAMLNode.mapping([], style: .flow)
                    let parentPath = YAMLPath(Array(path.components.dropLast()))
                    let (splices, written) = try replacement(
                        of: mapping, at: placement(of: parentWalk), with: emptied, path: parentPath)
                    return Change(
                        splices: splices,
                        intendedRoot: Self.modify(root, along: parentRoute) { $0 = written },
                        focus: keyStart)
                }
                let end = source.lineRange(endLine).upperBound
                return Change(
                    splices: [Splice(range: keyStart..<end, text: "{}")],
                    intendedRoot: removingPair(index, emptyStyle: .flow), focus: keyStart)
            }
            let keyLine = source.lineIndex(ofOffset: keyStart)
            let sharesLine = source.bytes[lineContentStart(keyLine)..<keyStart].contains { $0 != 0x20 }
            if sharesLine {
                // `- first: 1` followed by more keys: the next key (or its comment) moves up after the dash.
                guard index == 0 else {
                    throw refuse(
                        "`\(path)` does not start its line; the editor cannot tell its lines apart",
                        fix: "remove it by hand", at: keyStart)
                }
                let nextStart = ownCommentStartLine(of: pairs[1], notAbove: endLine + 1)
                let nextRange = source.lineRange(nextStart)
                let firstText =
                    source.bytes[nextRange].firstIndex { $0 != 0x20 } ?? nextRange.upperBound
                return Change(
                    splices: [Splice(range: keyStart..<firstText, text: "")],
                    intendedRoot: removingPair(index, emptyStyle: .flow), focus: keyStart)
            }
            // Above the first key, the scan stops at the parent's key line, a `---` or a blank line by itself.
            let floor = index > 0 ? try blockEndLine(of: pairs[index - 1]) + 1 : 0
            let startLine = ownCommentStartLine(of: pair, notAbove: floor)
            return Change(
                splices: [removeLines(startLine...endLine)], intendedRoot: removingPair(index, emptyStyle: .flow),
                focus: keyStart)
        }
    }

    /// The splices that put `value` where `old` is, and the node they write.
    func replacement(
        of old: YAMLNode, at placement: Placement, with value: YAMLNode, path: YAMLPath
    ) throws(YAMLError) -> ([Splice], YAMLNode) {
        let preferring: YAMLNodeStyle? = old.scalarText != nil && old.tag == nil ? old.style : nil
        let oldIsInline: Bool =
            switch old.style {
            case .plain, .singleQuoted, .doubleQuoted, .flow, .alias: true
            case .literal, .folded, .block: false
            }
        switch placement {
        case .flowPair, .flowItem:
            let written = renderer.inline(value, preferring: preferring, context: .flow)
            return ([Splice(range: old.span.byteRange, text: written.text)], written.node)
        default:
            break
        }
        if oldIsInline, EditorValueRenderer.isInline(value) {
            let written = renderer.inline(value, preferring: preferring, context: .block)
            return ([spliceInline(old, text: written.text)], written.node)
        }
        guard case .blockPair(let mapping, let index) = placement else {
            let what = path.components.isEmpty ? "the document root" : "`\(path)`"
            throw refuse(
                "cannot replace \(what): the editor rewrites block collections and block scalars only as values "
                    + "of mapping keys, not as sequence items or the document root",
                fix: "edit this value by hand", at: old.span.start.offset)
        }
        let pair = (mapping.pairs ?? [])[index]
        let colonEnd = try colonEnd(after: pair.key)
        let childIndent = pair.key.span.start.column - 1 + renderer.indentStep
        if oldIsInline {
            // `key: old  # note` becomes `key:  # note` followed by the new block lines.
            let (lines, written) = renderer.block(value, indent: childIndent)
            var splices = [try insertLines(lines, afterLineStartingAt: lastLineStart(of: old))]
            if old.span.end.offset > colonEnd {
                splices.append(Splice(range: colonEnd..<old.span.end.offset, text: ""))
            }
            return (splices, written)
        }
        if old.style == .literal || old.style == .folded {
            let end = source.lineRange(lastLine(of: old)).upperBound
            if let block = renderer.blockScalar(
                value, preferring: old.style,
                indent: blockScalarIndent(of: old, keyIndent: childIndent - renderer.indentStep)
                    ?? childIndent)
            {
                // The header stays on the key's line; the text's last line break is the one already after `end`,
                // or a new one at the end of a file that had none.
                var text = ([block.header] + block.lines).joined(separator: lineBreak)
                if end == source.bytes.count, block.node.scalarText?.hasSuffix("\n") == true { text += lineBreak }
                return ([Splice(range: old.span.start.offset..<end, text: text)], block.node)
            }
            if EditorValueRenderer.isInline(value) {
                let written = renderer.inline(value, preferring: nil, context: .block)
                let range = written.text.isEmpty ? colonEnd..<end : old.span.start.offset..<end
                return ([Splice(range: range, text: written.text)], written.node)
            }
            let (lines, written) = renderer.block(value, indent: childIndent)
            return ([Splice(range: colonEnd..<end, text: lineBreak + lines.joined(separator: lineBreak))], written)
        }
        // A block collection: its lines run from the line after the key's to the end of the pair.
        let firstLine = source.lineIndex(ofOffset: colonEnd) + 1
        let lastLine = try blockEndLine(of: pair)
        if EditorValueRenderer.isInline(value) {
            let written = renderer.inline(value, preferring: nil, context: .block)
            let text = written.text.isEmpty ? "" : " " + written.text
            return ([Splice(range: colonEnd..<colonEnd, text: text), removeLines(firstLine...lastLine)], written.node)
        }
        let (lines, written) = renderer.block(value, indent: childIndent)
        return ([replaceLines(firstLine...lastLine, with: lines)], written)
    }

    /// Replaces a one-line (or flow) value's bytes; an empty value gets a space after its `:` or `-`.
    func spliceInline(_ old: YAMLNode, text: String) -> Splice {
        let range = old.span.byteRange
        if range.isEmpty, !text.isEmpty, range.lowerBound > 0, source.bytes[range.lowerBound - 1] != 0x20 {
            return Splice(range: range, text: " " + text)
        }
        return Splice(range: range, text: text)
    }

    // MARK: - Walking and checks

    /// Follows a path as far as it exists, refusing aliases, shared anchors, merge keys and duplicate keys on the way.
    func walk(_ path: YAMLPath, from root: YAMLNode) throws(YAMLError) -> Walk {
        var chain: [YAMLNode] = []
        chain.reserveCapacity(path.components.count + 1)
        chain.append(root)
        var walk = Walk(chain: chain)
        walk.route.reserveCapacity(path.components.count)
        for (depth, component) in path.components.enumerated() {
            let node = walk.node
            // Only a refusal names where the walk is.
            var shown: String {
                depth == 0 ? "the document root" : "`\(YAMLPath(Array(path.components.prefix(depth))))`"
            }
            if case .alias(let name) = node.content {
                throw refuse(
                    "`\(path)` passes through the alias *\(name) at \(shown); an edit below an alias would change "
                        + "the anchored node &\(name), and with it every place that uses the anchor",
                    fix: "edit the node anchored &\(name) by hand, or replace the alias with a copy of its value",
                    at: node.span.start.offset)
            }
            if let anchor = node.anchor, referencedAnchors.contains(anchor) {
                throw refuse(
                    "`\(path)` passes through \(shown), anchored &\(anchor), which aliases (*\(anchor)) use "
                        + "elsewhere; the edit would change every place that uses the anchor",
                    fix: "edit it by hand, or replace the aliases *\(anchor) with copies first",
                    at: node.span.start.offset)
            }
            switch (component, node.content) {
            case (.key(let key), .mapping(let pairs)):
                // One pass over the keys where they lie: the first merge key, the keys that match, any alias key.
                let keys = Self.scanKeys(of: pairs, for: key)
                if let merge = keys.firstMergeKey {
                    throw refuse(
                        "\(shown) has a merge key (`<<`), so Helm reads its keys merged with others; the editor does "
                            + "not edit such a mapping",
                        fix: "edit it by hand, or write the merged keys out and remove the `<<`",
                        at: pairs[merge].key.span.start.offset)
                }
                guard let index = keys.lastMatch else { return walk }
                // Only the mappings on the path are searched for repeated keys (the whole tree was, per edit), and
                // only when the key can be repeated: a second scalar key with its key string (the search reads scalar
                // keys as `keyString` does, merge keys aside, refused above), or an alias key, which may read as it
                // through an anchor. A key matched once in a mapping without alias keys is written once.
                let keyOffset = pairs[index].key.span.start.offset
                if keys.matchCount > 1 || keys.hasAliasKey,
                    DuplicateKeyFinder.duplicates(amongKeysOf: node, in: root).contains(where: {
                        [$0.first.start.offset, $0.duplicate.start.offset].contains(keyOffset)
                    })
                {
                    let matches = pairs.indices.filter { EditorValueRenderer.keyString(pairs[$0].key) == key }
                    let lines = matches.map { String(pairs[$0].key.span.start.line) }.joined(separator: ", ")
                    throw refuse(
                        "the key `\(key)` is written \(matches.count) times in \(shown) (lines \(lines)); "
                            + (depth < wrapperDepth ? "the last one counts" : "Helm keeps the last one")
                            + ", and the editor will not guess which one to edit",
                        fix: "remove the duplicates by hand so that each key appears once",
                        at: pairs[index].key.span.start.offset)
                }
                walk.route.append(.value(pairIndex: index))
                walk.chain.append(pairs[index].value)
            case (.index(let index), .sequence(let items)):
                guard items.indices.contains(index) else { return walk }
                walk.route.append(.item(index))
                walk.chain.append(items[index])
            default:
                return walk
            }
        }
        return walk
    }

    /// What ``walk(_:from:)`` needs to know of a mapping's keys, found in one pass.
    struct KeyScan {
        /// The index of the first merge key (`<<`), if any.
        var firstMergeKey: Int?
        /// The index of the last key whose key string (``EditorValueRenderer/keyString(_:)``) is the wanted key.
        var lastMatch: Int?
        /// How many keys have that key string.
        var matchCount = 0
        /// True when a key is an alias.
        var hasAliasKey = false
    }

    /// Reads a mapping's keys in one pass, each where its array stores it: a copy of each key node cost more than
    /// comparing it, and the three questions asked in three passes read every key three times. A plain scalar key
    /// with neither tag nor anchor whose text reads as itself is compared by its text, which is then its key string.
    static func scanKeys(of pairs: [YAMLPair], for key: String) -> KeyScan {
        var scan = KeyScan()
        pairs.withUnsafeBufferPointer { pairs in
            for index in pairs.indices {
                let node = (pairs.baseAddress! + index).pointer(to: \.key)!
                let matches: Bool
                switch node.pointee.content {
                case .scalar(let text):
                    if scan.firstMergeKey == nil, text == "<<", DuplicateKeyFinder.isMergeKey(node.pointee) {
                        scan.firstMergeKey = index
                    }
                    if node.pointee.decorations == nil,
                        HelmScalarResolver.readsAsItsText(text, style: node.pointee.style)
                    {
                        matches = text == key
                    } else {
                        matches = EditorValueRenderer.keyString(node.pointee) == key
                    }
                case .alias:
                    scan.hasAliasKey = true
                    matches = false
                case .mapping, .sequence:
                    matches = false
                }
                if matches {
                    scan.lastMatch = index
                    scan.matchCount += 1
                }
            }
        }
        return scan
    }

    /// Refuses to replace or remove a node whose anchor, or an anchor inside it, aliases use.
    func checkTarget(_ node: YAMLNode, path: YAMLPath) throws(YAMLError) {
        if let anchor = node.anchor, referencedAnchors.contains(anchor) {
            throw refuse(
                "`\(path)` is anchored &\(anchor) and aliases (*\(anchor)) use it elsewhere; changing it here would "
                    + "change every place that uses the anchor",
                fix: "edit it by hand, or replace the aliases *\(anchor) with copies first",
                at: node.span.start.offset)
        }
        var pending = Self.children(of: node)
        while let child = pending.popLast() {
            if let anchor = child.anchor, referencedAnchors.contains(anchor) {
                throw refuse(
                    "the value of `\(path)` defines the anchor &\(anchor), which aliases (*\(anchor)) use elsewhere; "
                        + "replacing or removing it would break them",
                    fix: "edit it by hand, or replace the aliases *\(anchor) with copies first",
                    at: child.span.start.offset)
            }
            pending += Self.children(of: child)
        }
    }

    /// Refuses new values the editor cannot write faithfully, pointing at the node the value would replace (or the
    /// mapping it would go into).
    func validate(_ value: YAMLNode, path: YAMLPath, at offset: Int) throws(YAMLError) {
        func bad(_ problem: String, _ fix: String) -> YAMLError {
            refuse("cannot set `\(path)`: \(problem)", fix: fix, at: offset)
        }
        var pending = [value]
        while let node = pending.popLast() {
            if node.anchor != nil { throw bad("the new value carries an anchor", "set it without anchors") }
            switch node.content {
            case .alias:
                throw bad("the new value holds an alias", "set a copy of the aliased value")
            case .scalar(let text):
                if let tag = node.tag, tag != HelmScalarResolver.stringTag {
                    throw bad("the new value has the tag \(tag); only `!!str` is written", "set it without a tag")
                }
                if EditorValueRenderer.meaning(node) != .string(text), node.style == .plain, !text.isEmpty,
                    !EditorValueRenderer.isPlainSafe(text, context: .block)
                {
                    throw bad(
                        "the plain value `\(text)` cannot be written without quotes, and quoted it would be a string",
                        "give the scalar a quoted style if a string is meant")
                }
            case .mapping(let pairs):
                if node.tag != nil { throw bad("the new mapping has a tag", "set it without a tag") }
                var seen: Set<String> = []
                for pair in pairs {
                    guard let key = pair.key.scalarText, pair.key.anchor == nil,
                        pair.key.tag == nil || pair.key.tag == HelmScalarResolver.stringTag
                    else { throw bad("the new mapping has a key that is not a plain string", "use string keys") }
                    guard key.utf8.count <= 1000 else {
                        throw bad("a new key is longer than 1000 bytes, more than YAML allows", "use a shorter key")
                    }
                    guard seen.insert(key).inserted else {
                        throw bad("the new mapping has the key `\(key)` twice", "give each key once")
                    }
                    pending.append(pair.value)
                }
            case .sequence(let items):
                if node.tag != nil { throw bad("the new sequence has a tag", "set it without a tag") }
                pending += items
            }
        }
        for component in path.components {
            if case .key(let key) = component, key.utf8.count > 1000 {
                throw bad("a key is longer than 1000 bytes, more than YAML allows", "use a shorter key")
            }
        }
    }

    /// Where the node at the end of a walk sits.
    func placement(of walk: Walk) -> Placement {
        guard let step = walk.route.last else { return .root }
        let parent = walk.chain[walk.chain.count - 2]
        switch step {
        case .value(let index):
            return parent.style == .flow
                ? .flowPair(mapping: parent, index: index) : .blockPair(mapping: parent, index: index)
        case .item(let index):
            return parent.style == .flow
                ? .flowItem(sequence: parent, index: index) : .blockItem(sequence: parent, index: index)
        }
    }

    // MARK: - Lines

    /// The offset just after the `:` that follows a block mapping key on its line.
    func colonEnd(after key: YAMLNode) throws(YAMLError) -> Int {
        let bytes = source.bytes
        var offset = key.span.end.offset
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09 { offset += 1 }
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
            throw refuse(
                "the key `\(key.scalarText ?? "")` is written in the explicit `? key` form, which the editor does "
                    + "not rewrite",
                fix: "write it as `key: value`", at: key.span.start.offset)
        }
        return offset + 1
    }

    /// The 0-based line of a node's last byte (its start line when it is empty): see ``lastLineStart(of:)``.
    func lastLine(of node: YAMLNode) -> Int {
        source.lineIndex(ofOffset: lastLineStart(of: node))
    }

    /// Where the line of a node's last byte starts (the line of its start when it is empty).
    ///
    /// A block scalar that keeps its trailing blank lines (`|+`, `>+`) ends with the last of them, whatever its span
    /// says; any other ends with its last non-blank line. A block collection ends with its last child.
    func lastLineStart(of node: YAMLNode) -> Int {
        switch node.content {
        case .mapping(let pairs) where node.style == .block && !pairs.isEmpty:
            let last = pairs[pairs.count - 1]
            return max(lastLineStart(of: last.value), lineStart(around: last.key.span.end.offset))
        case .sequence(let items) where node.style == .block && !items.isEmpty:
            return lastLineStart(of: items[items.count - 1])
        default:
            break
        }
        let range = node.span.byteRange
        var line = lineStart(around: range.isEmpty ? range.lowerBound : range.upperBound - 1)
        guard node.style == .literal || node.style == .folded else { return line }
        if keepsTrailingLines(node) {
            while let next = lineStart(after: line), next < source.bytes.count, isBlankLine(startingAt: next) {
                line = next
            }
        } else {
            let first = lineStart(around: range.lowerBound)
            while line > first, isBlankLine(startingAt: line) { line = lineStart(around: line - 1) }
        }
        return line
    }

    /// The indentation of a block scalar's text: from its indentation indicator (`|2`), else its first non-blank
    /// line; nil when it has no text.
    func blockScalarIndent(of node: YAMLNode, keyIndent: Int) -> Int? {
        let headerLine = source.lineIndex(ofOffset: node.span.start.offset)
        let header = source.bytes[node.span.start.offset..<source.lineRange(headerLine).upperBound]
        if let digit = header.first(where: { (0x31...0x39).contains($0) }) { return keyIndent + Int(digit - 0x30) }
        let last = lastLine(of: node)
        guard headerLine < last else { return nil }
        for line in (headerLine + 1)...last where !isBlank(line) {
            let range = source.lineRange(line)
            return source.bytes[range].prefix { $0 == 0x20 }.count
        }
        return nil
    }

    /// True when a block scalar's header has the keep indicator `+`.
    func keepsTrailingLines(_ node: YAMLNode) -> Bool {
        chompingIndicator(of: node) == UInt8(ascii: "+")
    }

    /// A block scalar's chomping indicator (`-` strip, `+` keep), nil when it clips.
    func chompingIndicator(of node: YAMLNode) -> UInt8? {
        let bytes = source.bytes
        var offset = node.span.start.offset
        while offset < node.span.end.offset, bytes[offset] != UInt8(ascii: "|"), bytes[offset] != UInt8(ascii: ">") {
            offset += 1
        }
        offset += 1
        while offset < node.span.end.offset,
            bytes[offset] == UInt8(ascii: "-") || bytes[offset] == UInt8(ascii: "+")
                || (0x30...0x39).contains(bytes[offset])
        {
            if bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { return bytes[offset] }
            offset += 1
        }
        return nil
    }

    /// The last lines of the block scalars whose text includes their final line break (all but `|-` and `>-`):
    /// the break after such a line must stay, or the scalar's text changes.
    func lastLinesNeedingBreak() -> Set<Int> {
        var lines: Set<Int> = []
        var pending = root.map { [$0] } ?? []
        while let node = pending.popLast() {
            if node.style == .literal || node.style == .folded, chompingIndicator(of: node) != UInt8(ascii: "-") {
                lines.insert(lastLine(of: node))
            }
            pending += Self.children(of: node)
        }
        return lines
    }

    /// The last line of a block mapping pair: its value's last line, or the last of the comment lines after it that
    /// are indented deeper than the key (they belong to the value, blank lines between them included).
    ///
    /// Taking those comments with the pair also keeps a removal safe: no line indented deeper than the key is left
    /// behind to join a block scalar above it.
    func blockEndLine(of pair: YAMLPair) throws(YAMLError) -> Int {
        source.lineIndex(ofOffset: try blockEndLineStart(of: pair))
    }

    /// Where the last line of a block mapping pair starts (see ``blockEndLine(of:)``).
    func blockEndLineStart(of pair: YAMLPair) throws(YAMLError) -> Int {
        let keyIndent = pair.key.span.start.column - 1
        var line = max(lastLineStart(of: pair.value), lineStart(around: pair.key.span.end.offset))
        var next = lineStart(after: line)
        while let candidate = next {
            if isBlankLine(startingAt: candidate) {
                next = lineStart(after: candidate)
            } else if let indent = commentIndent(lineStartingAt: candidate), indent > keyIndent {
                line = candidate
                next = lineStart(after: candidate)
            } else {
                break
            }
        }
        return line
    }

    /// True for a line of spaces and tabs only.
    func isBlank(_ line: Int) -> Bool {
        source.bytes[source.lineRange(line)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    // Lines found by reading the bytes around an offset, without the source's index of line starts: adding a key
    // after a mapping's last pair needs only the lines there, and finding every line start of the file first cost
    // more than the rest of the edit's plan. Lines break as in ``SourceText/lineStarts``: at LF, CR LF and a lone
    // CR; a line is named by the offset where it starts.

    /// Where the line holding `offset` starts: `source.lineStarts[source.lineIndex(ofOffset: offset)]`.
    func lineStart(around offset: Int) -> Int {
        let bytes = source.bytes
        var index = min(offset, bytes.count)
        while index > 0 {
            let byte = bytes[index - 1]
            if byte == 0x0A { break }
            if byte == 0x0D, index == bytes.count || bytes[index] != 0x0A { break }
            index -= 1
        }
        return index
    }

    /// Where the line after the one starting at `start` starts; nil when that line is the last.
    func lineStart(after start: Int) -> Int? {
        let bytes = source.bytes
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A:
                return index + 1
            case 0x0D:
                return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
            default:
                index += 1
            }
        }
        return nil
    }

    /// The bytes of the line starting at `start`, without its line break (``SourceText/lineRange(_:)``).
    func lineRange(startingAt start: Int) -> Range<Int> {
        let bytes = source.bytes
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return start..<end
    }

    /// True for a line of spaces and tabs only, named by its start.
    func isBlankLine(startingAt start: Int) -> Bool {
        source.bytes[lineRange(startingAt: start)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The first of the comment lines directly above a pair at the key's own indentation (the key's line if none).
    func ownCommentStartLine(of pair: YAMLPair, notAbove floor: Int) -> Int {
        let keyIndent = pair.key.span.start.column - 1
        var line = source.lineIndex(ofOffset: pair.key.span.start.offset)
        while line - 1 >= floor, commentIndent(line - 1) == keyIndent { line -= 1 }
        return line
    }

    /// The number of spaces before `#` when a line holds only a comment; nil for any other line.
    func commentIndent(_ line: Int) -> Int? {
        commentIndent(lineStartingAt: source.lineStarts[line])
    }

    /// ``commentIndent(_:)`` of the line starting at `start`.
    func commentIndent(lineStartingAt start: Int) -> Int? {
        let range = lineRange(startingAt: start)
        var offset = range.lowerBound
        if offset == 0, source.hasByteOrderMark { offset += 3 }
        let start = offset
        while offset < range.upperBound, source.bytes[offset] == 0x20 { offset += 1 }
        guard offset < range.upperBound, source.bytes[offset] == UInt8(ascii: "#") else { return nil }
        return offset - start
    }

    /// Inserts whole lines after a line, in the file's line break; at the end of a file without a final line break
    /// the new lines go after a new break and the file still ends without one.
    func insertLines(_ lines: [String], afterLine line: Int) throws(YAMLError) -> Splice {
        if line + 1 < source.lineStarts.count {
            let at = source.lineStarts[line + 1]
            return Splice(range: at..<at, text: lines.map { $0 + lineBreak }.joined())
        }
        let end = source.bytes.count
        if lastLinesNeedingBreak().contains(line) {
            throw refuse(
                "cannot add a line after the block scalar that ends this file without a final line break: the break "
                    + "the new line needs would become part of the scalar's text",
                fix: "end the file with a line break, then run again", at: source.lineStarts[line])
        }
        return Splice(range: end..<end, text: lineBreak + lines.joined(separator: lineBreak))
    }

    /// ``insertLines(_:afterLine:)`` after the line starting at `start`, without the index of line starts unless
    /// that line is the file's last.
    func insertLines(_ lines: [String], afterLineStartingAt start: Int) throws(YAMLError) -> Splice {
        guard let at = lineStart(after: start) else {
            return try insertLines(lines, afterLine: source.lineIndex(ofOffset: start))
        }
        return Splice(range: at..<at, text: lines.map { $0 + lineBreak }.joined())
    }

    /// Removes whole lines; when they end the file without a final line break, the break before them goes too
    /// (unless a block scalar's text ends with it).
    func removeLines(_ lines: ClosedRange<Int>) -> Splice {
        var start = lineContentStart(lines.lowerBound)
        let hasBreak = lines.upperBound + 1 < source.lineStarts.count
        let end = hasBreak ? source.lineStarts[lines.upperBound + 1] : source.bytes.count
        if !hasBreak, lines.lowerBound > 0, !lastLinesNeedingBreak().contains(lines.lowerBound - 1) {
            start = source.lineRange(lines.lowerBound - 1).upperBound
        }
        return Splice(range: start..<end, text: "")
    }

    /// Where a line's text starts: after the byte order mark on the first line.
    func lineContentStart(_ line: Int) -> Int {
        line == 0 && source.hasByteOrderMark ? 3 : source.lineStarts[line]
    }

    /// Replaces whole lines with new ones, keeping a missing final line break missing.
    func replaceLines(_ lines: ClosedRange<Int>, with newLines: [String]) -> Splice {
        let start = lineContentStart(lines.lowerBound)
        let hasBreak = lines.upperBound + 1 < source.lineStarts.count
        let end = hasBreak ? source.lineStarts[lines.upperBound + 1] : source.bytes.count
        let text = newLines.joined(separator: lineBreak) + (hasBreak ? lineBreak : "")
        return Splice(range: start..<end, text: text)
    }

    // MARK: - Checking the result

    /// Applies the splices, parses the result and requires exactly the intended documents. Where the edit lies
    /// inside whole pairs of a block mapping, only those lines are parsed again (``RegionReparse``): the same tree
    /// and positions, the rest of the file proven to read as before; any doubt, and any difference from the intended
    /// document, parses the whole result, which decides and words the error.
    func check(_ change: Change, of edit: YAMLEdit, limits: YAMLLimits) throws(YAMLError) -> YAMLStream {
        var bytes = source.bytes
        let splices = change.splices.sorted {
            ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound)
        }
        var floor = Int.max
        for splice in splices {
            precondition(splice.range.upperBound <= floor, "overlapping splices")
            bytes.replaceSubrange(splice.range, with: Array(splice.text.utf8))
            floor = splice.range.lowerBound
        }
        if let first = splices.last, let last = splices.first,
            let result = RegionReparse.result(
                of: stream, editing: documentIndex, bytes: bytes,
                changed: first.range.lowerBound..<max(last.range.upperBound, first.range.upperBound),
                intended: change.intended, limits: limits)
        {
            return result
        }
        let fix =
            "edit this part of the file by hand; the file was left unchanged (please report the input: the "
            + "editor should have refused or succeeded)"
        let result: YAMLStream
        do {
            result = try YAMLParser(limits: limits).parse(bytes: bytes, fileName: stream.fileName)
        } catch {
            throw refuse(
                "`\(edit)` would produce a file that does not parse (\(error.message))", fix: fix, at: change.focus)
        }
        guard Self.holdsIntendedDocuments(result, original: stream, editing: documentIndex, as: change.intendedRoot)
        else {
            throw refuse("`\(edit)` would not produce the intended document", fix: fix, at: change.focus)
        }
        return result
    }

    /// True when `result`'s document roots are exactly the original's with the edited one replaced by `intended`
    /// (an input without documents: `intended` alone), by ``YAMLNode`` equality. Compared in place: gathering both
    /// lists of roots into arrays first only made two arrays to throw away.
    static func holdsIntendedDocuments(
        _ result: YAMLStream, original: YAMLStream, editing documentIndex: Int, as intended: YAMLNode
    ) -> Bool {
        let count = max(original.documents.count, 1)
        guard result.documents.count == count else { return false }
        for index in 0..<count {
            let expected = index == documentIndex ? intended : original.documents[index].root
            guard result.documents[index].root == expected else { return false }
        }
        return true
    }

    // MARK: - Helpers

    func refuse(_ message: String, fix: String, at offset: Int) -> YAMLError {
        YAMLError(.editor, message, fix: fix, fileName: stream.fileName, source: source, offset: offset)
    }

    /// `value` below the keys, innermost last: `nest(["a", "b"], v)` is `{a: {b: v}}`.
    static func nest(_ keys: ArraySlice<String>, _ value: YAMLNode) -> YAMLNode {
        keys.reversed().reduce(value) { inner, key in .mapping([YAMLPair(key: .scalar(key), value: inner)]) }
    }

    /// The node with the node at the end of `route` changed.
    static func modify(
        _ node: YAMLNode, along route: ArraySlice<ChildStep>, _ change: (inout YAMLNode) -> Void
    ) -> YAMLNode {
        var node = node
        guard let step = route.first else {
            change(&node)
            return node
        }
        switch (step, node.content) {
        case (.value(let index), .mapping(var pairs)):
            pairs[index].value = modify(pairs[index].value, along: route.dropFirst(), change)
            node.content = .mapping(pairs)
        case (.item(let index), .sequence(var items)):
            items[index] = modify(items[index], along: route.dropFirst(), change)
            node.content = .sequence(items)
        default:
            break
        }
        return node
    }

    static func children(of node: YAMLNode) -> [YAMLNode] {
        switch node.content {
        case .mapping(let pairs): pairs.flatMap { [$0.key, $0.value] }
        case .sequence(let items): items
        case .scalar, .alias: []
        }
    }

    /// The anchor names that aliases in a tree refer to.
    static func aliasNames(in root: YAMLNode) -> Set<String> {
        var names: Set<String> = []
        collectAliasNames(in: root, into: &names)
        return names
    }

    /// Adds the alias names below a node, visiting children in place: gathering each node's children into a new
    /// array first cost about 470K instructions a values file, at every edit. Recursion is as deep as the tree,
    /// which the parser's depth limit bounds (``YAMLNode`` equality recurses the same way).
    private static func collectAliasNames(in node: YAMLNode, into names: inout Set<String>) {
        switch node.content {
        case .scalar:
            break
        case .alias(let name):
            names.insert(name)
        case .mapping(let pairs):
            for pair in pairs {
                collectAliasNames(in: pair.key, into: &names)
                collectAliasNames(in: pair.value, into: &names)
            }
        case .sequence(let items):
            for item in items { collectAliasNames(in: item, into: &names) }
        }
    }

    /// The file's indentation step: how much deeper the first nested block mapping's keys sit than their parent's.
    static func indentStep(in root: YAMLNode) -> Int {
        var pending = [root]
        while let node = pending.popLast() {
            guard node.style == .block else { continue }
            if let pairs = node.pairs {
                for pair in pairs {
                    if pair.value.style == .block, let first = pair.value.pairs?.first {
                        let step = first.key.span.start.column - pair.key.span.start.column
                        if step > 0, first.key.span.start.line > pair.key.span.start.line { return step }
                    }
                }
            }
            pending += children(of: node).reversed()
        }
        return 2
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text):
            text.contains(where: \.isNewline) || text.count > 60
                ? "a scalar (\(text.count) characters)" : "the scalar `\(text)`"
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        case .alias(let name): "the alias *\(name)"
        }
    }
}

/// The anchor names that aliases in a document use, gathered from the whole document on the first question and kept
/// for the rest of the edit. A node is refused for its anchor only when that anchor is among them; asking only about
/// anchored nodes gives the same answers as gathering the names up front.
final class ReferencedAnchors {
    private let root: YAMLNode?
    private var gathered: Set<String>?

    init(root: YAMLNode?) {
        self.root = root
    }

    /// True when an alias in the document refers to `anchor`.
    func contains(_ anchor: String) -> Bool {
        if let gathered { return gathered.contains(anchor) }
        let names = root.map(EditSession.aliasNames) ?? []
        gathered = names
        return names.contains(anchor)
    }
}

extension EditSession.Placement {
    var isBlockPair: Bool {
        if case .blockPair = self { return true }
        return false
    }
}
