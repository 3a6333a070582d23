/// The parse of an edited file, made by parsing again only the lines around the edit, where libyaml is bound to read
/// everything else exactly as it read the original.
///
/// The edit changed bytes inside `changed` only. A region is a run of whole pairs of one block mapping `M` that
/// holds `changed`: from the start of the line of one pair's key to the start of the line of a later pair's key of
/// `M`, or, when the run ends `M`, of the next key after `M` (of a mapping around `M`, at a shallower column), or to
/// the end of the input when only comments follow in the last document. Those lines hold only spaces before their
/// key, so the region starts and ends at line starts, with `M`'s keys at column `c`. Lines added after a pair's value
/// (and the comment lines after it) may start a region of their own, without that pair, unless the value ends with a
/// block scalar (`|+` keeps the blank lines after it). The mappings on the way from the root to the change each give
/// regions; the smallest of the deepest that parses alone is taken.
///
/// Why the rest of the file parses as before, in libyaml's terms:
/// - **Before the region** the bytes are the original's, so libyaml is in the original's state at the region's
///   start: block context (no flow collection open: `M` is a block mapping inside block collections only), at the
///   start of a line, with `M` open at indentation `c`.
/// - **In the region**, the first line starts with `c` spaces and a key, which ends whatever the pair before it
///   left open (a plain or block scalar needs lines indented deeper than `c`; a comment or blank line first could
///   have continued a block scalar, so it is refused). The region parsed alone starts libyaml at a line start in block
///   context too; it opens a block mapping at `c` where the whole file continues `M` at `c`. Every later line either
///   is blank, a comment, or has its content at column `c` or deeper (a line less indented would close the region's
///   root mapping and leave more content, which the parse alone refuses), so libyaml's decisions inside the region
///   compare columns against the same indentations in both parses, and the region alone yields `M`'s pairs in it.
///   A flow collection or quoted scalar left open, or a key left without its `:`, makes the parse alone fail.
/// - **After the region**, the next line starts with a key at column `c` or less (or the input ends): it ends every
///   block scalar and plain scalar of the region, closes the collections the region opened (their indentations are
///   deeper than `c`), and `M` itself when the key is shallower, as the original's same line did, and leaves libyaml
///   where that line left it in the original. From there the bytes are the original's again.
/// - What would break that is refused: a line of the region that starts a directive (`%`) or a document (`---`,
///   `...`); a byte order mark in the region; a line break libyaml counts and the source's lines do not (NEL, LS,
///   PS) in the region or before it (positions would be counted two ways); anchors in the region (an alias after it could refer to one; an alias in the region to an anchor
///   before it fails the parse alone); a directive before the document (tags in the region would resolve through
///   it). Limits are applied as to the whole: the depth below `M`'s own depth, the input size to the whole result.
///
/// The result is then the original tree with `M`'s pairs in the region replaced by the region's, every position
/// after the region moved by the bytes and lines the edit added, exactly the tree and spans a parse of the whole
/// result gives (tests compare both on random edits and random damage). Nil whenever any condition fails: the caller
/// parses the whole result, as it always did.
struct RegionReparse {
    /// How far positions after the region move.
    struct Shift {
        var bytes: Int
        var lines: Int
    }

    /// Where the region lies in the original: the pairs `pairs` of the block mapping at `route`.
    struct Region {
        var route: [EditSession.ChildStep]
        var pairs: Range<Int>
        /// The region's byte range in the original.
        var bytes: Range<Int>
        /// The 1-based line of the region's first byte.
        var firstLine: Int
        /// The 1-based line of the first byte after the region; nil when the region ends the input.
        var lineAfter: Int?
        /// The column of `M`'s keys, 0-based.
        var column: Int
        /// `M`'s nesting level: 1 for the root collection.
        var depth: Int
    }

    let original: YAMLStream
    let documentIndex: Int
    /// The edited bytes: the original's with changes inside `changed` only.
    let bytes: [UInt8]
    let changed: Range<Int>
    let limits: YAMLLimits

