extension ClusterProbe {
    /// `kubectl get apiservice v1beta1.external.metrics.k8s.io -o json`: its `Available` condition and
    /// `spec.insecureSkipTLSVerify` (absent means false).
    static func readAPIService(_ output: CapturedOutput, into probed: inout ProbedFacts) {
        let keys = ClusterQuery.apiService.factKeys
        if output.isBlank {
            probed.unknown(
                keys, "the APIService v1beta1.external.metrics.k8s.io does not exist (\(output.name) is empty)")
            return
        }
        typealias Services = KubernetesObjectShapes.ObjectOrList<KubernetesObjectShapes.APIService>
        guard let list = decode(Services.self, output, keys: keys, into: &probed) else { return }
        guard
            let service = list.objects.first(where: { $0.metadata?.name == "v1beta1.external.metrics.k8s.io" })
                ?? list.objects.first
        else {
            probed.unknown(keys, "\(output.name) holds no APIService")
            return
        }
        give(
            \.apiServiceInsecureSkipTLSVerify, service.spec?.insecureSkipTLSVerify ?? false, from: output.origin,
            into: &probed)
        guard let available = service.status?.conditions?.first(where: { $0.type == "Available" }) else {
            probed.unknown(.apiServiceAvailable, "the APIService reports no Available condition (\(output.name))")
            return
        }
        give(\.apiServiceAvailable, available.status == "True", from: output.origin, into: &probed)
        if available.status != "True" {
            let why = [available.reason, available.message].compactMap { $0 }.joined(separator: ": ")
            probed.remarks.append(
                "the APIService is not Available" + (why.isEmpty ? "" : " (\(why))") + " (\(output.name))")
        }
    }
}
