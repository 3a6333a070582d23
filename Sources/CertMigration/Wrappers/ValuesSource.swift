import YAMLKit

/// One values input as the user keeps it: a plain values file, or an Argo CD Application or Flux HelmRelease whose
/// KEDA chart entry holds the values, read as Helm reads them with every span pointing into the original file.
///
/// `diagnostics` says what the tool cannot see (Argo CD `valueFiles` and `parameters`, Flux `valuesFrom`): warnings,
/// or an error when the values are all out of sight (a Flux HelmRelease with only `valuesFrom`), in which case
/// `document` is empty and the caller should stop.
public struct ValuesSource: Sendable {
    /// The file's name, as the user gave it.
    public var fileName: String
    /// The parsed file, kept for editing it in place.
    public var stream: YAMLStream
    /// What the file is.
    public var wrapper: ValuesWrapper
    /// The values Helm reads (from the first document of a plain file, or the wrapper's values).
    public var document: HelmValuesDocument
    /// What reading the wrapper found that the tool cannot see or use.
    public var diagnostics: [Diagnostic]
    /// The limits for parsing and re-parsing.
    public var limits: YAMLLimits
    /// The `helm.values` block string the values were read from (nil for any other input), kept so that editing it
    /// need not read it again.
    var embeddedValues: EmbeddedValuesString?

    /// Reads a file's bytes; a YAML error, a refused wrapper or broken YAML inside `helm.values` is thrown.
    public init(bytes: [UInt8], fileName: String, limits: YAMLLimits = .default) throws(Diagnostic) {
        let stream: YAMLStream
        do {
            stream = try YAMLParser(limits: limits).parse(bytes: bytes, fileName: fileName)
        } catch {
            throw Diagnostic(error, id: "values.invalid-yaml")
        }
        try self.init(stream: stream, limits: limits)
    }

    /// Reads a parsed file.
    public init(stream: YAMLStream, limits: YAMLLimits = .default) throws(Diagnostic) {
        try self.init(stream: stream, limits: limits, valuesTextParse: nil)
    }

    /// Reads a parsed file; `valuesTextParse` may be a parse of its `helm.values` block string's text already made
    /// (see ``EmbeddedValuesString/init(node:keyColumn:in:limits:textParse:)``, which decides whether it is used).
    /// With `valueSpansInFile` false, values read from a `helm.values` string keep spans in the string's text (see
    /// ``EmbeddedValuesString/read(limits:valueSpansInFile:)``): only for comparing values.
    init(stream: YAMLStream, limits: YAMLLimits, valuesTextParse: ParsedValuesText?, valueSpansInFile: Bool = true)
        throws(Diagnostic)
    {
        self.fileName = stream.fileName
        self.stream = stream
        self.limits = limits
        let detected = try WrapperDetector.detect(stream)
        self.wrapper = detected.wrapper
        self.diagnostics = detected.diagnostics
        let reader = HelmValueReader(limits: limits)
        let empty = HelmValuesDocument(
            fileName: stream.fileName, values: .mapping([:]), duplicateKeys: [], unorderedKeys: [])
        switch detected.wrapper {
        case .plain:
            do {
                document = try reader.read(stream)
            } catch {
                throw Diagnostic(error, id: "values.invalid-yaml")
            }
        case .wrapped(let chart):
            let root = stream.documents[chart.documentIndex].root
            switch chart.values {
            case .absent:
                document = empty
            case .object(let path):
                let node = WrapperTree.node(at: path, in: root) ?? .scalar("")
                do {
                    document = try reader.read(
                        YAMLDocument(root: node, span: node.span), fileName: stream.fileName, source: stream.source)
                } catch {
                    throw Diagnostic(error, id: "values.invalid-yaml")
                }
            case .embeddedString(let path):
                let embedded = try Self.embedded(
                    at: path, in: root, stream: stream, limits: limits, textParse: valuesTextParse)
                document = try embedded.read(limits: limits, valueSpansInFile: valueSpansInFile)
                embeddedValues = embedded
            }
            diagnostics += Self.wrapperDuplicateKeys(chart, in: stream)
        }
        diagnostics += document.unknownTags.map { Self.unknownTagWarning($0, fileName: stream.fileName) }
    }

    /// True when the values that ``init(stream:limits:valuesTextParse:valueSpansInFile:)`` reads from a parsed file
    /// equal `expected`, found without building them (``HelmValueReader/plainlyReads(_:as:)-(YAMLDocument,_)``);
    /// false when they differ, when the values need go-yaml's long way, or when reading the file fails: the caller
    /// then reads it with the initializer, which reports why.
    ///
    /// With `edit`, the file is an edit of that layer meant to change its values only under some top-level keys,
    /// and `expected` holds the layer's values under every other key: pairs the edit carried over unchanged are not
    /// read again (``HelmValueReader/plainlyReads(_:as:editing:readAs:changedOnlyUnder:)``).
    static func plainlyReads(
        _ stream: YAMLStream, limits: YAMLLimits, valuesTextParse: ParsedValuesText?, as expected: HelmValue,
        editOf edit: (original: ValuesLayer, changedKeys: Set<String>)? = nil
    ) -> Bool {
        let reader = HelmValueReader(limits: limits)
        return withValuesDocument(of: stream, limits: limits, valuesTextParse: valuesTextParse) { document in
            guard let document else { return expected.entries?.isEmpty == true }
            guard let edit, let original = edit.original.valuesDocument else {
                return reader.plainlyReads(document, as: expected)
            }
            return reader.plainlyReads(
                document, as: expected, editing: original, readAs: edit.original.document.values,
                changedOnlyUnder: edit.changedKeys)
        }
    }