    /// The parse of `bytes` when the region argument holds and the region's pairs are `intended`'s there (the rest
    /// of `intended` being the original's); nil otherwise.
    static func result(
        of original: YAMLStream, editing documentIndex: Int, bytes: [UInt8], changed: Range<Int>,
        intended: YAMLNode, limits: YAMLLimits
    ) -> YAMLStream? {
        result(
            of: original, editing: documentIndex, bytes: bytes, changed: changed,
            intended: EditSession.Replacement(base: intended, route: [], node: intended), limits: limits)
    }

    /// ``result(of:editing:bytes:changed:intended:limits:)`` for an intended document given as a replacement in the
    /// original's (``EditSession/Replacement``), compared without building it.
    static func result(
        of original: YAMLStream, editing documentIndex: Int, bytes: [UInt8], changed: Range<Int>,
        intended: EditSession.Replacement, limits: YAMLLimits
    ) -> YAMLStream? {
        let reparse = RegionReparse(
            original: original, documentIndex: documentIndex, bytes: bytes, changed: changed, limits: limits)
        guard let parsed = reparse.parsedRegion() else { return nil }
        let root = original.documents[documentIndex].root
        let region = parsed.region
        let holds =
            intended.route.isEmpty || intended.base == root
            ? Self.holds(
                replacing: intended.route[...], with: intended.node, in: root, along: region.route[...],
                region: region.pairs, pairs: parsed.pairs)
            : Self.holds(
                intended.root, original: root, along: region.route[...], region: region.pairs, pairs: parsed.pairs)
        guard holds else { return nil }
        return reparse.stream(parsed)
    }

    /// The parse of `bytes` that the region argument gives, without comparing it with anything; nil when the
    /// argument does not hold. (For tests, which compare it with a parse of the whole.)
    static func predictedParse(
        of original: YAMLStream, editing documentIndex: Int, bytes: [UInt8], changed: Range<Int>, limits: YAMLLimits
    ) -> YAMLStream? {
        let reparse = RegionReparse(
            original: original, documentIndex: documentIndex, bytes: bytes, changed: changed, limits: limits)
        return reparse.parsedRegion().map(reparse.stream)
    }

    // MARK: - Finding and parsing the region

    /// The region parsed alone.
    struct ParsedRegion {
        var region: Region
        /// The region's pairs, their positions already those of the whole result.
        var pairs: [YAMLPair]
        /// Where the region's mapping starts, as the whole result's: `M`'s start when the region holds its first pair
        /// (a mapping without tag or anchor starts where libyaml reads its first key, `?` of an explicit one).
        var mappingStart: SourcePosition
        /// How far everything after the region moves.
        var shift: Shift
        /// For a region that ends the input, where its document now ends.
        var documentEnd: SourcePosition?
    }

    /// The region, parsed alone; nil when the argument does not hold for it or it does not parse alone.
    func parsedRegion() -> ParsedRegion? {
        let old = original.source.bytes
        guard original.documents.indices.contains(documentIndex), changed.upperBound <= old.count,
            bytes.count <= min(limits.maxInputBytes, YAMLLimits.largestInputBytes)
        else { return nil }
        let document = original.documents[documentIndex]
        guard !Self.holdsDirectiveLine(old[..<min(document.span.start.offset, old.count)]) else { return nil }
        let regions = regions(in: document.root, isLastDocument: documentIndex == original.documents.count - 1)
        // The deepest first: a key added after a mapping's last pair may belong to a mapping around it, whose
        // region then holds it.
        for region in regions.reversed() {
            if let parsed = parsed(region) { return parsed }
        }
        return nil
    }

