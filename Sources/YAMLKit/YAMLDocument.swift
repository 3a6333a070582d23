/// One document of a YAML stream, with where it sits in the input.
public struct YAMLDocument: Sendable, Hashable {
    /// The document's root node. An empty document (`---` alone) has an empty plain scalar, which reads as null.
    public var root: YAMLNode
    /// The span from the document's first byte (its `---`, if any) to its end.
    public var span: SourceSpan
    /// True when the document began with an explicit `---`.
    public var hasExplicitStart: Bool

    /// Creates a document.
    public init(root: YAMLNode, span: SourceSpan = .none, hasExplicitStart: Bool = false) {
        self.root = root
        self.span = span
        self.hasExplicitStart = hasExplicitStart
    }
}

/// The parsed form of one input: its documents and the facts about the input the tools need to edit it.
public struct YAMLStream: Sendable {
    /// The name the input was read from (a path, or a description such as `<stdin>`), used in errors.
    public var fileName: String
    /// The documents in order. A file holding only comments or white space has none.
    public var documents: [YAMLDocument]
    /// The source, exactly as given.
    public var source: SourceText

    /// Creates a stream.
    public init(fileName: String, documents: [YAMLDocument], source: SourceText) {
        self.fileName = fileName
        self.documents = documents
        self.source = source
    }
}
