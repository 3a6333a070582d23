extension ClusterProbe {
    /// `helm list -A -o json`: the release of the `keda` chart (`chart: keda-2.16.1`), its name and namespace.
    ///
    /// Charts whose name only starts with `keda-` (`keda-add-ons-http-0.8.0`) are not KEDA's chart: the text after
    /// `keda-` must be a version. With several KEDA releases, the one in `namespace` is taken, else the only
    /// deployed one; otherwise the facts stay unknown and the reason lists them.
    static func readHelmReleases(_ output: CapturedOutput, namespace: String?, into probed: inout ProbedFacts) {
        let keys = ClusterQuery.helmReleases.factKeys
        if output.isBlank {
            probed.unknown(keys, "\(output.name) is empty")
            return
        }
        guard let releases = decode([KubernetesObjectShapes.HelmRelease].self, output, keys: keys, into: &probed)
        else { return }
        let keda = releases.compactMap { release -> (KubernetesObjectShapes.HelmRelease, SemanticVersion)? in
            guard release.chart.hasPrefix("keda-"),
                let version = try? SemanticVersion.parse(String(release.chart.dropFirst(5)))
            else { return nil }
            return (release, version)
        }
        var candidates = keda
        if let namespace, candidates.count > 1 { candidates = candidates.filter { $0.0.namespace == namespace } }
        if candidates.count > 1 {
            let deployed = candidates.filter { $0.0.status == "deployed" }
            if !deployed.isEmpty { candidates = deployed }
        }
        guard candidates.count == 1, let (release, version) = candidates.first else {
            let reason =
                keda.isEmpty
                ? "\(output.name) lists no release of the keda chart (installed another way, or by Argo CD, "
                    + "which leaves no Helm release)"
                : "\(output.name) lists several KEDA releases ("
                    + keda.map { "\($0.0.namespace)/\($0.0.name)" }.joined(separator: ", ")
                    + "): choose one with --namespace"
            probed.unknown(keys + [.namespace], reason)
            return
        }
        give(\.chartVersion, version, from: output.origin, into: &probed)
        if KubernetesName.isLabel(release.name) {
            give(\.releaseName, release.name, from: output.origin, into: &probed)
        }
        if KubernetesName.isLabel(release.namespace) {
            give(\.namespace, release.namespace, from: output.origin, into: &probed)
        }
        if let status = release.status, status != "deployed" {
            probed.remarks.append(
                "the Helm release \(release.namespace)/\(release.name) is `\(status)`, not deployed (\(output.name))")
        }
    }
}