    /// One region, parsed alone; nil when the argument does not hold for it or it does not parse alone.
    func parsed(_ region: Region) -> ParsedRegion? {
        let old = original.source.bytes
        let delta = bytes.count - old.count
        let newRange = region.bytes.lowerBound..<(region.bytes.upperBound + delta)
        guard !newRange.isEmpty, newRange.upperBound <= bytes.count,
            Self.startsWithKey(bytes[newRange], column: region.column),
            Self.isIndented(bytes[newRange], atLeast: region.column),
            region.lineAfter == nil || Self.endsWithLineBreak(bytes[newRange]),
            Self.linesAreSafe(bytes[newRange]), Self.linesAreSafe(old[region.bytes]),
            let regionRoot = original.documents[documentIndex].root.node(along: region.route[...]),
            case .mapping(let oldPairs) = regionRoot.content,
            !oldPairs[region.pairs].contains(where: Self.holdsAnchor),
            region.pairs.lowerBound > 0 || regionRoot.decorations == nil,
            original.source.isASCII || !Self.holdsBreakTheSourceDoesNotCount(old[..<region.bytes.lowerBound])
        else { return nil }
        let oldBreaks = Self.lineBreakCount(old[region.bytes])
        if let lineAfter = region.lineAfter, region.firstLine + oldBreaks != lineAfter { return nil }
        var regionLimits = limits
        regionLimits.maxDepth = limits.maxDepth - (region.depth - 1)
        guard regionLimits.maxDepth >= 1,
            let parsed = try? YAMLParser(limits: regionLimits).parse(
                bytes: Array(bytes[newRange]), fileName: original.fileName),
            parsed.documents.count == 1, let document = parsed.documents.first, !document.hasExplicitStart,
            document.root.style == .block, document.root.decorations == nil,
            case .mapping(var pairs) = document.root.content, !pairs.contains(where: Self.holdsAnchor)
        else { return nil }
        let base = Shift(bytes: newRange.lowerBound, lines: region.firstLine - 1)
        Self.move(&pairs, by: base)
        let documentEnd = region.lineAfter == nil ? Self.moved(document.span.end, by: base) : nil
        let shift = Shift(bytes: delta, lines: Self.lineBreakCount(bytes[newRange]) - oldBreaks)
        return ParsedRegion(
            region: region, pairs: pairs, mappingStart: Self.moved(document.root.span.start, by: base), shift: shift,
            documentEnd: documentEnd)
    }

