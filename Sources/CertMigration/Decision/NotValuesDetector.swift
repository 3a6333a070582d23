import YAMLKit

/// Recognises files that are plainly not Helm values, so they are refused instead of planned (and patched) as
/// values: a Kubernetes object other than the Argo CD Application or Flux HelmRelease the tool reads, or a chart's
/// `Chart.yaml`.
enum NotValuesDetector {
    static func problem(_ root: YAMLNode, fileName: String) -> Diagnostic? {
        guard let apiVersion = root["apiVersion"]?.scalarText else { return nil }
        let location = SourceLocation(file: fileName, line: root.span.start.line, column: root.span.start.column)
        let fix =
            "pass the KEDA values file (the one given to `helm -f`), or the Application or HelmRelease that "
            + "deploys the keda chart"
        if let kind = root["kind"]?.scalarText {
            return Diagnostic(
                id: "values.not-values", severity: .error,
                message: "\(fileName) is a Kubernetes \(kind) (`apiVersion: \(apiVersion)`, `kind: \(kind)`), not Helm "
                    + "values, an Argo CD Application or a Flux HelmRelease",
                location: location, fix: fix)
        }
        if (apiVersion == "v1" || apiVersion == "v2"), root["name"] != nil, root["version"] != nil {
            return Diagnostic(
                id: "values.not-values", severity: .error,
                message: "\(fileName) is a Helm chart's Chart.yaml (`apiVersion: \(apiVersion)` with `name` and "
                    + "`version`), not Helm values",
                location: location, fix: fix)
        }
        return nil
    }
}