    /// True when a parsed file is an edit of the layer `original` whose values, as the initializer reads them, are
    /// the layer's under every top-level key outside `changedKeys` and `changedValues` under those keys (a key
    /// absent from it: no value), found by reading only the pairs under the changed keys
    /// (``HelmValueReader/plainlyReads(_:changedValues:editing:changedOnlyUnder:)``). The
    /// layer's values must be read in place (``HelmValuesDocument/readsInPlace``). False when that cannot be shown
    /// this way: the caller then reads the file whole.
    static func plainlyReadsEdit(
        _ stream: YAMLStream, limits: YAMLLimits, valuesTextParse: ParsedValuesText?, of original: ValuesLayer,
        changedValues: [String: HelmValue], changedKeys: Set<String>
    ) -> Bool {
        guard original.document.readsInPlace, let originalDocument = original.valuesDocument else { return false }
        let reader = HelmValueReader(limits: limits)
        return withValuesDocument(of: stream, limits: limits, valuesTextParse: valuesTextParse) { document in
            guard let document else { return false }
            return reader.plainlyReads(
                document, changedValues: changedValues, editing: originalDocument, changedOnlyUnder: changedKeys)
        }
    }

    /// `reads` applied to the document a parsed file's values are read from (nil when the file holds none: no
    /// document, or a wrapper without values); false when the file's wrapper or `helm.values` string cannot be read.
    private static func withValuesDocument(
        of stream: YAMLStream, limits: YAMLLimits, valuesTextParse: ParsedValuesText?,
        _ reads: (YAMLDocument?) -> Bool
    ) -> Bool {
        guard let detected = try? WrapperDetector.detect(stream) else { return false }
        guard case .wrapped(let chart) = detected.wrapper else { return reads(stream.documents.first) }
        let root = stream.documents[chart.documentIndex].root
        switch chart.values {
        case .absent:
            return reads(nil)
        case .object(let path):
            let node = WrapperTree.node(at: path, in: root) ?? .scalar("")
            return reads(YAMLDocument(root: node, span: node.span))
        case .embeddedString(let path):
            guard
                let embedded = try? Self.embedded(
                    at: path, in: root, stream: stream, limits: limits, textParse: valuesTextParse)
            else { return false }
            return reads(embedded.inner.documents.first)
        }
    }

    /// Keys written twice in the wrapper object itself (`helm` twice in an Application source), outside its values
    /// mapping, whose duplicates the values' own findings report.
    static func wrapperDuplicateKeys(_ chart: WrappedChart, in stream: YAMLStream) -> [Diagnostic] {
        let root = stream.documents[chart.documentIndex].root
        var valuesRange: Range<Int>?
        if case .object(let path) = chart.values { valuesRange = WrapperTree.node(at: path, in: root)?.span.byteRange }
        return DuplicateKeyFinder.duplicates(in: root, skipping: valuesRange).map { duplicate in
            Diagnostic(
                id: "wrapper.duplicate-key", severity: .warning,
                message: "\(duplicate.sameKeyPhrase); the last one counts and the tool cannot edit it",
                location: SourceLocation(file: stream.fileName, span: duplicate.duplicate),
                fix: "delete one of the two")
        }
    }

    /// The warning for a tag Helm drops. The value is not quoted: it may be a secret.
    static func unknownTagWarning(_ tag: UnknownTag, fileName: String) -> Diagnostic {
        Diagnostic(
            id: "values.unknown-tag", severity: .warning,
            message: "Helm does not know the tag `\(tag.written)`: it drops the tag and keeps the value exactly as "
                + "written, so whatever the tag should do (fetch, decrypt, convert) does not happen",
            location: SourceLocation(file: fileName, span: tag.span),
            fix: "write the value itself without the tag, or have the tool that expands `\(tag.written)` render the "
                + "file before Helm (and this tool) read it")
    }

    /// The chart version the wrapper pins, with where it is written; nil for a plain file or when it is not set.
    public var chartVersion: (text: String, location: SourceLocation)? {
        guard case .wrapped(let chart) = wrapper else { return nil }
        return chart.writtenVersion(in: stream, file: fileName)
    }

    /// The `helm.values` block string at a path of a document.
    ///
    /// `kept` may be the string as read before, returned instead of reading it again when it was read from the same
    /// node of the same input (``EmbeddedValuesString/wasRead(from:in:limits:)``); `textParse` a parse of its text.
    static func embedded(
        at path: YAMLPath, in root: YAMLNode, stream: YAMLStream, limits: YAMLLimits,
        textParse: ParsedValuesText? = nil, kept: EmbeddedValuesString? = nil
    ) throws(Diagnostic) -> EmbeddedValuesString {
        let parentPath = YAMLPath(Array(path.components.dropLast()))
        guard let parent = WrapperTree.node(at: parentPath, in: root), case .key(let key) = path.components.last,
            let pair = parent.pairs?.last(where: { $0.key.scalarText == key })
        else {
            throw Diagnostic(
                id: "wrapper.values-string-unsupported", severity: .error, message: "`\(path)` is missing",
                location: SourceLocation(file: stream.fileName))
        }
        if let kept, kept.wasRead(from: pair.value, in: stream, limits: limits) { return kept }
        return try EmbeddedValuesString(
            node: pair.value, keyColumn: pair.key.span.start.column, in: stream, limits: limits, textParse: textParse)
    }
}

extension ValuesLayer {
    /// The layer of a values input read through its wrapper: the wrapper's values, spans in the original file.
    public init(source: ValuesSource) {
        self.fileName = source.fileName
        self.stream = source.stream
        self.document = source.document
        self.wrapper = source.wrapper
        self.embeddedValues = source.embeddedValues
    }
}
