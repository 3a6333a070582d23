/// The advice that goes with a plan: first aid, checks before merging, verification, monitoring, rollback and the
/// removal of unsafe settings. Commands name this cluster's namespace and deployments.
public enum AdviceWriter {
    /// The advice for a strategy, or for a plan without one (first aid when the cluster needs it now, upgrades,
    /// security).
    ///
    /// The strategy's own advice is written once for each ``Key`` and kept in the catalog's memo: a fleet's clusters
    /// mostly share a namespace, names and a GitOps tool, and every plan wrote the same dozen sentences and commands
    /// again. The day by which a certificate must be rotated by hand differs from cluster to cluster, and so do the
    /// upgrade steps, so they are left out of the key and added to a copy.
    public static func advice(for strategy: Strategy?, context: DiagnosisContext, plan: RemediationPlan) -> [Advice] {
        if strategy == Strategy.none { return security(context) }
        let key = Key(strategy: strategy, context: context)
        let kept = context.catalog.memo.advice.value(for: key) { strategyAdvice(key, due: nil) }
        let due = strategy == .disableRotation ? context.manualRotationDue : nil
        let insecureSkipTLSVerify = context.facts.apiServiceInsecureSkipTLSVerify?.value == true
        guard due != nil || plan.upgrade != nil || insecureSkipTLSVerify else { return kept }
        var advice: [Advice] = []
        advice.reserveCapacity(kept.count + 2)
        advice += kept
        if let due, let index = advice.firstIndex(where: { $0.id == manualRotationID }) {
            advice[index].title = manualRotationTitle(due: due)
        }
        if let upgrade = plan.upgrade {
            advice.append(
                Advice(
                    id: "upgrade", kind: .upgrade, title: "Upgrade " + upgrade.steps.joined(separator: ", then "),
                    detail: upgrade.reasons.joined(separator: "\n")))
        }
        if insecureSkipTLSVerify { advice.append(insecureSkipTLSVerifyRemoval) }
        return advice
    }

    /// Everything a strategy's own advice names, but the day of a manual rotation.
    struct Key: Hashable, Sendable {
        var strategy: Strategy?
        var namespace: String
        var operatorName: String
        var needsFirstAid: Bool
        /// The team's issuer the cert-manager precheck looks for (nil for other strategies).
        var teamIssuer: IssuerReference?
        /// The CA secret the cert-manager precheck checks for direct injection (nil for other strategies).
        var directInjectionSecret: String?
        /// The certificate secret of the disable-rotation commands (nil for other strategies).
        var secretName: String?
        /// The GitOps tool whose drift the advice covers (nil when no drift advice is given).
        var gitOps: GitOpsTool?
        /// True when cert-manager's cainjector, not the operator, writes the CA bundles.
        var certManagerInjects: Bool
        /// The chart version a Flux drift advice names, as written (nil unless Flux).
        var fluxChart: String?
        /// How many webhooks that chart renders (0 unless Flux).
        var fluxWebhookCount: Int

        /// The key of a context's advice. The context is borrowed: an initializer takes its arguments, and the
        /// caller then copied the whole context for it.
        init(strategy: Strategy?, context: borrowing DiagnosisContext) {
            self.strategy = strategy
            namespace = context.facts.namespaceOrDefault
            operatorName = context.operatorName
            var expired = false
            if let notAfter = context.certificateNotAfter { expired = notAfter < context.input.now }
            needsFirstAid = strategy != nil || context.facts.apiServiceAvailable?.value == false || expired
            let certManager = strategy == .certManager
            teamIssuer = certManager ? context.teamIssuerInUse : nil
            directInjectionSecret = certManager ? context.certificateSigner.directInjectionSecret : nil
            secretName = strategy == .disableRotation ? context.secretName : nil
            let drifts = strategy == .certManager || strategy == .disableRotation
            gitOps = drifts ? context.facts.gitops?.value : nil
            certManagerInjects =
                drifts
                && (context.rotation.certManagerInCharge || context.input.strategy == .forced(.certManager)
                    || context.facts.certManagerInstalled?.value == true)
            let flux = gitOps == .flux
            fluxChart = flux ? context.chart.release.chartVersion.description : nil
            fluxWebhookCount = flux ? context.chart.release.admissionWebhooks.names.count : 0
        }
    }

    /// The id of the advice whose title names the day of a manual rotation.
    static let manualRotationID = "monitor.manual-rotation"

