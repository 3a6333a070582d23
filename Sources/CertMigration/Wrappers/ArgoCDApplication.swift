import YAMLKit

/// Finds the KEDA chart in an Argo CD `Application` and says what of its values the tool cannot see.
///
/// Facts relied on (Argo CD user guide "Helm", https://argo-cd.readthedocs.io/en/release-3.3/user-guide/helm/, and
/// argo-cd `pkg/apis/application/v1alpha1/types.go`):
/// - A Helm chart source names its chart in `chart` with the repository in `repoURL` (KEDA's:
///   `https://kedacore.github.io/charts`; for an OCI registry `chart` may be a path) and its version in
///   `targetRevision`; an Application has one `spec.source` or a list `spec.sources` (a `ref:` source such as
///   `$values` only lends files to the others). "When you specify the sources field, Argo CD will ignore the source
///   (singular) field" (user guide "Multiple Sources"), so `spec.source` is then not read.
/// - Values precedence: `parameters > valuesObject > values > valueFiles > the chart's values.yaml`.
///   `valuesObject` and `values` do not merge: `ValuesYAML()` returns `valuesObject` when it is set, else `values`.
/// - `values` is a string holding a values file; `valuesObject` the same values as YAML (Argo CD 2.6 and later).
///
/// The KEDA chart is recognised by its chart name alone, `chart: keda` exactly or an OCI path ending in `/keda`:
/// mirrors and OCI registries change `repoURL`, never the name, and `keda-add-ons-http` is another chart. A source without `chart` (a Git path) is not
/// recognised. More than one KEDA source in one Application is refused (which one to patch is not clear).
enum ArgoCDApplication {
    /// The API group and version of an Application.
    static let apiVersion = "argoproj.io/v1alpha1"

    /// The KEDA chart sources of an Application document, each with the diagnostics about what it cannot see.
    static func kedaSources(
        in root: YAMLNode, documentIndex: Int, stream: YAMLStream
    ) -> [(chart: WrappedChart, diagnostics: [Diagnostic])] {
        var entries: [(YAMLPath, YAMLNode)] = []
        if let sources = root["spec"]?["sources"]?.items, !sources.isEmpty {
            for (index, source) in sources.enumerated() where source.pairs != nil {
                entries.append((YAMLPath([.key("spec"), .key("sources"), .index(index)]), source))
            }
        } else if let source = root["spec"]?["source"], source.pairs != nil {
            entries.append(("spec.source", source))
        }
        let name = root["metadata"]?["name"]?.scalarText ?? "(unnamed)"
        return entries.compactMap { path, source in
            guard let chartName = source["chart"]?.scalarText, isKEDAChart(chartName) else { return nil }
            return chart(at: path, source: source, name: name, documentIndex: documentIndex, stream: stream)
        }
    }

    /// True for the KEDA chart's name, alone or as the last segment of an OCI path (`kedacore/keda`).
    static func isKEDAChart(_ chart: String) -> Bool {
        chart == "keda" || chart.hasSuffix("/keda")
    }

    /// The entry of one KEDA source.
    static func chart(
        at path: YAMLPath, source: YAMLNode, name: String, documentIndex: Int, stream: YAMLStream
    ) -> (chart: WrappedChart, diagnostics: [Diagnostic]) {
        let helmPath = WrapperTree.path(path, .key("helm"))
        let helm = source["helm"]
        var diagnostics: [Diagnostic] = []
        func location(_ node: YAMLNode) -> SourceLocation { SourceLocation(file: stream.fileName, span: node.span) }

        let object = helm?["valuesObject"].flatMap { WrapperTree.isNull($0) ? nil : $0 }
        let string = helm?["values"].flatMap { node -> YAMLNode? in
            if WrapperTree.isNull(node) { return nil }
            if let text = node.scalarText, node.style != .literal,
                text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" })
            {
                return nil
            }
            return node
        }
        let placement: WrappedValuesPlacement
        if let object, object.pairs == nil {
            // `valuesObject` holds the values as a YAML mapping; their string form is `helm.values`.
            diagnostics.append(
                Diagnostic(
                    id: "wrapper.values-not-mapping", severity: .error,
                    message: "`helm.valuesObject` of Application \(name) is \(ValuesShape.phrase(object)); Argo CD "
                        + "needs the values there as a mapping",
                    location: location(object),
                    fix: "write the values as a mapping under `helm.valuesObject`"
                        + "\(ValuesShape.blockStringAdvice(object)), or as a block string under `helm.values: |`",
                    sources: ["https://argo-cd.readthedocs.io/en/release-3.3/user-guide/helm/"]))
            placement = .absent(WrapperTree.path(helmPath, .key("valuesObject")))
        } else if object != nil {
            placement = .object(WrapperTree.path(helmPath, .key("valuesObject")))
            if let string {
                diagnostics.append(
                    Diagnostic(
                        id: "wrapper.values-string-ignored", severity: .warning,
                        message: "Application \(name) sets both `helm.valuesObject` and `helm.values`; Argo CD uses "
                            + "only `valuesObject`, so the `values` string is ignored and not read",
                        location: location(string),
                        fix: "move what `helm.values` holds into `helm.valuesObject` and remove `helm.values`",
                        sources: ["argo-cd pkg/apis/application/v1alpha1/types.go ApplicationSourceHelm.ValuesYAML"]))
            }
        } else if string != nil {
            placement = .embeddedString(WrapperTree.path(helmPath, .key("values")))
        } else {
            // `valuesObject` is created rather than `values`: it is YAML the editor keeps valid by construction,
            // wins over `values` and `valueFiles`, and needs no string-in-YAML quoting.
            placement = .absent(WrapperTree.path(helmPath, .key("valuesObject")))
        }
        if let files = helm?["valueFiles"],
            files.items?.isEmpty == false || files.scalarText.map({ !$0.isEmpty }) == true
        {
            diagnostics.append(
                Diagnostic(
                    id: "wrapper.value-files-not-seen", severity: .warning,
                    message: "Application \(name) also reads `helm.valueFiles` (files elsewhere in a repository); "
                        + "the tool does not see them, and the inline values win over them",
                    location: location(files),
                    fix: "pass those files with `--values` before this one, in the same order, to plan with them",
                    sources: ["https://argo-cd.readthedocs.io/en/release-3.3/user-guide/helm/"]))
        }
        for key in ["parameters", "fileParameters"] {
            if let parameters = helm?[key], parameters.items?.isEmpty == false {
                diagnostics.append(
                    Diagnostic(
                        id: "wrapper.helm-parameters-not-seen", severity: .warning,
                        message: "Application \(name) sets `helm.\(key)`, which override every values file; the tool "
                            + "does not read them",
                        location: location(parameters),
                        fix: "check that no parameter sets a `certificates.*` key, or move them into the values",
                        sources: ["https://argo-cd.readthedocs.io/en/release-3.3/user-guide/helm/"]))
            }
        }
        let chart = WrappedChart(
            tool: .argocd, objectDescription: "Application \(name)", documentIndex: documentIndex, entryPath: path,
            values: placement, versionPath: WrapperTree.path(path, .key("targetRevision")),
            location: location(source))
        return (chart, diagnostics)
    }
}
