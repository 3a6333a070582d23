import YAMLKit

/// Where a wrapper keeps the KEDA chart's Helm values.
public enum WrappedValuesPlacement: Sendable, Hashable {
    /// A YAML mapping inside the object: Argo CD `helm.valuesObject`, Flux `spec.values`.
    case object(YAMLPath)
    /// A literal block string holding a values file: Argo CD `helm.values: |`.
    case embeddedString(YAMLPath)
    /// No inline values yet; an edit creates this mapping (and any missing parents).
    case absent(YAMLPath)

    /// The path of the values node in the wrapper's document, present or to be created.
    public var path: YAMLPath {
        switch self {
        case .object(let path), .embeddedString(let path), .absent(let path): path
        }
    }
}

/// The KEDA chart's entry in a GitOps object: which document, where its values live, where its version lives.
public struct WrappedChart: Sendable, Hashable {
    /// The tool the object belongs to (`.argocd` or `.flux`).
    public var tool: GitOpsTool
    /// The object's `kind`, `apiVersion` and `metadata.name`, for messages: `Application keda`.
    public var objectDescription: String
    /// The 0-based index of the object's document in its file.
    public var documentIndex: Int
    /// The chart entry: `spec.source`, `spec.sources[1]` (Argo CD) or `spec.chart.spec` (Flux).
    public var entryPath: YAMLPath
    /// Where the values are (or will be created).
    public var values: WrappedValuesPlacement
    /// The chart version's path: `targetRevision` of the Argo CD source, Flux `spec.chart.spec.version`, or for a
    /// Flux `chartRef` the referenced OCIRepository's `spec.ref.tag` (`spec.ref.semver` when set) or HelmChart's
    /// `spec.version`; nil when the version cannot be patched in this file.
    public var versionPath: YAMLPath?
    /// The 0-based index of the document holding `versionPath` (another document for a `chartRef`).
    public var versionDocumentIndex: Int
    /// Why the version cannot be patched here, when `versionPath` is nil.
    public var versionRefusal: String?
    /// Where the entry starts in the file.
    public var location: SourceLocation

    /// Creates an entry.
    public init(
        tool: GitOpsTool, objectDescription: String, documentIndex: Int, entryPath: YAMLPath,
        values: WrappedValuesPlacement, versionPath: YAMLPath?, versionDocumentIndex: Int? = nil,
        versionRefusal: String? = nil, location: SourceLocation
    ) {
        self.tool = tool
        self.objectDescription = objectDescription
        self.documentIndex = documentIndex
        self.entryPath = entryPath
        self.values = values
        self.versionPath = versionPath
        self.versionDocumentIndex = versionDocumentIndex ?? documentIndex
        self.versionRefusal = versionRefusal
        self.location = location
    }

    /// The chart version written at ``versionPath`` in `stream` (the file this entry was found in, or its edited
    /// parse), with where it is, located in `file`; nil when there is no such path or no scalar there.
    public func writtenVersion(in stream: YAMLStream, file: String) -> (text: String, location: SourceLocation)? {
        guard let versionPath,
            let node = WrapperTree.node(at: versionPath, in: stream.documents[versionDocumentIndex].root),
            let text = node.scalarText
        else { return nil }
        return (text, SourceLocation(file: file, span: node.span))
    }
}

/// What a values input is: a plain values file, or a GitOps object that wraps the KEDA chart's values.
public enum ValuesWrapper: Sendable, Hashable {
    /// A plain Helm values file (`helm -f`): its first document is the values.
    case plain
    /// An Argo CD Application or Flux HelmRelease deploying the KEDA chart.
    case wrapped(WrappedChart)

    /// True for a plain values file.
    public var isPlain: Bool { self == .plain }
}

/// Small read-only walks over parsed wrapper documents.
enum WrapperTree {
    /// The node at a path, following keys (the last of a repeated key, as Kubernetes' decoder keeps it) and indexes.
    static func node(at path: YAMLPath, in root: YAMLNode) -> YAMLNode? {
        var current = root
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let items = current.items, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        return current
    }

    /// The text of a scalar at a path, or nil.
    static func text(at path: YAMLPath, in root: YAMLNode) -> String? {
        node(at: path, in: root)?.scalarText
    }

    /// True when a node is null as YAML reads it (`~`, `null`, empty plain), so a key holding it is as good as absent.
    static func isNull(_ node: YAMLNode) -> Bool {
        guard node.style == .plain, let text = node.scalarText, node.tag == nil else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The path with more components.
    static func path(_ base: YAMLPath, _ more: YAMLPathComponent...) -> YAMLPath {
        YAMLPath(base.components + more)
    }

    /// The path followed by another.
    static func path(_ base: YAMLPath, _ more: YAMLPath) -> YAMLPath {
        YAMLPath(base.components + more.components)
    }

    /// Replaces the node at a path (which must exist).
    static func replacing(at path: YAMLPath, in root: YAMLNode, with replacement: YAMLNode) -> YAMLNode {
        guard let first = path.components.first else { return replacement }
        let rest = YAMLPath(Array(path.components.dropFirst()))
        var copy = root
        switch (first, copy.content) {
        case (.key(let key), .mapping(var pairs)):
            guard let index = pairs.lastIndex(where: { $0.key.scalarText == key }) else { return root }
            pairs[index].value = replacing(at: rest, in: pairs[index].value, with: replacement)
            copy.content = .mapping(pairs)
        case (.index(let index), .sequence(var items)) where items.indices.contains(index):
            items[index] = replacing(at: rest, in: items[index], with: replacement)
            copy.content = .sequence(items)
        default:
            return root
        }
        return copy
    }
}