    /// The regions that hold `changed`, from the root's down through block collections (the deepest last).
    ///
    /// At each block mapping the region is its pairs from the one whose lines hold the change's start to the last
    /// one holding its end. It ends where the next pair's key line starts; after the mapping's last pair, where the
    /// line of the next key after the mapping starts (a key of a mapping around it, at a shallower column, which
    /// ends the mapping just as a key of its own would end its last pair), or at the end of the input when nothing
    /// but comments follows in the last document.
    func regions(in root: YAMLNode, isLastDocument: Bool) -> [Region] {
        let old = original.source.bytes
        var node = root
        var route: [EditSession.ChildStep] = []
        var depth = 1
        var found: [Region] = []
        // Where the line of the next key after `node` starts, and its line; nil when it is not known. `line` nil:
        // the end of the input.
        var next: (offset: Int, line: Int?)? = isLastDocument ? (old.count, nil) : nil
        while node.style == .block {
            switch node.content {
            case .mapping(let pairs):
                // The pair whose lines hold the change's start, and the first later pair starting at or after its end.
                // A change that starts where a key's line starts may add lines to the pair before (a key added
                // after that pair's value), so that pair's lines are taken too.
                // The pairs are read where they lie: copying a pair out to read a position cost a retain and a
                // release a node.
                let steps = pairs.withUnsafeBufferPointer { pairs -> (first: Int, after: Int)? in
                    var first = -1
                    for index in pairs.indices.reversed()
                    where Self.roughLineStart(at: pairs[index].key.span.start) < changed.lowerBound {
                        first = index
                        break
                    }
                    if first < 0 {
                        for index in pairs.indices.reversed()
                        where Self.roughLineStart(at: pairs[index].key.span.start) <= changed.lowerBound {
                            first = index
                            break
                        }
                    }
                    guard first >= 0 else { return nil }
                    var after = pairs.count
                    for index in (first + 1)..<pairs.count
                    where Self.roughLineStart(at: pairs[index].key.span.start) >= changed.upperBound {
                        after = index
                        break
                    }
                    if after < pairs.count {
                        let key = pairs[after].key.span.start
                        next = Self.lineStart(ofKeyAt: key, in: old).map { ($0, key.line) }
                    }
                    let key = pairs[first].key.span.start
                    if let start = Self.lineStart(ofKeyAt: key, in: old), let end = next {
                        found.append(
                            Region(
                                route: route, pairs: first..<after, bytes: start..<end.offset, firstLine: key.line,
                                lineAfter: end.line, column: key.column - 1, depth: depth))
                        // Lines added after that pair's value: the region can start where they do, without the pair.
                        if let line = afterValue(of: (pairs.baseAddress! + first).pointer(to: \.value)!) {
                            found.append(
                                Region(
                                    route: route, pairs: (first + 1)..<after, bytes: changed.lowerBound..<end.offset,
                                    firstLine: line, lineAfter: end.line, column: key.column - 1, depth: depth))
                        }
                    }
                    return (first, after)
                }
                guard let (first, after) = steps, after == first + 1 else { return found }
                route.append(.value(pairIndex: first))
                node = pairs[first].value
            case .sequence(let items):
                guard let item = items.lastIndex(where: { $0.span.start.offset <= changed.lowerBound }),
                    item + 1 == items.count || changed.upperBound <= items[item + 1].span.start.offset
                else { return found }
                // The next item's line starts at its dash, which is not looked for: below an item that is not the
                // last, the next key is not known.
                if item + 1 < items.count { next = nil }
                route.append(.item(item))
                node = items[item]
            case .scalar, .alias:
                return found
            }
            depth += 1
        }
        return found
    }

    /// The line of the change's start, when the change starts at a line start after everything of `pair`: its
    /// value, and the comment and blank lines after it (never a directive or document line, nor a line break the
    /// source does not count). Nil otherwise, and when the value ends with a block scalar, whose text may hold the
    /// blank lines that follow it (`|+`), so that lines added after them would change it.
    ///
    /// Then the region may start at the change rather than at the pair's key: before it, the bytes are the
    /// original's, and nothing after them could belong to the pair (the region's first line, a key at the pair's
    /// column, ends it, as the original's next such line did).
    func afterValue(of value: UnsafePointer<YAMLNode>) -> Int? {
        let old = original.source.bytes
        let start = changed.lowerBound
        let valueEnd = value.pointee.span.end
        guard start > 0, start <= old.count, old[start - 1] == 0x0A || old[start - 1] == 0x0D,
            valueEnd.offset <= start, !Self.endsWithBlockScalar(value),
            Self.linesAreSafe(old[valueEnd.offset..<start])
        else { return nil }
        return valueEnd.line + Self.lineBreakCount(old[valueEnd.offset..<start])
    }

    /// True when the last scalar of a node, the one it ends with, is a block scalar (`|` or `>`). The nodes are
    /// read where they lie.
    static func endsWithBlockScalar(_ node: UnsafePointer<YAMLNode>) -> Bool {
        var last = node
        while true {
            if let pairs = last.pointee.pairsInPlace, let base = pairs.baseAddress, !pairs.isEmpty {
                last = (base + pairs.count - 1).pointer(to: \.value)!
            } else if let items = last.pointee.itemsInPlace, let base = items.baseAddress, !items.isEmpty {
                last = base + items.count - 1
            } else {
                return last.pointee.style == .literal || last.pointee.style == .folded
            }
        }
    }

    // MARK: - Building the result

