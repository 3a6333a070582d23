/// The top-level pairs of an edited values document that were carried over from the original document unchanged,
/// found by comparing nodes, so that their values need not be read again: they are the original's.
///
/// An edit that changes a values file only under some top-level keys leaves every other top-level pair as it was.
/// Such a pair's value, as Helm reads it, is the value read from the original pair when:
/// - the two pairs say the same thing node for node (``YAMLNode/same(_:_:)``: content, style, tag, anchor);
/// - the value holds no anchor and no alias, so that reading it looks at nothing outside it (an alias would read
///   whatever its anchor says elsewhere, and an anchor would change what later aliases read);
/// - the root mapping has no merge key and no key Helm reads other than as its text (a key is its text, and the
///   pairs are independent of each other).
///
/// Whether a carried-over key is written more than once is left to the caller, which finds each in the values.
///
/// The pairs must come in the original's order, the ones under changed keys aside, and none may be missing:
/// anything else is refused (nil), and the caller reads the whole document.
struct CarriedOverPairs {
    /// The keys of the pairs carried over, in order.
    var keys: [String]
    /// The keys of the other pairs (under changed keys), in order.
    var changedKeys: [String]
    /// The edited document's root with only the pairs under changed keys, for reading the usual way.
    var changedRoot: YAMLNode
    /// The nodes of the carried-over pairs (keys and every node of their values), as a reading would count them.
    var nodes: Int

    /// The pairs of `root` carried over from `original` outside the top-level keys `changed`; nil when anything
    /// above does not hold.
    init?(_ root: YAMLNode, from original: YAMLNode, outside changed: Set<String>, limits: YAMLLimits) {
        guard root.decorations == nil, original.decorations == nil, case .mapping(let pairs) = root.content,
            case .mapping(let originalPairs) = original.content
        else { return nil }
        var keys: [String] = []
        var changedKeys: [String] = []
        var changedPairs: [YAMLPair] = []
        var nodes = 0
        let found = pairs.withUnsafeBufferPointer { pairs in
            originalPairs.withUnsafeBufferPointer { originalPairs in
                var next = 0  // the next original pair to compare with
                for index in pairs.indices {
                    let pair = pairs.baseAddress! + index
                    guard let name = Self.keyName(of: pair) else { return false }
                    if changed.contains(name) {
                        changedKeys.append(name)
                        changedPairs.append(pair.pointee)
                        continue
                    }
                    // The next original pair outside the changed keys must be this one, unchanged.
                    while next < originalPairs.count {
                        guard let originalName = Self.keyName(of: originalPairs.baseAddress! + next) else {
                            return false
                        }
                        if !changed.contains(originalName) { break }
                        next += 1
                    }
                    guard next < originalPairs.count else { return false }
                    let originalPair = originalPairs.baseAddress! + next
                    next += 1
                    guard Self.keyName(of: originalPair) == name,
                        YAMLNode.same(pair.pointer(to: \.key)!, originalPair.pointer(to: \.key)!),
                        YAMLNode.same(pair.pointer(to: \.value)!, originalPair.pointer(to: \.value)!),
                        Self.countPlainNodes(
                            pair.pointer(to: \.value)!, depth: 1, maxDepth: limits.maxDepth, into: &nodes)
                    else { return false }
                    keys.append(name)
                    nodes += 1  // the key
                }
                // No original pair outside the changed keys may be left over (removed by the edit).
                while next < originalPairs.count {
                    guard let originalName = Self.keyName(of: originalPairs.baseAddress! + next),
                        changed.contains(originalName)
                    else { return false }
                    next += 1
                }
                return true
            }
        }
        guard found else { return nil }
        self.keys = keys
        self.changedKeys = changedKeys
        self.changedRoot = YAMLNode(
            content: .mapping(changedPairs), style: root.style, decorations: nil, span: root.span)
        self.nodes = nodes
    }

    /// A pair's key name when Helm reads the key as exactly its text (untagged, unanchored, a string as it stands,
    /// not the merge key); nil otherwise.
    private static func keyName(of pair: UnsafePointer<YAMLPair>) -> String? {
        let key = pair.pointer(to: \.key)!
        guard key.pointee.decorations == nil, case .scalar(let text) = key.pointee.content,
            HelmScalarResolver.readsAsItsText(text, style: key.pointee.style)
        else { return nil }
        return text
    }

    /// Adds to `count` the nodes of a value without anchors or aliases (keys counted), `depth` collections being open
    /// above it; false for an anchor, an alias, or collections nested deeper than `maxDepth`.
    private static func countPlainNodes(
        _ node: UnsafePointer<YAMLNode>, depth: Int, maxDepth: Int, into count: inout Int
    ) -> Bool {
        count += 1
        if let decorations = node.pointee.decorations, decorations.anchor != nil { return false }
        // Children reached where their arrays store them (``YAMLNode/pairsInPlace``), without retaining the arrays.
        if let pairs = node.pointee.pairsInPlace {
            guard depth < maxDepth else { return false }
            for index in pairs.indices {
                let pair = pairs.baseAddress! + index
                guard countPlainChild(pair.pointer(to: \.key)!, depth: depth + 1, maxDepth: maxDepth, into: &count),
                    countPlainChild(pair.pointer(to: \.value)!, depth: depth + 1, maxDepth: maxDepth, into: &count)
                else { return false }
            }
            return true
        }
        if let items = node.pointee.itemsInPlace {
            guard depth < maxDepth else { return false }
            for index in items.indices
            where !countPlainChild(items.baseAddress! + index, depth: depth + 1, maxDepth: maxDepth, into: &count) {
                return false
            }
            return true
        }
        if case .alias = node.pointee.content { return false }
        return true  // a scalar
    }

    /// ``countPlainNodes(_:depth:maxDepth:into:)`` for a child, a plain scalar (most children) counted without a call.
    @inline(__always)
    private static func countPlainChild(
        _ node: UnsafePointer<YAMLNode>, depth: Int, maxDepth: Int, into count: inout Int
    ) -> Bool {
        if node.pointee.decorations == nil, case .scalar = node.pointee.content {
            count += 1
            return true
        }
        return countPlainNodes(node, depth: depth, maxDepth: maxDepth, into: &count)
    }
}
