import YAMLKit

/// Finds GitOps rules that hide `insecureSkipTLSVerify` on an APIService: Argo CD `spec.ignoreDifferences` entries
/// (`jsonPointers` or `jqPathExpressions`) and Flux `spec.driftDetection.ignore` paths.
enum InsecureSkipTLSVerifyIgnores {
    /// The scalar nodes that name the ignored field, in document order.
    static func find(in root: YAMLNode) -> [YAMLNode] {
        guard let kind = root["kind"]?.scalarText else { return [] }
        switch kind {
        case "Application":
            return (root["spec"]?["ignoreDifferences"]?.items ?? []).flatMap { entry -> [YAMLNode] in
                guard entry["kind"]?.scalarText.map({ $0 == "APIService" }) ?? true else { return [] }
                let pointers = entry["jsonPointers"]?.items ?? []
                let expressions = entry["jqPathExpressions"]?.items ?? []
                return (pointers + expressions).filter { names($0.scalarText) }
            }
        case "HelmRelease":
            return (root["spec"]?["driftDetection"]?["ignore"]?.items ?? []).flatMap { entry -> [YAMLNode] in
                guard entry["target"]?["kind"]?.scalarText.map({ $0 == "APIService" }) ?? true else { return [] }
                return (entry["paths"]?.items ?? []).filter { names($0.scalarText) }
            }
        default:
            return []
        }
    }

    static func names(_ text: String?) -> Bool {
        guard let text else { return false }
        return text == "/spec/insecureSkipTLSVerify" || text.hasSuffix(".spec.insecureSkipTLSVerify")
    }
}
