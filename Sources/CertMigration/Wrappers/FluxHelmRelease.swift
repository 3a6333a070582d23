import YAMLKit

/// Finds the KEDA chart in a Flux `HelmRelease` and says what of its values the tool cannot see.
///
/// Facts relied on (Flux helm-controller docs, https://fluxcd.io/flux/components/helm/helmreleases/, sections
/// "Chart template", "Chart reference" and "Values"):
/// - `helm.toolkit.fluxcd.io/v2` (and the older `v2beta2`, `v2beta1`) name the chart in `spec.chart.spec.chart` and
///   its version in `spec.chart.spec.version`, a SemVer version or range: "Version semver expression ... Defaults to
///   latest when omitted" (helm-controller API `HelmChartTemplateSpec.Version`, `+kubebuilder:default:=*`).
/// - `v2` and `v2beta2` may instead point `spec.chartRef` at an `OCIRepository` or `HelmChart`; the chart's name and
///   version then live in that object, not in the HelmRelease (the two fields are mutually exclusive).
/// - `spec.valuesFrom` lists ConfigMaps and Secrets merged in order, then `spec.values` is merged over them:
///   inline values always win.
/// - `spec.chart.spec.valuesFiles` (`valuesFile` in `v2beta1`) merges files from the chart's source first.
///
/// The KEDA chart is recognised by `spec.chart.spec.chart: keda` exactly, or a path ending in `/keda` (an OCI
/// HelmRepository may name the chart by its path in the registry). A `chartRef` HelmRelease names no chart: when
/// the same file holds the OCIRepository (URL ending in `/keda`) or HelmChart (`chart: keda`) it points at, that
/// decides, and the version is patched there; otherwise it is taken for KEDA only when it is the one HelmRelease
/// of its file and nothing else in it names the KEDA chart, with a warning, and its version is not patched.
enum FluxHelmRelease {
    /// The API group of HelmReleases.
    static let group = "helm.toolkit.fluxcd.io"
    /// The versions read.
    static let versions = ["v2", "v2beta2", "v2beta1"]

    /// How a HelmRelease document names its chart.
    enum ChartNaming {
        case chart(String)
        case chartReference(kind: String, name: String)
        case none
    }

    /// How a HelmRelease names its chart.
    static func naming(of root: YAMLNode) -> ChartNaming {
        if let chart = root["spec"]?["chart"]?["spec"]?["chart"]?.scalarText { return .chart(chart) }
        if let reference = root["spec"]?["chartRef"], reference.pairs != nil {
            return .chartReference(
                kind: reference["kind"]?.scalarText ?? "?", name: reference["name"]?.scalarText ?? "?")
        }
        return .none
    }

    /// The OCIRepository or HelmChart a `chartRef` points at, found in the same file.
    struct ReferencedChart {
        /// Its document.
        var documentIndex: Int
        /// True when it holds the KEDA chart (an OCI URL ending in `/keda`, or a HelmChart of chart `keda`).
        var isKEDA: Bool
        /// Where its version is (or will be written).
        var versionPath: YAMLPath?
        /// Why its version cannot be patched, when `versionPath` is nil.
        var versionRefusal: String?
    }

    /// The object of a `chartRef` when the same file holds it (same kind and name; namespaces compared when both
    /// are written).
    ///
    /// Flux source-controller docs (https://fluxcd.io/flux/components/source/ocirepositories/#reference, API
    /// `OCIRepositoryRef`): an OCIRepository picks its artifact by `spec.ref.digest`, else `spec.ref.semver`, else
    /// `spec.ref.tag` (digest "takes precedence over semver", semver "over tag"; tag defaults to `latest`). A pinned
    /// digest cannot be turned into a version here; a semver range is replaced by the exact version, as in
    /// ``WrapperEditor/chartVersionEdit(to:)``.
    static func referencedChart(kind: String, name: String, namespace: String?, in stream: YAMLStream)
        -> ReferencedChart?
    {
        for (index, document) in stream.documents.enumerated() {
            let root = document.root
            guard root["kind"]?.scalarText == kind, root["metadata"]?["name"]?.scalarText == name,
                root["apiVersion"]?.scalarText?.hasPrefix("source.toolkit.fluxcd.io/") == true
            else { continue }
            if let namespace, let other = root["metadata"]?["namespace"]?.scalarText, other != namespace { continue }
            switch kind {
            case "OCIRepository":
                let url = root["spec"]?["url"]?.scalarText ?? ""
                let isKEDA = url.split(separator: "/").last == "keda"
                let reference = root["spec"]?["ref"]
                if reference?["digest"] != nil {
                    return ReferencedChart(
                        documentIndex: index, isKEDA: isKEDA, versionPath: nil,
                        versionRefusal: "OCIRepository \(name) pins a digest (`spec.ref.digest`), which wins over a "
                            + "version: replace the digest with the target version's tag by hand")
                }
                let path: YAMLPath = reference?["semver"] != nil ? "spec.ref.semver" : "spec.ref.tag"
                return ReferencedChart(documentIndex: index, isKEDA: isKEDA, versionPath: path)
            case "HelmChart":
                let chart = root["spec"]?["chart"]?.scalarText ?? ""
                return ReferencedChart(
                    documentIndex: index, isKEDA: ArgoCDApplication.isKEDAChart(chart), versionPath: "spec.version")
            default:
                return nil
            }
        }
        return nil
    }

