extension ClusterProbe {
    /// `kubectl get deployment -n NS keda-operator -o json`: the operator's version (its image tag, else the
    /// `app.kubernetes.io/version` label), its namespace, whether it rotates its certificates, and the chart labels
    /// (`helm.sh/chart`, `app.kubernetes.io/instance`) when `helm list` gave nothing.
    static func readKedaOperator(_ output: CapturedOutput, into probed: inout ProbedFacts) {
        let keys = ClusterQuery.kedaOperator.factKeys
        if output.isBlank {
            probed.unknown(keys, "\(output.name) is empty: no keda-operator Deployment was found")
            return
        }
        typealias Deployments = KubernetesObjectShapes.ObjectOrList<KubernetesObjectShapes.Deployment>
        guard let list = decode(Deployments.self, output, keys: keys, into: &probed) else { return }
        guard let deployment = list.objects.first(where: { $0.metadata?.name == "keda-operator" }) ?? list.objects.first
        else {
            probed.unknown(keys, "\(output.name) holds no Deployment")
            return
        }
        let origin = output.origin
        let labels = deployment.metadata?.labels ?? [:]
        if let namespace = deployment.metadata?.namespace, KubernetesName.isLabel(namespace) {
            give(\.namespace, namespace, from: origin, into: &probed)
        }
        let container = deployment.container(named: "keda-operator")
        let image = container?.image.map(ContainerImage.init)
        if let tag = image?.tag, let version = try? SemanticVersion.parse(tag) {
            give(\.kedaVersion, version, from: origin, into: &probed)
        } else if let label = labels["app.kubernetes.io/version"], let version = try? SemanticVersion.parse(label) {
            give(\.kedaVersion, version, from: origin, into: &probed)
        } else {
            let shown = container?.image ?? "no image"
            probed.unknown(
                .kedaVersion,
                "the operator's image (\(shown)) carries no version tag, and no app.kubernetes.io/version "
                    + "label says it: set keda.version yourself")
        }
        if let chart = labels["helm.sh/chart"], chart.hasPrefix("keda-"),
            let version = try? SemanticVersion.parse(String(chart.dropFirst(5)))
        {
            give(\.chartVersion, version, from: origin, into: &probed)
        }
        if labels["app.kubernetes.io/managed-by"] == "Helm", let instance = labels["app.kubernetes.io/instance"],
            KubernetesName.isLabel(instance)
        {
            give(\.releaseName, instance, from: origin, into: &probed)
        }
        if let container {
            let arguments = Array((container.command ?? []).dropFirst()) + (container.args ?? [])
            readOperatorArguments(arguments, output, into: &probed)
        }
        if let ready = deployment.status.map({ $0.readyReplicas ?? 0 }), ready == 0 {
            probed.remarks.append("the keda-operator Deployment has no ready replica (\(output.name))")
        }
    }

    /// The operator's `--enable-cert-rotation` (pflag: the last occurrence wins; `--flag` alone means true; absent
    /// means false) and `--cert-secret-name`.
    private static func readOperatorArguments(
        _ arguments: [String], _ output: CapturedOutput, into probed: inout ProbedFacts
    ) {
        var rotation: Bool? = false
        var rotationText: String?
        var secretName: String?
        for argument in arguments {
            if argument == "--enable-cert-rotation" {
                rotation = true
                rotationText = argument
            } else if argument.hasPrefix("--enable-cert-rotation=") {
                rotationText = argument
                rotation = CertRotationFlag.parseGoBool(String(argument.dropFirst("--enable-cert-rotation=".count)))
            } else if argument.hasPrefix("--cert-secret-name=") {
                secretName = String(argument.dropFirst("--cert-secret-name=".count))
            }
        }
        switch rotation {
        case let enabled?:
            probed.operatorCertRotation = Fact(enabled, from: output.origin)
            let said = rotationText.map { "runs with \($0)" } ?? "runs without --enable-cert-rotation (default false)"
            probed.remarks.append(
                "the operator \(said): it \(enabled ? "generates and rotates" : "does not rotate") its own "
                    + "certificates (\(output.name))")
        case nil:
            probed.remarks.append(
                "the operator runs with `\(rotationText ?? "")`, which Go's strconv.ParseBool refuses: it cannot "
                    + "start (\(output.name))")
        }
        if let secretName, secretName != "kedaorg-certs" {
            probed.remarks.append(
                "the operator keeps its certificates in the secret \(secretName), not kedaorg-certs (\(output.name))")
        }
    }
}
