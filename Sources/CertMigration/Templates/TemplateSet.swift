import YAMLKit

/// The templates `generate` renders: the set built into the binary, optionally overridden file by file.
///
/// The built-in set is the repository's `templates/` directory, turned into Swift source at build time by the
/// `TemplateEmbedderPlugin` build-tool plugin, so a copied binary works alone. `--templates DIR` overrides files by
/// name; the command-line layer reads the directory and passes the bytes (no file system here). How a file renders
/// follows its extension: `.yaml`/`.yml` through ``YAMLTemplateRenderer`` (node-level replacement, then libyaml's
/// emitter), `.md` and `.txt` through ``TextTemplateRenderer``.
public struct TemplateSet: Sendable {
    /// The files by name (`manifests/ca-issuer.yaml`).
    public private(set) var files: [String: TemplateFile]
    /// The files parsed or scanned at their first render (a new store whenever `files` changes).
    private var prepared = PreparedTemplates()

    /// Creates a set from names and bytes; errors name each file `<displayDirectory>/<name>`.
    public init(files: [String: [UInt8]], origin: TemplateFile.Origin, displayDirectory: String) {
        let prefix = displayDirectory.hasSuffix("/") ? displayDirectory : displayDirectory + "/"
        self.files = files.reduce(into: [:]) { result, entry in
            result[entry.key] = TemplateFile(
                name: entry.key, bytes: entry.value, origin: origin, displayPath: prefix + entry.key)
        }
    }

    /// The set built into the binary from the repository's `templates/`.
    public static let embedded = TemplateSet(
        files: EmbeddedTemplates.files, origin: .embedded, displayDirectory: "templates")

    /// True when both sets are copies of one set, whose renders give the same bytes: each set made with other
    /// files (``init(files:origin:displayDirectory:)``, ``overriding(_:from:)``) gets its own store of prepared
    /// templates, which its copies share.
    func hasSameFiles(as other: TemplateSet) -> Bool {
        prepared === other.prepared
    }

    /// The template names, sorted.
    public var names: [String] { files.keys.sorted() }

    /// This set with some files replaced by the caller's, read from `directory` (named in errors).
    ///
    /// Names are paths relative to `directory` with `/` separators, as in ``names`` (`manifests/ca-issuer.yaml`).
    /// Only files this set already has can be overridden: a name it lacks is refused (a misspelt file would
    /// otherwise be ignored without a word). Files not given keep their current bytes.
    public func overriding(_ overrides: [String: [UInt8]], from directory: String) throws(TemplateError)
        -> TemplateSet
    {
        var result = self
        let replacements = TemplateSet(files: overrides, origin: .override, displayDirectory: directory)
        for name in replacements.names {
            guard files[name] != nil else {
                throw TemplateError(
                    .unknownTemplate,
                    "no built-in template is named \(name); templates that can be overridden: "
                        + names.joined(separator: ", "),
                    location: SourceLocation(file: replacements.files[name]!.displayPath),
                    fix: "name the file after a built-in template, or remove it")
            }
            result.files[name] = replacements.files[name]
        }
        result.prepared = PreparedTemplates()
        return result
    }

    /// Renders a template with values and, for Markdown and text templates, the optional sections present.
    ///
    /// Throws when the template is unknown or does not parse, uses a placeholder or section the render does not
    /// supply, or gets a value of a kind its place cannot take; every error names the template file, and the line
    /// and column where the template has one. Values and sections the template does not use are ignored.
    public func render(_ name: String, values: [String: TemplateValue], sections: [String: Bool] = [:])
        throws(TemplateError) -> [UInt8]
    {
        try render(name, resolver: PlaceholderResolver(values: values, sections: sections))
    }

    /// ``render(_:values:sections:)`` with the values and sections listed as pairs: a render that names many of them
    /// (the pull request's nineteen values, for every cluster of a fleet) builds and hashes no dictionary. A name
    /// listed twice takes its first value.
    func render(
        _ name: String, values: KeyValuePairs<String, TemplateValue>, sections: KeyValuePairs<String, Bool> = [:]
    ) throws(TemplateError) -> [UInt8] {
        try render(name, resolver: PlaceholderResolver(values: values, sections: sections))
    }

    /// The placeholders and sections a template uses.
    public func placeholders(in name: String) throws(TemplateError) -> TemplatePlaceholders {
        let resolver = PlaceholderResolver(collecting: ())
        _ = try render(name, resolver: resolver)
        return TemplatePlaceholders(values: resolver.usedValues, sections: resolver.usedSections)
    }

    /// A YAML template's documents with their placeholders replaced, not yet emitted (what ``render(_:values:sections:)``
    /// emits); nil when the template is not a YAML template of this set, or its render fails (``render(_:values:sections:)``
    /// then says why).
    func substitutedDocuments(_ name: String, values: [String: TemplateValue]) -> [YAMLNode]? {
        guard let file = files[name],
            case .yaml(let parsed) = prepared.prepared(name, { PreparedTemplates.Prepared(file, name: name) })
        else { return nil }
        let renderer = YAMLTemplateRenderer(
            file: file, parsed: parsed, resolver: PlaceholderResolver(values: values, sections: [:]))
        return try? renderer.substitutedDocuments()
    }

    /// Renders with a resolver, with the renderer the template's extension chose when it was prepared.
    private func render(_ name: String, resolver: PlaceholderResolver) throws(TemplateError) -> [UInt8] {
        guard let file = files[name] else {
            throw TemplateError(
                .unknownTemplate, "no template is named \(name); templates: " + names.joined(separator: ", "),
                location: SourceLocation(file: name))
        }
        switch prepared.prepared(name, { PreparedTemplates.Prepared(file, name: name) }) {
        case .yaml(let parsed):
            return try YAMLTemplateRenderer(file: file, parsed: parsed, resolver: resolver).render()
        case .text(let compiled, let repeatsLinePrefix):
            return try TextTemplateRenderer(
                file: file, compiled: compiled, repeatsLinePrefix: repeatsLinePrefix, resolver: resolver
            ).render()
        case .noRenderer:
            throw TemplateError(
                .unknownTemplate, "no renderer for \(name): templates end in .yaml, .yml, .md or .txt",
                location: SourceLocation(file: file.displayPath))
        }
    }
}
