import YAMLKit

/// Reads a fleet index: a YAML file listing each cluster's name, values files and facts file, for repositories that
/// do not keep one folder per cluster.
///
/// ```yaml
/// clusters:
///   - name: prod-eu
///     values: [base/keda-values.yaml, clusters/prod-eu/keda.yaml]   # layered like helm -f (later wins)
///     facts: clusters/prod-eu/facts.yaml
/// ```
///
/// `values` is a path or a list of paths; relative paths are taken from the index file's folder. Every problem is a
/// diagnostic at its line and column; an index with any error yields no clusters.
public struct FleetIndexReader: Sendable {
    /// The keys a cluster entry may have.
    public static let entryKeys = ["name", "values", "facts"]

    /// The YAML limits applied to the index.
    public var limits: YAMLLimits

    /// Creates a reader.
    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// The clusters an index lists, in its order, with its diagnostics (errors among them: then `clusters` is empty).
    /// - Parameters:
    ///   - bytes: the index file's contents.
    ///   - fileName: the index file as the user named it (for diagnostics).
    ///   - folder: the folder relative paths are resolved against (the index file's folder; `""` for the current one).
    public func read(bytes: [UInt8], fileName: String, folder: String) -> (
        clusters: [FleetCluster], diagnostics: [Diagnostic]
    ) {
        var reading = IndexReading(fileName: fileName, folder: folder)
        do {
            let stream = try YAMLParser(limits: limits).parse(bytes: bytes, fileName: fileName)
            reading.readStream(stream)
        } catch {
            return ([], [Diagnostic(error, id: "fleet.index-invalid-yaml")])
        }
        let diagnostics = reading.diagnostics.sortedByLocation()
        return (diagnostics.hasErrors ? [] : reading.clusters, diagnostics)
    }
}

/// The state of one index read.
private struct IndexReading {
    let fileName: String
    let folder: String
    var clusters: [FleetCluster] = []
    var diagnostics: [Diagnostic] = []
    var firstEntryNamed: [String: SourceSpan] = [:]

    static let example =
        "clusters:\n  - name: prod-eu\n    values: [prod-eu/values.yaml]\n    facts: prod-eu/facts.yaml"

    mutating func report(_ id: String, _ severity: Severity, _ message: String, at span: SourceSpan, fix: String) {
        diagnostics.append(
            Diagnostic(
                id: id, severity: severity, message: message, location: SourceLocation(file: fileName, span: span),
                fix: fix))
    }

    mutating func readStream(_ stream: YAMLStream) {
        guard let document = stream.documents.first else {
            diagnostics.append(
                Diagnostic(
                    id: "fleet.index-empty", severity: .error, message: "the fleet index lists no clusters",
                    location: SourceLocation(file: fileName, line: 1, column: 1),
                    fix: "list the clusters under `clusters:`, for example\n\(Self.example)"))
            return
        }
        if stream.documents.count > 1 {
            report(
                "fleet.index-several-documents", .error,
                "the fleet index holds \(stream.documents.count) documents; expected one",
                at: stream.documents[1].span, fix: "keep one document (remove the `---` and what follows it)")
        }
        for duplicate in DuplicateKeyFinder.duplicates(in: document.root) {
            report(
                "fleet.index-duplicate-key", .error,
                "`\(duplicate.key)` is given twice (first at line \(duplicate.first.start.line))",
                at: duplicate.duplicate, fix: "remove one of them")
        }
        guard let pairs = document.root.pairs else {
            report(
                "fleet.index-wrong-type", .error,
                "the fleet index must be a mapping with `clusters:`, but this document is \(describe(document.root))",
                at: document.root.span, fix: "write it as\n\(Self.example)")
            return
        }
        var sawClusters = false
        for pair in pairs {
            let key = pair.key.scalarText ?? ""
            guard key == "clusters" else {
                report(
                    "fleet.index-unknown-key", .error, "unknown key `\(key)` in the fleet index", at: pair.key.span,
                    fix: "the index has one key, `clusters:` (a list of entries with \(entryKeyList))")
                continue
            }
            sawClusters = true
            guard let items = pair.value.items, !items.isEmpty else {
                report(
                    "fleet.index-wrong-type", .error,
                    "`clusters` must be a non-empty list of clusters, but it is \(describe(pair.value))",
                    at: pair.value.span, fix: "write one `- name: ...` entry per cluster, for example\n\(Self.example)")
                continue
            }
            for item in items { readEntry(item) }
        }
        if !sawClusters {
            report(
                "fleet.index-no-clusters", .error, "the fleet index has no `clusters:` list", at: document.root.span,
                fix: "write it as\n\(Self.example)")
        }
    }

