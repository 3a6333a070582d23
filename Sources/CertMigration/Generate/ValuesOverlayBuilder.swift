import YAMLKit

/// Builds the body of `values-overlay.yaml`: only the keys that change, as a node tree (emitted through libyaml, so
/// valid by construction). The header comment comes from the `overlay-header.txt` template.
enum ValuesOverlayBuilder {
    /// All the body reads of a planned value: its keys and its node. Plans with the same entries in the same order
    /// get the same body, whatever their reasons and places.
    struct Entry: Sendable {
        /// The path's keys.
        var keys: [String]
        /// The new value as a node to write.
        var node: YAMLNode

        /// True when both lists hold equal keys and nodes in the same order (not `Equatable`: see
        /// ``RecentRenders``).
        static func same(_ lhs: [Entry], _ rhs: [Entry]) -> Bool {
            lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.keys == $1.keys && $0.node == $1.node }
        }
    }

    /// The entries of planned values, in their order.
    static func entries(_ values: [PlannedValue]) -> [Entry] {
        values.indices.map { Entry(keys: values[$0].keys, node: values[$0].node) }
    }

    /// The overlay's tree: a mapping with each planned value at its path, keys in the order first set.
    static func tree(_ values: [PlannedValue]) -> YAMLNode {
        tree(entries(values))
    }

    /// The overlay's tree of planned values' entries.
    static func tree(_ entries: [Entry]) -> YAMLNode {
        var tree = YAMLNode.mapping([])
        // By index: folding over the entries copied each one.
        for index in entries.indices {
            tree = setting(entries[index].node, at: entries[index].keys[...], in: tree)
        }
        return tree
    }

    /// A mapping node with `node` set at a path of keys, keys in the order first set.
    static func setting(_ node: YAMLNode, at keys: ArraySlice<String>, in mapping: YAMLNode) -> YAMLNode {
        guard let key = keys.first else { return node }
        var pairs = mapping.pairs ?? []
        if let index = pairs.firstIndex(where: { $0.key.scalarText == key }) {
            pairs[index].value = setting(node, at: keys.dropFirst(), in: pairs[index].value)
        } else {
            pairs.append(YAMLPair(key: .string(key), value: setting(node, at: keys.dropFirst(), in: .mapping([]))))
        }
        return .mapping(pairs)
    }
}
