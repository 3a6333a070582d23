/// The advice that goes with a plan: first aid, checks before merging, verification, monitoring, rollback and the
/// removal of unsafe settings. Commands name this cluster's namespace and deployments.
public enum AdviceWriter {
    /// The advice for a strategy.
    public static func advice(for strategy: Strategy, context: DiagnosisContext, plan: RemediationPlan) -> [Advice] {
        guard strategy != .none else { return security(context) }
        let namespace = context.facts.namespaceOrDefault
        let operatorName = context.operatorName
        let metricsServer = "\(operatorName)-metrics-apiserver"
        var advice: [Advice] = [
            Advice(
                id: "first-aid.restart", kind: .firstAid,
                title: "Restore service now: restart the operator, then the metrics API server",
                detail: "The metrics API server reconnects to the operator with fresh certificates. This is first aid; "
                    + "the failure returns until the change lands.",
                commands: [
                    "kubectl rollout restart deployment/\(operatorName) -n \(namespace)",
                    "kubectl rollout status deployment/\(operatorName) -n \(namespace) --timeout=5m",
                    "kubectl rollout restart deployment/\(metricsServer) -n \(namespace)",
                    "kubectl rollout status deployment/\(metricsServer) -n \(namespace) --timeout=5m",
                ])
        ]
        let secretName = context.secretName
        let readExpiry =
            "kubectl get secret -n \(namespace) \(secretName) -o jsonpath='{.data.tls\\.crt}' | base64 -d | "
            + "openssl x509 -noout -enddate"
        switch strategy {
        case .certManager:
            advice.append(
                Advice(
                    id: "precheck.cert-manager", kind: .precheck,
                    title: "Before merging: check that cert-manager's controller and cainjector run",
                    detail: "With cert-manager enabled the operator no longer creates its certificate; if cert-manager "
                        + "cannot issue it, KEDA's pods wait for the secret.",
                    commands: [
                        "kubectl get deployment -n cert-manager cert-manager cert-manager-cainjector",
                        "kubectl get crd certificates.cert-manager.io issuers.cert-manager.io",
                    ]
                        + (context.facts.issuer.map { issuer in
                            let namespaceFlag = issuer.value.kind == .issuer ? " -n \(namespace)" : ""
                            return [
                                "kubectl get \(issuer.value.kind.rawValue.lowercased()) \(issuer.value.name)\(namespaceFlag)"
                            ]
                        } ?? [])))
            advice.append(
                Advice(
                    id: "verify.cert-manager", kind: .verify,
                    title: "After rolling out: the certificate is Ready, the CA is injected, the conflict is gone",
                    commands: [
                        "kubectl get certificate -n \(namespace)",
                        "kubectl get apiservice v1beta1.external.metrics.k8s.io -o jsonpath='{.metadata.annotations}'",
                        "kubectl get apiservice v1beta1.external.metrics.k8s.io -o "
                            + "jsonpath='{.status.conditions[?(@.type==\"Available\")].status}'",
                        "kubectl logs -n \(namespace) deployment/\(operatorName) --since=1h | grep -c "
                            + "'Error updating webhook with certificate'",
                    ]))
            advice.append(
                Advice(
                    id: "monitor.cert-manager", kind: .monitor,
                    title: "Watch certificate expiry and readiness through cert-manager's metrics",
                    detail: "Alert when certmanager_certificate_expiration_timestamp_seconds - time() falls below 21 "
                        + "days, or certmanager_certificate_ready_status{condition=\"False\"} is 1, for the "
                        + "certificates in \(namespace)."))
            advice.append(
                Advice(
                    id: "rollback.cert-manager", kind: .rollback,
                    title: "To roll back: revert the values change; the operator generates its own certificates again",
                    detail: "Reverting removes the chart's Certificate objects; restart the operator afterwards."))
        case .disableRotation:
            let due = context.manualRotationDue ?? "the date `\(readExpiry)` shows, less 30 days"
            advice.append(
                Advice(
                    id: "precheck.certificate", kind: .precheck,
                    title: "Before merging: confirm the certificate secret exists and when it expires",
                    commands: ["kubectl get secret -n \(namespace) \(secretName)", readExpiry]))
            advice.append(
                Advice(
                    id: "verify.rotation-off", kind: .verify,
                    title: "After rolling out: the operator runs with --enable-cert-rotation=false and the conflict "
                        + "is gone",
                    commands: [
                        "kubectl get deployment -n \(namespace) \(operatorName) -o "
                            + "jsonpath='{.spec.template.spec.containers[0].args}'",
                        "kubectl logs -n \(namespace) deployment/\(operatorName) --since=1h | grep -c "
                            + "'Error updating webhook with certificate'",
                        "kubectl get apiservice v1beta1.external.metrics.k8s.io -o "
                            + "jsonpath='{.status.conditions[?(@.type==\"Available\")].status}'",
                    ]))
            advice.append(
                Advice(
                    id: "monitor.manual-rotation", kind: .monitor,
                    title: "Nothing rotates the certificate any more: rotate it by hand before \(due)",
                    detail: "Put a reminder and an alert on the expiry. To rotate: set certificates.autoGenerated back "
                        + "to true for one rollout (cert-controller issues a new certificate), or move to cert-manager.",
                    commands: [readExpiry]))
            advice.append(
                Advice(
                    id: "rollback.rotation", kind: .rollback,
                    title: "To roll back: revert the values change; the operator rotates its certificates again"))
        case .upgrade, .none:
            break
        }
        if let upgrade = plan.upgrade {
            var steps: [String] = []
            if let kubernetes = upgrade.kubernetes { steps.append("Kubernetes to \(kubernetes) first") }
            steps.append("the KEDA chart to \(upgrade.chart) (KEDA \(upgrade.keda))")
            advice.append(
                Advice(
                    id: "upgrade", kind: .upgrade, title: "Upgrade " + steps.joined(separator: ", then "),
                    detail: upgrade.reasons.joined(separator: "\n")))
        }
        return advice + security(context)
    }

    /// The removal of `insecureSkipTLSVerify`, when the cluster has it.
    static func security(_ context: DiagnosisContext) -> [Advice] {
        guard context.facts.apiServiceInsecureSkipTLSVerify?.value == true else { return [] }
        return [
            Advice(
                id: "security.remove-insecure-skip-tls-verify", kind: .security,
                title: "Remove insecureSkipTLSVerify from the APIService once a CA bundle is injected",
                detail: "An APIService cannot carry both insecureSkipTLSVerify and a caBundle (kedacore/keda#4732). "
                    + "Turn it off, then check that the CA is injected and the APIService is Available. If a GitOps "
                    + "tool sets or ignores /spec/insecureSkipTLSVerify, remove that rule too.",
                commands: [
                    "kubectl patch apiservice v1beta1.external.metrics.k8s.io --type=merge "
                        + "-p '{\"spec\":{\"insecureSkipTLSVerify\":false}}'",
                    "kubectl get apiservice v1beta1.external.metrics.k8s.io -o jsonpath='{.spec.caBundle}' | wc -c",
                ])
        ]
    }
}