    var entryKeyList: String { FleetIndexReader.entryKeys.map { "`\($0)`" }.joined(separator: ", ") }

    mutating func readEntry(_ entry: YAMLNode) {
        guard let pairs = entry.pairs else {
            report(
                "fleet.index-wrong-type", .error, "a cluster entry must be a mapping, but this is \(describe(entry))",
                at: entry.span, fix: "write `- name: ...` with \(entryKeyList) under it")
            return
        }
        var name: (text: String, span: SourceSpan)?
        var values: [String] = []
        var facts: String?
        var valuesSeen = false
        for pair in pairs {
            let key = pair.key.scalarText ?? ""
            switch key {
            case "name":
                if let text = string(pair.value, key: "name") { name = (text, pair.value.span) }
            case "values":
                valuesSeen = true
                if let items = pair.value.items {
                    if items.isEmpty {
                        report(
                            "fleet.index-wrong-type", .error, "`values` lists no files", at: pair.value.span,
                            fix: "name at least one values file (or an Argo CD Application / Flux HelmRelease file)")
                    }
                    values += items.compactMap { string($0, key: "values") }
                } else if let text = string(pair.value, key: "values") {
                    values.append(text)
                }
            case "facts":
                facts = string(pair.value, key: "facts")
            default:
                let suggestion = NearMiss.closest(to: key, in: FleetIndexReader.entryKeys).map { "write `\($0)`" }
                report(
                    "fleet.index-unknown-key", .error, "unknown key `\(key)` in a cluster entry", at: pair.key.span,
                    fix: suggestion ?? "a cluster entry has the keys \(entryKeyList)")
            }
        }
        guard let name else {
            report(
                "fleet.index-missing-name", .error, "this cluster entry has no `name`", at: entry.span,
                fix: "add `name: <cluster>`: it names the cluster's folder under --output-dir")
            return
        }
        if let problem = FleetCluster.nameProblem(name.text) {
            report(
                "fleet.bad-cluster-name", .error, "`\(name.text)` cannot be a cluster name: \(problem)", at: name.span,
                fix: "use letters, digits, `.`, `_` and `-` (the name becomes a folder under --output-dir)")
            return
        }
        if let first = firstEntryNamed[name.text] {
            report(
                "fleet.duplicate-cluster", .error,
                "the cluster `\(name.text)` is listed twice (first at line \(first.start.line))", at: name.span,
                fix: "give each cluster its own name")
            return
        }
        firstEntryNamed[name.text] = name.span
        if !valuesSeen {
            report(
                "fleet.index-missing-values", .error, "the cluster `\(name.text)` names no values files",
                at: entry.span, fix: "add `values: [path/to/values.yaml]` (paths relative to the index's folder)")
            return
        }
        clusters.append(
            FleetCluster(
                name: name.text, valuesPaths: values.map(resolve), factsPath: facts.map(resolve),
                declaredAt: SourceLocation(file: fileName, span: entry.span)))
    }

    /// A scalar's text, or a diagnostic when the node is not a non-empty string.
    mutating func string(_ node: YAMLNode, key: String) -> String? {
        guard let text = node.scalarText, !text.isEmpty,
            HelmScalarResolver.resolve(text, style: node.style, tag: node.tag) != .null
        else {
            report(
                "fleet.index-wrong-type", .error, "`\(key)` must be a path or a name, but it is \(describe(node))",
                at: node.span, fix: "write a path (relative to the index's folder) or a name as plain text")
            return nil
        }
        return text
    }

    /// A path from the index, relative to its folder unless absolute.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }

    func describe(_ node: YAMLNode) -> String {
        if node.pairs != nil { return "a mapping" }
        if node.items != nil { return "a list" }
        if let text = node.scalarText,
            text.isEmpty || HelmScalarResolver.resolve(text, style: node.style, tag: node.tag) == .null
        {
            return "empty"
        }
        return "the single value `\(node.scalarText ?? "")`"
    }
}
