import YAMLKit

/// Decides what a values input is: a plain values file, or the one Argo CD Application or Flux HelmRelease of its
/// file that deploys the KEDA chart.
///
/// A file is a wrapper when any of its documents is an Argo CD `Application` or `ApplicationSet`
/// (`argoproj.io/...`) or a Flux `HelmRelease` (`helm.toolkit.fluxcd.io/...`, `helm.fluxcd.io/...`); other
/// documents (Namespaces, OCIRepositories, ...) are left alone. Otherwise the file is a plain values file.
///
/// Refused, with an error diagnostic naming where: a wrapper file in which no object deploys the KEDA chart; more
/// than one KEDA chart entry in the file (two Applications, two sources of one Application, an Application and a
/// HelmRelease: which one to patch is not clear); an `ApplicationSet` (its values sit in a template with
/// generator parameters); a HelmRelease of an API version this tool does not know (Flux v1's `helm.fluxcd.io`
/// included). A `chartRef` HelmRelease counts when the OCIRepository or HelmChart it points at is in the file and
/// holds the KEDA chart, or, with a warning, when that object is elsewhere and it is the only HelmRelease of a
/// file in which nothing else names the KEDA chart.
public enum WrapperDetector {
    /// The wrapper of a parsed file and what the tool cannot see in it (warnings, and errors that stop the tool).
    public static func detect(_ stream: YAMLStream) throws(Diagnostic) -> (
        wrapper: ValuesWrapper, diagnostics: [Diagnostic]
    ) {
        var found: [(chart: WrappedChart, diagnostics: [Diagnostic])] = []
        var chartReferences: [(chart: WrappedChart, diagnostics: [Diagnostic])] = []
        var helmReleaseCount = 0
        var sawWrapper = false
        // What the first wrapper deploys instead of KEDA, for the refusal when none deploys it.
        var firstMiss: (what: String, location: SourceLocation)?
        for (index, document) in stream.documents.enumerated() {
            let root = document.root
            guard let apiVersion = root["apiVersion"]?.scalarText, let kind = root["kind"]?.scalarText else { continue }
            let group = apiVersion.split(separator: "/").first.map(String.init) ?? ""
            let location = SourceLocation(file: stream.fileName, span: root.span)
            switch (group, kind) {
            case ("argoproj.io", "Application"):
                sawWrapper = true
                guard apiVersion == ArgoCDApplication.apiVersion else {
                    throw refusal(
                        "the Application uses `apiVersion: \(apiVersion)`; the tool reads "
                            + "`\(ArgoCDApplication.apiVersion)`", fix: "use `apiVersion: argoproj.io/v1alpha1`",
                        at: location)
                }
                found += ArgoCDApplication.kedaSources(in: root, documentIndex: index, stream: stream)
                if firstMiss == nil { firstMiss = WrapperMiss.argo(root, fileName: stream.fileName) }
            case ("argoproj.io", "ApplicationSet"):
                throw refusal(
                    "an Argo CD ApplicationSet is not supported: its values sit in a template filled in by generators",
                    fix: "run the tool on the values file or the Application the ApplicationSet produces", at: location)
            case (FluxHelmRelease.group, "HelmRelease"):
                sawWrapper = true
                helmReleaseCount += 1
                let version = String(apiVersion.dropFirst(FluxHelmRelease.group.count + 1))
                guard FluxHelmRelease.versions.contains(version) else {
                    throw refusal(
                        "the HelmRelease uses `apiVersion: \(apiVersion)`, which the tool does not know",
                        fix: "use `helm.toolkit.fluxcd.io/v2` (or `v2beta2`, `v2beta1`)", at: location)
                }
                if firstMiss == nil { firstMiss = WrapperMiss.flux(root, fileName: stream.fileName) }
                switch FluxHelmRelease.naming(of: root) {
                case .chart(let chart) where ArgoCDApplication.isKEDAChart(chart):
                    found.append(FluxHelmRelease.chart(in: root, documentIndex: index, stream: stream))
                case .chartReference(let kind, let name):
                    let namespace =
                        root["spec"]?["chartRef"]?["namespace"]?.scalarText
                        ?? root["metadata"]?["namespace"]?.scalarText
                    if let reference = FluxHelmRelease.referencedChart(
                        kind: kind, name: name, namespace: namespace, in: stream)
                    {
                        if reference.isKEDA {
                            found.append(
                                FluxHelmRelease.chart(
                                    in: root, documentIndex: index, stream: stream, reference: reference))
                        }
                    } else {
                        chartReferences.append(FluxHelmRelease.chart(in: root, documentIndex: index, stream: stream))
                    }
                case .chart, .none:
                    break
                }
            case ("helm.fluxcd.io", "HelmRelease"):
                throw refusal(
                    "a Flux v1 Helm Operator HelmRelease (`\(apiVersion)`) is not supported",
                    fix: "migrate it to `helm.toolkit.fluxcd.io/v2`, or run the tool on its values", at: location)
            default:
                continue
            }
        }
        guard sawWrapper else { return (.plain, []) }
        if found.isEmpty, chartReferences.count == 1, helmReleaseCount == 1 {
            found = chartReferences
        }
        switch found.count {
        case 0:
            throw Diagnostic(
                id: "wrapper.no-keda-chart", severity: .error,
                message: "\(stream.fileName) holds Argo CD Applications or Flux HelmReleases, but none deploys the "
                    + "KEDA chart (`chart: keda`)" + (firstMiss.map { ": \($0.what)" } ?? ""),
                location: firstMiss?.location ?? SourceLocation(file: stream.fileName),
                fix: "pass the file that deploys KEDA, or its plain values file")
        case 1:
            return (.wrapped(found[0].chart), found[0].diagnostics)
        default:
            let charts = found.map(\.chart)
            if let first = charts.first, charts.allSatisfy({ $0.documentIndex == first.documentIndex }) {
                // Several sources of one Application: the object's name says nothing, the source's path does.
                let places = charts.map { "`\($0.entryPath)` at \($0.location)" }
                throw Diagnostic(
                    id: "wrapper.several-keda-charts", severity: .error,
                    message: "\(first.objectDescription) deploys the KEDA chart from \(charts.count) sources "
                        + "(\(places.joined(separator: ", "))); which one to read and patch is not clear",
                    location: charts[1].location,
                    fix: "keep one KEDA chart source per Application, or split it and run the tool on each")
            }
            let places = found.map { "\($0.chart.objectDescription) at \($0.chart.location)" }
            throw Diagnostic(
                id: "wrapper.several-keda-charts", severity: .error,
                message:
                    "\(stream.fileName) deploys the KEDA chart \(found.count) times (\(places.joined(separator: "; "))); "
                    + "which one to read and patch is not clear",
                location: found[1].chart.location,
                fix: "keep one KEDA chart entry per file, or split the file and run the tool on each")
        }
    }