    /// The result: the original's documents, the edited one with the region's pairs in place of the old ones and
    /// everything after them moved; the documents after it moved.
    func stream(_ parsed: ParsedRegion) -> YAMLStream {
        let shift = parsed.shift
        var documents = original.documents
        var document = documents[documentIndex]
        document.root = Self.replacing(
            parsed.region.pairs, with: parsed.pairs, startingAt: parsed.mappingStart, in: document.root,
            along: parsed.region.route[...], shift)
        if let regionDocumentEnd = parsed.documentEnd {
            document.span.end = max(regionDocumentEnd, document.root.span.end)
        } else {
            document.span.end = Self.moved(document.span.end, by: shift)
        }
        documents[documentIndex] = document
        for index in (documentIndex + 1)..<documents.count {
            Self.move(&documents[index].root, by: shift)
            documents[index].span.start = Self.moved(documents[index].span.start, by: shift)
            documents[index].span.end = Self.moved(documents[index].span.end, by: shift)
        }
        return YAMLStream(fileName: original.fileName, documents: documents, source: SourceText(bytes))
    }

    /// `node` with the pairs `range` of the mapping at `route` replaced by `pairs`, the nodes after them moved, and
    /// each block collection on the way ending where its last child now ends (as the parser ends one).
    static func replacing(
        _ range: Range<Int>, with pairs: [YAMLPair], startingAt start: SourcePosition, in node: YAMLNode,
        along route: ArraySlice<EditSession.ChildStep>, _ shift: Shift
    ) -> YAMLNode {
        var node = node
        switch (route.first, node.content) {
        case (nil, .mapping(let old)):
            var new = Array(old[..<range.lowerBound])
            new.reserveCapacity(old.count - range.count + pairs.count)
            new += pairs
            new += old[range.upperBound...]
            move(&new, from: range.lowerBound + pairs.count, by: shift)
            if range.lowerBound == 0 { node.span.start = start }
            node.span.end = new[new.count - 1].value.span.end
            node.content = .mapping(new)
        case (.value(let index), .mapping(var children)):
            node.content = .scalar("")  // lets the children be changed in place
            children[index].value = replacing(
                range, with: pairs, startingAt: start, in: children[index].value, along: route.dropFirst(), shift)
            move(&children, from: index + 1, by: shift)
            node.span.end = children[children.count - 1].value.span.end
            node.content = .mapping(children)
        case (.item(let index), .sequence(var children)):
            node.content = .scalar("")
            children[index] = replacing(
                range, with: pairs, startingAt: start, in: children[index], along: route.dropFirst(), shift)
            for later in (index + 1)..<children.count { move(&children[later], by: shift) }
            node.span.end = children[children.count - 1].span.end
            node.content = .sequence(children)
        default:
            preconditionFailure("the region's route leads through block collections only")
        }
        return node
    }

    /// Moves a node and everything below it.
    static func move(_ node: inout YAMLNode, by shift: Shift) {
        node.span.start = moved(node.span.start, by: shift)
        node.span.end = moved(node.span.end, by: shift)
        switch node.content {
        case .scalar, .alias:
            return
        case .mapping(var pairs):
            node.content = .scalar("")  // lets the pairs be changed in place once copied
            move(&pairs, by: shift)
            node.content = .mapping(pairs)
        case .sequence(var items):
            node.content = .scalar("")
            for index in items.indices { move(&items[index], by: shift) }
            node.content = .sequence(items)
        }
    }

    /// Moves the pairs from `start` on, and everything below them.
    static func move(_ pairs: inout [YAMLPair], from start: Int = 0, by shift: Shift) {
        for index in start..<pairs.count {
            move(&pairs[index].key, by: shift)
            move(&pairs[index].value, by: shift)
        }
    }

    /// A position moved by a shift. Every position moved is one of the result (the edited bytes, which
    /// ``parsedRegion()`` requires to be within ``YAMLLimits/largestInputBytes``), so its numbers need no clamping.
    static func moved(_ position: SourcePosition, by shift: Shift) -> SourcePosition {
        SourcePosition(
            insideInputOffset: position.offset + shift.bytes, line: position.line + shift.lines,
            column: position.column)
    }

