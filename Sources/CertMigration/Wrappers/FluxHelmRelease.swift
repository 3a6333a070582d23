import YAMLKit

/// Finds the KEDA chart in a Flux `HelmRelease` and says what of its values the tool cannot see.
///
/// Facts relied on (Flux helm-controller docs, https://fluxcd.io/flux/components/helm/helmreleases/, sections
/// "Chart template", "Chart reference" and "Values"):
/// - `helm.toolkit.fluxcd.io/v2` (and the older `v2beta2`, `v2beta1`) name the chart in `spec.chart.spec.chart` and
///   its version in `spec.chart.spec.version`, a SemVer version or range (`*`, the latest, when absent).
/// - `v2` and `v2beta2` may instead point `spec.chartRef` at an `OCIRepository` or `HelmChart`; the chart's name and
///   version then live in that object, not in the HelmRelease (the two fields are mutually exclusive).
/// - `spec.valuesFrom` lists ConfigMaps and Secrets merged in order, then `spec.values` is merged over them:
///   inline values always win.
/// - `spec.chart.spec.valuesFiles` (`valuesFile` in `v2beta1`) merges files from the chart's source first.
///
/// The KEDA chart is recognised by `spec.chart.spec.chart: keda` exactly, or a path ending in `/keda` (an OCI
/// HelmRepository may name the chart by its path in the registry). A `chartRef` HelmRelease names no chart:
/// it is taken for KEDA only when it is the one candidate of its file, with a warning, and its version cannot be
/// patched here.
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

    /// The entry of a HelmRelease taken for KEDA, with the diagnostics about what it cannot see.
    static func chart(
        in root: YAMLNode, documentIndex: Int, stream: YAMLStream
    ) -> (chart: WrappedChart, diagnostics: [Diagnostic]) {
        let name = root["metadata"]?["name"]?.scalarText ?? "(unnamed)"
        func location(_ node: YAMLNode) -> SourceLocation { SourceLocation(file: stream.fileName, span: node.span) }
        var diagnostics: [Diagnostic] = []
        let spec = root["spec"]
        let values = spec?["values"].flatMap { WrapperTree.isNull($0) ? nil : $0 }
        let valuesPath: YAMLPath = "spec.values"
        let helmReleaseDocs = "https://fluxcd.io/flux/components/helm/helmreleases/#values"
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
        var entryPath: YAMLPath = "spec.chart.spec"
        if case .chartReference(let kind, let reference) = naming(of: root) {
            versionPath = nil
            entryPath = "spec.chartRef"
            diagnostics.append(
                Diagnostic(
                    id: "wrapper.chart-ref-unverified", severity: .warning,
                    message: "HelmRelease \(name) takes its chart from the \(kind) \(reference) (`spec.chartRef`); the "
                        + "tool cannot check that it is the KEDA chart, nor read or patch its version there",
                    location: spec?["chartRef"].map(location),
                    fix: "make sure the \(kind) points at the KEDA chart; set its version there",
                    sources: ["https://fluxcd.io/flux/components/helm/helmreleases/#chart-reference"]))
        }
        let chart = WrappedChart(
            tool: .flux, objectDescription: "HelmRelease \(name)", documentIndex: documentIndex, entryPath: entryPath,
            values: values == nil ? .absent(valuesPath) : .object(valuesPath), versionPath: versionPath,
            location: location(root))
        return (chart, diagnostics)
    }
}
