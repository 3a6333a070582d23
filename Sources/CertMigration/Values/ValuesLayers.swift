import YAMLKit

/// One values file as given with `-f`, read as Helm reads it.
public struct ValuesLayer: Sendable {
    /// The file's name, as the user gave it.
    public var fileName: String
    /// The parsed file (kept for editing it in place).
    public var stream: YAMLStream
    /// The values Helm reads from it.
    public var document: HelmValuesDocument
    /// Whether the values sit in a plain values file or inside an Argo CD Application or Flux HelmRelease.
    public var wrapper: ValuesWrapper = .plain
    /// The `helm.values` block string the values were read from, when they were (see ``ValuesSource``).
    var embeddedValues: EmbeddedValuesString?

    /// Reads a values file's bytes. Only the first document counts, as for Helm.
    public init(bytes: [UInt8], fileName: String, limits: YAMLLimits = .default) throws(YAMLError) {
        let stream = try YAMLParser(limits: limits).parse(bytes: bytes, fileName: fileName)
        try self.init(stream: stream, limits: limits)
    }

    /// Reads a parsed values file.
    public init(stream: YAMLStream, limits: YAMLLimits = .default) throws(YAMLError) {
        self.fileName = stream.fileName
        self.stream = stream
        self.document = try HelmValueReader(limits: limits).read(stream)
    }

    /// The document the values were read from: the first of a plain file, the wrapper's values object, or the parse
    /// of its `helm.values` string; nil when the values are absent or were not read from a document here.
    var valuesDocument: YAMLDocument? {
        guard case .wrapped(let chart) = wrapper else { return stream.documents.first }
        switch chart.values {
        case .absent:
            return nil
        case .object(let path):
            guard chart.documentIndex < stream.documents.count,
                let node = WrapperTree.node(at: path, in: stream.documents[chart.documentIndex].root)
            else { return nil }
            return YAMLDocument(root: node, span: node.span)
        case .embeddedString:
            return embeddedValues?.inner.documents.first
        }
    }

    /// The location of a value read from this file.
    public func location(of value: HelmValue) -> SourceLocation {
        SourceLocation(file: fileName, span: value.span)
    }
}

/// Where a values path gets its value from across layered files.
public enum ValueLookup: Sendable, Hashable {
    /// No file sets the path: the chart's default applies.
    case unset
    /// A file sets the path to this value (possibly null, which removes the chart's default).
    case set(HelmValue, at: SourceLocation)
    /// A file replaces a parent of the path with something that is not a mapping (null, a string, a list), so the
    /// path has no value at all: `parent` is the replaced path, `value` what it was replaced with.
    case parentReplaced(parent: [String], value: HelmValue, at: SourceLocation)
}

/// Values files layered like `helm -f a.yaml -f b.yaml`: later files win, mappings merge key by key, anything else
/// (lists, scalars, null) replaces.
///
/// This is Helm's `mergeMaps` over the user's files; the chart's defaults are coalesced later by ``EffectiveValues``,
/// where a null removes the default.
public struct ValuesLayers: Sendable {
    /// The files in the order given.
    public var layers: [ValuesLayer]

    /// Creates layers.
    public init(_ layers: [ValuesLayer]) {
        self.layers = layers
    }

    /// Where `path` gets its value: the last file that sets it, or that replaces one of its parents.
    ///
    /// Files are read from the last one back. A later file's mapping at a prefix of the path replaces whatever an
    /// earlier file has there that is not a mapping (Helm's `mergeMaps`), so an earlier null or scalar under such a
    /// prefix no longer counts.
    public func lookup(_ path: [String]) -> ValueLookup {
        // The longest prefix of `path` at which a later file holds a mapping.
        var mappedDepth = 0
        // By index: a copy of each layer (its trees' references) would cost more than the walk. Each file reads only
        // the value the path comes to (``HelmValuesDocument/reach(_:)``).
        for index in layers.indices.reversed() {
            switch layers[index].document.reach(path) {
            case .found(let value):
                return .set(value, at: layers[index].location(of: value))
            case .missing(let depth):
                mappedDepth = max(mappedDepth, depth)
            case .blocked(let depth, let value):
                if depth > 0 { mappedDepth = max(mappedDepth, depth - 1) }
                if depth <= mappedDepth { return .unset }
                return .parentReplaced(
                    parent: Array(path[..<depth]), value: value, at: layers[index].location(of: value))
            }
        }
        return .unset
    }

    /// The user's values merged as Helm merges `-f` files (locations kept from the file each value came from).
    public var merged: HelmValue {
        var result = HelmValue.mapping([:])
        for layer in layers { Self.merge(into: &result, layer.document.values) }
        return result
    }

    /// ``merged``'s entries under the given top-level keys only, each read from the files alone
    /// (``HelmValuesDocument/topLevelValue(_:)``): a key no file sets is absent. When every file's values are a
    /// mapping (as a values file's always are), Helm's merge goes key by key from the top, so these are exactly
    /// ``merged``'s entries there.
    public func merged(under keys: some Sequence<String>) -> [String: HelmValue] {
        var entries: [String: HelmValue] = [:]
        for key in keys {
            entries[key] = Self.mergedEntry(layers.lazy.map { $0.document.topLevelValue(key) })
        }
        return entries
    }

    /// One top-level key as the files' merge sets it, from each file's entry under it in order (nil where a file has
    /// none): the first file's entry, each later one merged over it (``merge(into:_:)``); nil when no file has one.
    static func mergedEntry(_ fileEntries: some Sequence<HelmValue?>) -> HelmValue? {
        var folded: HelmValue?
        for case let top? in fileEntries {
            if folded == nil { folded = top } else { merge(into: &folded!, top) }
        }
        return folded
    }

    /// The merge of `values` (as ``merged`` merges files) found from `merged`, the merge of files whose values differ
    /// from `values` only under the top-level keys `changed`: each of those keys is merged again across the files,
    /// and every other entry of `merged` is kept as it is. A mapping merges key by key (see
    /// ``merge(into:_:)``), so an entry depends only on the files' entries under its own key. Nil when `merged` or
    /// a file's values are not a mapping, where that does not hold.
    static func merged(_ merged: HelmValue, remerging changed: [String], of values: [HelmValue]) -> HelmValue? {
        guard case .mapping(var entries) = merged.content, values.allSatisfy({ $0.entries != nil }) else { return nil }
        var result = merged
        // Taken out while it changes, so that it stays uniquely referenced.
        result.content = .null
        for key in changed {
            entries[key] = mergedEntry(values.lazy.map { $0[key] })
        }
        result.content = .mapping(entries)
        return result
    }

    /// Helm's `mergeMaps`, in place: mappings merge recursively; anything else in `top` replaces what `base` has. A
    /// merged mapping keeps `base`'s location.
    ///
    /// `base`'s mappings change where they stand instead of being rebuilt key by key: a mapping that meets an empty
    /// one is taken whole (shared, not copied), and one of `base`'s is copied only when another tree shares it.
    static func merge(into base: inout HelmValue, _ top: HelmValue) {
        guard case .mapping(var entries) = base.content, let topEntries = top.entries else {
            base = top
            return
        }
        if entries.isEmpty {
            // Every key of `top` lands as it is: its mapping is the result.
            base.content = .mapping(topEntries)
            return
        }
        // Taken out while it changes, so that it stays uniquely referenced.
        base.content = .null
        for (key, value) in topEntries {
            if value.entries != nil, let index = entries.index(forKey: key), entries.values[index].entries != nil {
                merge(into: &entries.values[index], value)
            } else {
                entries[key] = value
            }
        }
        base.content = .mapping(entries)
    }
}