    /// The title of the manual-rotation advice.
    static func manualRotationTitle(due: String) -> String {
        String.concatenating("Nothing rotates the certificate any more: rotate it by hand before ", due)
    }

    /// A strategy's own advice (first aid, checks, verification, monitoring, rollback, GitOps drift) for a key; `due`
    /// is the day of a manual rotation, when known.
    static func strategyAdvice(_ key: Key, due: String?) -> [Advice] {
        let strategy = key.strategy
        let namespace = key.namespace
        let operatorName = key.operatorName
        let metricsServer = String.concatenating(operatorName, "-metrics-apiserver")
        let needsFirstAid = key.needsFirstAid
        var advice: [Advice] = []
        advice.reserveCapacity(8)
        if needsFirstAid {
            advice.append(
                Advice(
                    id: "first-aid.restart", kind: .firstAid,
                    title: "Restore service now: restart the operator, then the metrics API server",
                    detail:
                        "The metrics API server reconnects to the operator with fresh certificates. This is first aid; "
                        + "the failure returns until the change lands.",
                    commands: [
                        String.concatenating("kubectl rollout restart deployment/", operatorName, " -n ", namespace),
                        String.concatenating(
                            "kubectl rollout status deployment/", operatorName, " -n ", namespace, " --timeout=5m"),
                        String.concatenating("kubectl rollout restart deployment/", metricsServer, " -n ", namespace),
                        String.concatenating(
                            "kubectl rollout status deployment/", metricsServer, " -n ", namespace, " --timeout=5m"),
                    ]))
        }
        switch strategy {
        case .certManager?:
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
                        + (key.teamIssuer.map { issuer in
                            let namespaceFlag = issuer.kind == .issuer ? String.concatenating(" -n ", namespace) : ""
                            let kind = issuer.kind.rawValue.lowercased()
                            return [String.concatenating("kubectl get ", kind, " ", issuer.name, namespaceFlag)]
                        } ?? [])
                        + (key.directInjectionSecret.map { secret in
                            [
                                String.concatenating(
                                    "kubectl get secret -n ", namespace, " ", secret,
                                    " -o jsonpath='{.metadata.annotations.cert-manager\\.io/allow-direct-injection}'")
                            ]
                        } ?? [])))
            advice.append(
                Advice(
                    id: "verify.cert-manager", kind: .verify,
                    title: "After rolling out: the certificate is Ready, the CA is injected, the conflict is gone",
                    commands: [
                        String.concatenating("kubectl get certificate -n ", namespace),
                        "kubectl get apiservice v1beta1.external.metrics.k8s.io -o jsonpath='{.metadata.annotations}'",
                        "kubectl get apiservice v1beta1.external.metrics.k8s.io -o "
                            + "jsonpath='{.status.conditions[?(@.type==\"Available\")].status}'",
                        String.concatenating(
                            "kubectl logs -n ", namespace, " deployment/", operatorName,
                            " --since=1h | grep -c 'Error updating webhook with certificate'"),
                    ]))
            advice.append(
                Advice(
                    id: "monitor.cert-manager", kind: .monitor,
                    title: "Watch certificate expiry and readiness through cert-manager's metrics",
                    detail: String.concatenating(
                        "Alert when certmanager_certificate_expiration_timestamp_seconds - time() falls below 21 days, "
                            + "or certmanager_certificate_ready_status{condition=\"False\"} is 1, for the certificates "
                            + "in ", namespace, ".")))
            advice.append(
                Advice(
                    id: "rollback.cert-manager", kind: .rollback,
                    title: "To roll back: revert the values change; the operator generates its own certificates again",
                    detail: "Reverting removes the chart's Certificate objects; restart the operator afterwards."))
        case .disableRotation?:
            let secretName = key.secretName ?? ""
            let readExpiry = String.concatenating(
                "kubectl get secret -n ", namespace, " ", secretName,
                " -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -enddate")
            let due = due ?? String.concatenating("the date `", readExpiry, "` shows, less 30 days")
            advice.append(
                Advice(
                    id: "precheck.certificate", kind: .precheck,
                    title: "Before merging: confirm the certificate secret exists and when it expires",
                    commands: [String.concatenating("kubectl get secret -n ", namespace, " ", secretName), readExpiry]))
            advice.append(
                Advice(
                    id: "verify.rotation-off", kind: .verify,
                    title: "After rolling out: the operator runs with --enable-cert-rotation=false and the conflict "
                        + "is gone",
                    commands: [
                        String.concatenating(
                            "kubectl get deployment -n ", namespace, " ", operatorName,
                            " -o jsonpath='{.spec.template.spec.containers[0].args}'"),
                        String.concatenating(
                            "kubectl logs -n ", namespace, " deployment/", operatorName,
                            " --since=1h | grep -c 'Error updating webhook with certificate'"),
                        "kubectl get apiservice v1beta1.external.metrics.k8s.io -o "
                            + "jsonpath='{.status.conditions[?(@.type==\"Available\")].status}'",
                    ]))
            advice.append(
                Advice(
                    id: manualRotationID, kind: .monitor, title: manualRotationTitle(due: due),
                    detail: "Put a reminder and an alert on the expiry. To rotate: set certificates.autoGenerated back "
                        + "to true for one rollout (cert-controller issues a new certificate), or move to cert-manager.",
                    commands: [readExpiry]))
            advice.append(
                Advice(
                    id: "rollback.rotation", kind: .rollback,
                    title: "To roll back: revert the values change; the operator rotates its certificates again"))
        case .upgrade?, .none?, nil:
            break
        }
        if let drift = gitOpsDrift(key) {
            advice.append(drift)
        }
        return advice
    }

    /// What to add to the GitOps tool when it shows the injected CA bundles as drift (KEDA-FACTS §6.1, §6.2).
    static func gitOpsDrift(_ key: Key) -> Advice? {
        let injector = key.certManagerInjects ? "cert-manager's cainjector" : "the operator"
        switch key.gitOps {
        case .argocd?:
            return Advice(
                id: "gitops.argocd-drift", kind: .monitor,
                title: "If Argo CD shows the APIService or keda-admission as OutOfSync on caBundle, ignore the "
                    + "injected field",
                detail: String.concatenating(
                    injector,
                    " writes caBundle, which the chart does not render (kedacore/charts#681). In the Application: "
                        + "spec.ignoreDifferences for group apiregistration.k8s.io, kind APIService, name "
                        + "v1beta1.external.metrics.k8s.io, jsonPointers [/spec/caBundle]; and for group "
                        + "admissionregistration.k8s.io, kind ValidatingWebhookConfiguration, name keda-admission, "
                        + "jqPathExpressions [.webhooks[]?.clientConfig.caBundle]; plus syncPolicy.syncOptions "
                        + "RespectIgnoreDifferences=true. Add them only when the drift shows: whether it shows "
                        + "depends on Argo CD's diff mode."))
        case .flux?:
            guard let chart = key.fluxChart else { return nil }
            return Advice(
                id: "gitops.flux-drift", kind: .monitor,
                title: "If Flux's drift detection reports caBundle on the APIService or keda-admission, ignore it",
                detail: String.concatenating(
                    "With spec.driftDetection.mode warn or enabled, ", injector,
                    "'s caBundle differs from the chart. Add spec.driftDetection.ignore entries: path /spec/caBundle "
                        + "for the APIService v1beta1.external.metrics.k8s.io, and one JSON pointer per webhook of "
                        + "keda-admission (/webhooks/0/clientConfig/caBundle ...; chart ",
                    chart, " renders ", String(key.fluxWebhookCount), ")."))
        default:
            return nil
        }
    }

    /// The removal of `insecureSkipTLSVerify`, when the cluster has it.
    static func security(_ context: DiagnosisContext) -> [Advice] {
        context.facts.apiServiceInsecureSkipTLSVerify?.value == true ? [insecureSkipTLSVerifyRemoval] : []
    }

    /// The advice to turn `insecureSkipTLSVerify` off.
    static let insecureSkipTLSVerifyRemoval = Advice(
        id: "security.remove-insecure-skip-tls-verify", kind: .security,
        title: "Turn insecureSkipTLSVerify off on the APIService, so that a CA bundle can be injected and verified",
        detail: "An APIService cannot carry both insecureSkipTLSVerify and a caBundle (kedacore/keda#4732, "
            + "#4862): turn it off first, then check that the CA is injected and the APIService is Available. "
            + "If a GitOps tool sets or ignores /spec/insecureSkipTLSVerify, remove that rule too.",
        commands: [
            "kubectl patch apiservice v1beta1.external.metrics.k8s.io --type=merge "
                + "-p '{\"spec\":{\"insecureSkipTLSVerify\":false}}'",
            "kubectl get apiservice v1beta1.external.metrics.k8s.io -o jsonpath='{.spec.caBundle}' | wc -c",
        ])
}
