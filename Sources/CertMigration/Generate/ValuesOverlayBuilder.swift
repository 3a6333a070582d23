import YAMLKit

/// Builds the body of `values-overlay.yaml`: only the keys that change, as a node tree (emitted through libyaml, so
/// valid by construction). The header comment comes from the `overlay-header.txt` template.
enum ValuesOverlayBuilder {
    /// The overlay's tree: a mapping with each planned value at its path, keys in the order first set.
    static func tree(_ values: [PlannedValue]) -> YAMLNode {
        var tree = YAMLNode.mapping([])
        // By index: folding over the values copied each whole planned value.
        for index in values.indices { tree = setting(values[index].node, at: values[index].keys[...], in: tree) }
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