    /// The refusal of a `spec.values` that is not a mapping: Flux merges it over `valuesFrom` as a map of values
    /// (helm-controller docs, "Values"), so a string, list or number cannot be read. A block string there is a
    /// common slip from Argo CD's `helm.values: |`.
    static func notAMapping(_ values: YAMLNode, name: String, location: SourceLocation, docs: String) -> Diagnostic {
        Diagnostic(
            id: "wrapper.values-not-mapping", severity: .error,
            message: "`spec.values` of HelmRelease \(name) is \(ValuesShape.phrase(values)); Flux needs the values "
                + "there as a mapping",
            location: location,
            fix: "write the values as a mapping under `spec.values`\(ValuesShape.blockStringAdvice(values)), or move "
                + "them to a ConfigMap and `spec.valuesFrom`",
            sources: [docs])
    }

    /// The entry of a HelmRelease taken for KEDA, with the diagnostics about what it cannot see.
    static func chart(
        in root: YAMLNode, documentIndex: Int, stream: YAMLStream, reference: ReferencedChart? = nil
    ) -> (chart: WrappedChart, diagnostics: [Diagnostic]) {
        let name = root["metadata"]?["name"]?.scalarText ?? "(unnamed)"
        func location(_ node: YAMLNode) -> SourceLocation { SourceLocation(file: stream.fileName, span: node.span) }
        var diagnostics: [Diagnostic] = []
        let spec = root["spec"]
        let values = spec?["values"].flatMap { WrapperTree.isNull($0) ? nil : $0 }
        let valuesPath: YAMLPath = "spec.values"
        let helmReleaseDocs = "https://fluxcd.io/flux/components/helm/helmreleases/#values"
        let valuesAreMapping = values?.pairs != nil
        if let values, !valuesAreMapping {
            diagnostics.append(notAMapping(values, name: name, location: location(values), docs: helmReleaseDocs))
        }
        if let valuesFrom = spec?["valuesFrom"], valuesFrom.items?.isEmpty == false {
            let kinds = Set((valuesFrom.items ?? []).compactMap { $0["kind"]?.scalarText }).sorted()
                .joined(separator: "/")
            if values == nil {
                diagnostics.append(
                    Diagnostic(
                        id: "wrapper.values-from-only", severity: .error,
                        message: "HelmRelease \(name) takes its values only from `spec.valuesFrom` "
                            + "(\(kinds.isEmpty ? "ConfigMap/Secret" : kinds)), which the tool cannot see and cannot "
                            + "patch",
                        location: location(valuesFrom),
                        fix: "save the referenced values to a file and pass it with `--values`, or move the values "
                            + "into `spec.values`",
                        sources: [helmReleaseDocs]))
            } else {
                diagnostics.append(
                    Diagnostic(
                        id: "wrapper.values-from-not-seen", severity: .warning,
                        message: "HelmRelease \(name) also merges values from `spec.valuesFrom` "
                            + "(\(kinds.isEmpty ? "ConfigMap/Secret" : kinds)); the tool does not see them, and "
                            + "`spec.values` wins over them",
                        location: location(valuesFrom),
                        fix:
                            "check that they set no `certificates.*` key, or pass them with `--values` before this file",
                        sources: [helmReleaseDocs]))
            }
        }
        for key in ["valuesFiles", "valuesFile"] {
            if let files = spec?["chart"]?["spec"]?[key], !WrapperTree.isNull(files) {
                diagnostics.append(
                    Diagnostic(
                        id: "wrapper.value-files-not-seen", severity: .warning,
                        message: "HelmRelease \(name) also reads `spec.chart.spec.\(key)` from the chart's source; the "
                            + "tool does not see them, and `spec.values` wins over them",
                        location: location(files),
                        fix: "pass those files with `--values` before this one, in the same order, to plan with them",
                        sources: [helmReleaseDocs]))
            }
        }
        var versionPath: YAMLPath? = "spec.chart.spec.version"
        var versionDocumentIndex = documentIndex
        var versionRefusal: String?
        var entryPath: YAMLPath = "spec.chart.spec"
        if case .chartReference(let kind, let referenceName) = naming(of: root) {
            entryPath = "spec.chartRef"
            if let reference {
                versionPath = reference.versionPath
                versionDocumentIndex = reference.documentIndex
                versionRefusal = reference.versionRefusal
            } else {
                versionPath = nil
                versionRefusal =
                    "\(kind) \(referenceName), which `spec.chartRef` points at, is not in this file: set the version there"
                diagnostics.append(
                    Diagnostic(
                        id: "wrapper.chart-ref-unverified", severity: .warning,
                        message: "HelmRelease \(name) takes its chart from the \(kind) \(referenceName) "
                            + "(`spec.chartRef`), which is not in this file; the tool cannot check that it is the KEDA "
                            + "chart, nor read or patch its version",
                        location: spec?["chartRef"].map(location),
                        fix: "make sure the \(kind) points at the KEDA chart, or pass the file that holds it too",
                        sources: ["https://fluxcd.io/flux/components/helm/helmreleases/#chart-reference"]))
            }
        }
        let chart = WrappedChart(
            tool: .flux, objectDescription: "HelmRelease \(name)", documentIndex: documentIndex, entryPath: entryPath,
            values: valuesAreMapping ? .object(valuesPath) : .absent(valuesPath), versionPath: versionPath,
            versionDocumentIndex: versionDocumentIndex, versionRefusal: versionRefusal, location: location(root))
        return (chart, diagnostics)
    }
}