    static func refusal(_ message: String, fix: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(id: "wrapper.unsupported", severity: .error, message: message, location: location, fix: fix)
    }
}

/// Where a wrapper that does not deploy KEDA says what it deploys instead.
enum WrapperMiss {
    static func at(_ node: YAMLNode, _ fileName: String) -> SourceLocation {
        SourceLocation(file: fileName, span: node.span)
    }

    /// An Application: its source's chart, or the source (or `spec`) that names none.
    static func argo(_ root: YAMLNode, fileName: String) -> (what: String, location: SourceLocation) {
        guard let spec = root["spec"] else { return ("the Application has no `spec`", at(root, fileName)) }
        guard spec.pairs != nil else { return ("its `spec` is not a mapping", at(spec, fileName)) }
        guard let source = spec["source"] ?? spec["sources"]?.items?.first else {
            return ("its `spec` has no `source`", at(spec, fileName))
        }
        if let chart = source["chart"], let name = chart.scalarText {
            return ("this Application deploys the chart `\(name)`", at(chart, fileName))
        }
        return ("its source names no `chart` (a Git directory, Kustomize or plain manifests)", at(source, fileName))
    }

    /// A HelmRelease: its chart, or the `spec` that names neither `spec.chart` nor `spec.chartRef`.
    static func flux(_ root: YAMLNode, fileName: String) -> (what: String, location: SourceLocation) {
        guard let spec = root["spec"], spec.pairs != nil else {
            return ("the HelmRelease has no `spec` mapping", at(root["spec"] ?? root, fileName))
        }
        if let chart = spec["chart"]?["spec"]?["chart"], let name = chart.scalarText {
            return ("this HelmRelease deploys the chart `\(name)`", at(chart, fileName))
        }
        if spec["chart"] == nil, spec["chartRef"] == nil {
            return ("its `spec` has neither `chart` nor `chartRef`", at(spec, fileName))
        }
        return ("its `chartRef` points at no KEDA chart in this file", at(spec["chartRef"] ?? spec, fileName))
    }
}