    // MARK: - Comparing with the intended tree

    /// True when `intended` is `original` with the pairs `region` of the mapping at `route` replaced by `pairs`,
    /// by ``YAMLNode`` equality (content, tags, anchors, styles). Only the nodes on the route are compared child by
    /// child; the rest is compared whole, which the intended tree, built from the original's, makes quick (shared
    /// storage compares at once).
    static func holds(
        _ intended: YAMLNode, original: YAMLNode, along route: ArraySlice<EditSession.ChildStep>, region: Range<Int>,
        pairs: [YAMLPair]
    ) -> Bool {
        guard intended.style == original.style, intended.tag == original.tag, intended.anchor == original.anchor
        else { return false }
        switch (route.first, intended.content, original.content) {
        case (nil, .mapping(let new), .mapping(let old)):
            let kept = old.count - region.count
            guard new.count == kept + pairs.count else { return false }
            return samePairs(new, from: 0, old, from: 0, count: region.lowerBound)
                && samePairs(new, from: region.lowerBound, pairs, from: 0, count: pairs.count)
                && samePairs(
                    new, from: region.lowerBound + pairs.count, old, from: region.upperBound,
                    count: old.count - region.upperBound)
        case (.value(let index), .mapping(let new), .mapping(let old)):
            guard new.count == old.count, samePairs(new, from: 0, old, from: 0, count: index),
                samePairs(new, from: index + 1, old, from: index + 1, count: new.count - index - 1),
                new[index].key == old[index].key
            else { return false }
            return holds(
                new[index].value, original: old[index].value, along: route.dropFirst(), region: region, pairs: pairs)
        case (.item(let index), .sequence(let new), .sequence(let old)):
            guard new.count == old.count, sameItems(new, old, except: index) else { return false }
            return holds(new[index], original: old[index], along: route.dropFirst(), region: region, pairs: pairs)
        default:
            return false
        }
    }

    /// ``holds(_:original:along:region:pairs:)`` of `original` with the node at `change` replaced by `replacement`,
    /// without building that tree. Where the two routes take the same step, the intended node's other children are
    /// the original's own (equal to themselves); where the region's mapping is reached with the changed pair inside
    /// the region, the region's pairs are compared with the original's and, for the changed one, with its key and
    /// the replaced value. Any other case builds the intended node there and compares as ever.
    static func holds(
        replacing change: ArraySlice<EditSession.ChildStep>, with replacement: YAMLNode, in original: YAMLNode,
        along route: ArraySlice<EditSession.ChildStep>, region: Range<Int>, pairs: [YAMLPair]
    ) -> Bool {
        guard let step = change.first else {
            return holds(replacement, original: original, along: route, region: region, pairs: pairs)
        }
        switch (route.first, step, original.content) {
        case (.value(let index), .value(let changed), .mapping(let old)) where index == changed && index < old.count:
            return holds(
                replacing: change.dropFirst(), with: replacement, in: old[index].value, along: route.dropFirst(),
                region: region, pairs: pairs)
        case (.item(let index), .item(let changed), .sequence(let old)) where index == changed && index < old.count:
            return holds(
                replacing: change.dropFirst(), with: replacement, in: old[index], along: route.dropFirst(),
                region: region, pairs: pairs)
        case (nil, .value(let changed), .mapping(let old))
        where region.contains(changed) && pairs.count == region.count && region.upperBound <= old.count:
            let at = changed - region.lowerBound
            let value =
                change.count == 1
                ? replacement : EditSession.modify(old[changed].value, along: change.dropFirst()) { $0 = replacement }
            return samePairs(pairs, from: 0, old, from: region.lowerBound, count: at)
                && samePairs(pairs, from: at + 1, old, from: changed + 1, count: region.upperBound - changed - 1)
                && pairs[at].key == old[changed].key && pairs[at].value == value
        default:
            let intended = EditSession.modify(original, along: change) { $0 = replacement }
            return holds(intended, original: original, along: route, region: region, pairs: pairs)
        }
    }

