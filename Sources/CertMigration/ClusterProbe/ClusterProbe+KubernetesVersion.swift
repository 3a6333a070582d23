extension ClusterProbe {
    /// `kubectl version -o json`: `serverVersion.gitVersion`, and the provider its suffix names.
    static func readKubernetesVersion(_ output: CapturedOutput, into probed: inout ProbedFacts) {
        let keys = ClusterQuery.kubernetesVersion.factKeys
        if output.isBlank {
            probed.unknown(keys, "\(output.name) is empty")
            return
        }
        guard
            let decoded = decode(KubernetesObjectShapes.VersionOutput.self, output, keys: keys, into: &probed)
        else { return }
        guard let text = decoded.serverVersion?.gitVersion else {
            probed.unknown(
                keys,
                "\(output.name) has no serverVersion (kubectl printed only its own version: the server was "
                    + "not reached)")
            return
        }
        let version: SemanticVersion
        do {
            version = try SemanticVersion.parse(text)
        } catch {
            probed.unknown(keys, "\(output.name): \(error.description)")
            return
        }
        give(\.kubernetesVersion, version, from: output.origin, into: &probed)
        let suffix = version.suffix?.lowercased() ?? ""
        let provider: KubernetesProvider? =
            suffix.hasPrefix("eks") ? .eks : suffix.hasPrefix("gke") ? .gke : nil
        if let provider {
            give(
                \.provider, provider,
                from: .derived("the `-\(suffix.prefix(3))` suffix of \(text) in \(output.name)"), into: &probed)
        } else {
            probed.unknown(
                .provider,
                "the server version \(text) names no provider (EKS prints -eks-, GKE -gke.; AKS and most others "
                    + "print none): set kubernetes.provider yourself")
        }
    }
}