    /// True when `count` pairs of `lhs` from `lhsStart` equal those of `rhs` from `rhsStart` by ``YAMLNode``
    /// equality, compared where the arrays store them (copying each pair out to compare it cost a retain and a
    /// release a node).
    static func samePairs(_ lhs: [YAMLPair], from lhsStart: Int, _ rhs: [YAMLPair], from rhsStart: Int, count: Int)
        -> Bool
    {
        guard count > 0 else { return true }
        return lhs.withUnsafeBufferPointer { lhs in
            rhs.withUnsafeBufferPointer { rhs in
                for offset in 0..<count {
                    let left = lhs.baseAddress! + lhsStart + offset
                    let right = rhs.baseAddress! + rhsStart + offset
                    guard YAMLNode.same(left.pointer(to: \.key)!, right.pointer(to: \.key)!),
                        YAMLNode.same(left.pointer(to: \.value)!, right.pointer(to: \.value)!)
                    else { return false }
                }
                return true
            }
        }
    }

    /// True when the items of two lists of one count are equal but perhaps the one at `index`, compared in place.
    static func sameItems(_ lhs: [YAMLNode], _ rhs: [YAMLNode], except index: Int) -> Bool {
        lhs.withUnsafeBufferPointer { lhs in
            rhs.withUnsafeBufferPointer { rhs in
                for other in lhs.indices where other != index {
                    guard YAMLNode.same(lhs.baseAddress! + other, rhs.baseAddress! + other) else { return false }
                }
                return true
            }
        }
    }

    // MARK: - Byte conditions

    /// Where the line holding a key that starts at `position` would start if only spaces stood before the key:
    /// increasing from pair to pair, to find the pairs around an offset.
    static func roughLineStart(at position: SourcePosition) -> Int {
        position.offset - (position.column - 1)
    }

    /// The start of the line holding a key that starts at `position`, when only spaces stand before the key on its
    /// line; nil otherwise.
    static func lineStart(ofKeyAt position: SourcePosition, in bytes: [UInt8]) -> Int? {
        let offset = position.offset
        let start = roughLineStart(at: position)
        guard start >= 0, offset <= bytes.count, start == 0 || bytes[start - 1] == 0x0A || bytes[start - 1] == 0x0D
        else { return nil }
        for byte in bytes[start..<offset] where byte != 0x20 { return nil }
        return start
    }

    /// True when the text starts with `column` spaces and then a character that can start a key (not a space, a tab,
    /// a comment or a line break): the line that ends what the pair before the region left open.
    static func startsWithKey(_ text: ArraySlice<UInt8>, column: Int) -> Bool {
        guard text.count > column else { return false }
        var index = text.startIndex
        for _ in 0..<column {
            guard text[index] == 0x20 else { return false }
            index += 1
        }
        return ![0x20, 0x09, 0x23, 0x0A, 0x0D].contains(text[index])
    }

    /// True when every line that holds more than spaces and a comment starts with at least `column` spaces: a line
    /// less indented would end the region's mapping (the parse alone would refuse it; this finds it sooner).
    static func isIndented(_ text: ArraySlice<UInt8>, atLeast column: Int) -> Bool {
        var spaces = 0
        var atLineStart = true
        for byte in text {
            if byte == 0x0A || byte == 0x0D {
                atLineStart = true
                spaces = 0
            } else if atLineStart {
                if byte == 0x20 {
                    spaces += 1
                } else {
                    if byte != 0x23, spaces < column { return false }
                    atLineStart = false
                }
            }
        }
        return true
    }

    static func endsWithLineBreak(_ text: ArraySlice<UInt8>) -> Bool {
        guard let last = text.last else { return false }
        return last == 0x0A || last == 0x0D
    }

    /// True when no line starts a directive or a document marker, and no byte order mark, NEL, LS or PS occurs.
    static func linesAreSafe(_ text: ArraySlice<UInt8>) -> Bool {
        var atLineStart = true
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if atLineStart {
                if byte == 0x25 { return false }  // %
                if byte == 0x2D || byte == 0x2E, startsMarker(text, at: index, with: byte) { return false }
            }
            switch byte {
            case 0x0A, 0x0D:
                atLineStart = true
            case 0xC2:
                if index + 1 < text.endIndex, text[index + 1] == 0x85 { return false }
                atLineStart = false
            case 0xE2:
                if index + 2 < text.endIndex, text[index + 1] == 0x80,
                    text[index + 2] == 0xA8 || text[index + 2] == 0xA9
                {
                    return false
                }
                atLineStart = false
            case 0xEF:
                if index + 2 < text.endIndex, text[index + 1] == 0xBB, text[index + 2] == 0xBF { return false }
                atLineStart = false
            default:
                atLineStart = false
            }
            index += 1
        }
        return true
    }

    /// True when `---` or `...` starts at `index`, followed by a space, a tab, a line break or the end.
    static func startsMarker(_ text: ArraySlice<UInt8>, at index: Int, with byte: UInt8) -> Bool {
        guard index + 2 < text.endIndex, text[index + 1] == byte, text[index + 2] == byte else { return false }
        return index + 3 == text.endIndex || [0x20, 0x09, 0x0A, 0x0D].contains(text[index + 3])
    }

    /// True when the text holds a line break libyaml counts and the source's lines do not: NEL, LS or PS.
    static func holdsBreakTheSourceDoesNotCount(_ text: ArraySlice<UInt8>) -> Bool {
        var index = text.startIndex
        while index + 1 < text.endIndex {
            if text[index] == 0xC2, text[index + 1] == 0x85 { return true }
            if text[index] == 0xE2, index + 2 < text.endIndex, text[index + 1] == 0x80,
                text[index + 2] == 0xA8 || text[index + 2] == 0xA9
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// True when a line of the text starts with `%`.
    static func holdsDirectiveLine(_ text: ArraySlice<UInt8>) -> Bool {
        var atLineStart = true
        for byte in text {
            if atLineStart, byte == 0x25 { return true }
            atLineStart = byte == 0x0A || byte == 0x0D
        }
        return false
    }

    /// The line breaks in the text as the source counts them: LF, CR LF and a lone CR each one.
    static func lineBreakCount(_ text: ArraySlice<UInt8>) -> Int {
        var count = 0
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == 0x0A {
                count += 1
            } else if byte == 0x0D, index + 1 == text.endIndex || text[index + 1] != 0x0A {
                count += 1
            }
            index += 1
        }
        return count
    }

    /// True when the pair defines an anchor anywhere in it.
    static func holdsAnchor(_ pair: YAMLPair) -> Bool {
        holdsAnchor(pair.key) || holdsAnchor(pair.value)
    }

    static func holdsAnchor(_ node: YAMLNode) -> Bool {
        if node.anchor != nil { return true }
        switch node.content {
        case .scalar, .alias: return false
        case .mapping(let pairs): return pairs.contains(where: holdsAnchor)
        case .sequence(let items): return items.contains(where: holdsAnchor)
        }
    }
}

extension YAMLNode {
    /// The node at the end of a route from this one; nil when a step does not fit.
    func node(along route: ArraySlice<EditSession.ChildStep>) -> YAMLNode? {
        guard let step = route.first else { return self }
        switch (step, content) {
        case (.value(let index), .mapping(let pairs)) where pairs.indices.contains(index):
            return pairs[index].value.node(along: route.dropFirst())
        case (.item(let index), .sequence(let items)) where items.indices.contains(index):
            return items[index].node(along: route.dropFirst())
        default:
            return nil
        }
    }
}
