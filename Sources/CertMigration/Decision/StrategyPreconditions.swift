import Foundation

/// The preconditions of each strategy, checked against a context. A strategy is chosen (or may be forced) only
/// when all of its checks hold.
public enum StrategyPreconditions {
    /// The checks of one strategy.
    public static func checks(for strategy: Strategy, in context: DiagnosisContext, upgrade: UpgradeRecommendation?)
        -> [PreconditionCheck]
    {
        switch strategy {
        case .none: return noneChecks(context)
        case .certManager: return certManagerChecks(context)
        case .disableRotation: return disableRotationChecks(context)
        case .upgrade: return upgradeChecks(context, upgrade: upgrade)
        }
    }

    /// The values must be readable by the chart before any strategy can build on them.
    static func valuesReadable(_ context: DiagnosisContext, id: String) -> PreconditionCheck {
        let blocking = context.valuesErrors
        return PreconditionCheck(
            id: id, requirement: "the chart can read the values' certificate settings", holds: blocking.isEmpty,
            detail: blocking.isEmpty
                ? "yes" : blocking.map { "\($0.location.map { "\($0): " } ?? "")\($0.message)" }.joined(separator: "; ")
        )
    }

    static func noneChecks(_ context: DiagnosisContext) -> [PreconditionCheck] {
        if context.predatesCertificates {
            return [
                PreconditionCheck(
                    id: "none.not-rotating", requirement: "the operator does not rotate its certificates", holds: true,
                    detail: "the chart predates KEDA's cert-controller rotation (2.10.0)")
            ]
        }
        let rotation = context.rotation
        let detail: String
        switch rotation.outcome {
        case .enabled:
            detail = "rotation is on (\(rotation.decidingSetting.path) from \(rotation.decidingSetting.source))"
        case .disabled:
            detail = rotation.certManagerInChargeDetail
        case .operatorRefusesValue(let text): detail = "the operator cannot parse --enable-cert-rotation=\(text)"
        }
        var checks = [
            valuesReadable(context, id: "none.values-readable"),
            PreconditionCheck(
                id: "none.not-rotating", requirement: "the operator does not rotate its certificates",
                holds: !rotation.rotationEnabled && !rotation.refusesValue, detail: detail),
        ]
        if rotation.certManagerInCharge {
            let installed = context.facts.certManagerInstalled
            checks.append(
                PreconditionCheck(
                    id: "none.cert-manager-present",
                    requirement: "cert-manager, which the values hand the certificates to, is installed",
                    holds: installed?.value != false,
                    detail: installed.map { "certManager.installed is \($0.value), from \($0.origin)" }
                        ?? "not stated; taken as installed since the values rely on it"))
        }
        return checks
    }

    static func certManagerChecks(_ context: DiagnosisContext) -> [PreconditionCheck] {
        let facts = context.facts
        let installed = facts.certManagerInstalled
        let evidence = facts.certManagerEvidence?.value
        let supports = context.certManagerSupportsKubernetes
        return [
            valuesReadable(context, id: "cert-manager.values-readable"),
            PreconditionCheck(
                id: "cert-manager.chart-keys", requirement: "the chart has `certificates.certManager` keys",
                holds: !context.predatesCertificates && context.chart.release.capabilities.hasCertManagerKeys,
                detail: "chart \(context.chart.release.chartVersion)"),
            PreconditionCheck(
                id: "cert-manager.installed", requirement: "cert-manager is installed",
                holds: installed?.value == true,
                detail: installed.map { "certManager.installed is \($0.value), from \($0.origin)" }
                    ?? "unknown: set certManager.installed in the facts (or --cert-manager)"),
            PreconditionCheck(
                id: "cert-manager.controller-running", requirement: "cert-manager's controller runs, not only its CRDs",
                holds: evidence != .crds,
                detail: evidence == .crds
                    ? "only its CRDs are seen (cert-manager/cert-manager#6721); check "
                        + "`kubectl get deployment -n cert-manager cert-manager` and set certManager.detectedFrom: "
                        + "controller"
                    : (evidence == .controller ? "the controller runs" : "taken from certManager.installed")),
            PreconditionCheck(
                id: "cert-manager.supports-kubernetes", requirement: "cert-manager supports this Kubernetes version",
                holds: supports != false,
                detail: supports == nil
                    ? "not checked: the cert-manager or Kubernetes version is unknown"
                    : "cert-manager \(facts.certManagerVersion!.value.minorSeries) "
                        + (supports! ? "supports" : "does not support")
                        + " Kubernetes \(facts.kubernetesVersion!.value.minorSeries)"),
        ]
    }

    static func disableRotationChecks(_ context: DiagnosisContext) -> [PreconditionCheck] {
        let facts = context.facts
        let exists = facts.certificateSecretExists
        let namespace = context.facts.namespaceOrDefault
        let secretName = context.secretName
        let notAfter = context.certificateNotAfter
        let margin = SafetyMargins.manualRotationLeadDays
        let expiryHolds = notAfter.map { $0.timeIntervalSince(context.input.now) > Double(margin) * 86_400 } ?? false
        let readExpiry =
            "kubectl get secret -n \(namespace) \(secretName) -o jsonpath='{.data.tls\\.crt}' | base64 -d | "
            + "openssl x509 -noout -enddate"
        return [
            valuesReadable(context, id: "disable-rotation.values-readable"),
            PreconditionCheck(
                id: "disable-rotation.chart-keys", requirement: "the chart has `certificates.autoGenerated`",
                holds: !context.predatesCertificates, detail: "chart \(context.chart.release.chartVersion)"),
            PreconditionCheck(
                id: "disable-rotation.secret-exists",
                requirement: "the certificate secret `\(secretName)` exists (with rotation off nothing creates it)",
                holds: exists?.value == true,
                detail: exists.map { "certificateSecret.exists is \($0.value), from \($0.origin)" }
                    ?? "unknown: run `kubectl get secret -n \(namespace) \(secretName)` and set certificateSecret.exists"
            ),
            PreconditionCheck(
                id: "disable-rotation.expiry-known",
                requirement: "the current server certificate's expiry is known and more than \(margin) days away "
                    + "(cert-controller issues it for one year, not ten: only its CA lasts ten years)",
                holds: expiryHolds,
                detail: facts.certificateNotAfter.map { "it expires \($0.value), from \($0.origin)" }
                    ?? "unknown: run `\(readExpiry)` and set certificateSecret.notAfter"),
            PreconditionCheck(
                id: "disable-rotation.ca-bundle-trusted",
                requirement: "the APIService holds the CA bundle the operator injected (no insecureSkipTLSVerify, "
                    + "APIService patching not turned off), since with rotation off nothing injects it",
                holds: facts.apiServiceInsecureSkipTLSVerify?.value != true && !context.apiServicePatchingOff,
                detail: facts.apiServiceInsecureSkipTLSVerify?.value == true
                    ? "insecureSkipTLSVerify is true: the CA bundle may be missing"
                    : (context.apiServicePatchingOff
                        ? "certificates.operator.apiServicePatching.enabled is false: the operator never injected it"
                        : "no insecureSkipTLSVerify reported, APIService patching on")),
        ]
    }

    static func upgradeChecks(_ context: DiagnosisContext, upgrade: UpgradeRecommendation?) -> [PreconditionCheck] {
        [
            PreconditionCheck(
                id: "upgrade.target",
                requirement: "a newer KEDA release removes part of the cause, or KEDA runs "
                    + "outside its supported Kubernetes range",
                holds: upgrade != nil,
                detail: upgrade.map { $0.steps.joined(separator: ", then ") }
                    ?? (context.kedaVersion == nil
                        ? "the KEDA version is unknown: pass --keda-version or --chart-version"
                        : "KEDA \(context.kedaVersion!) already has every partial remedy and runs in its supported "
                            + "range"))
        ]
    }
}

extension RotationAnalysis {
    /// True when the operator refuses the rotation flag's value.
    var refusesValue: Bool {
        if case .operatorRefusesValue = outcome { return true }
        return false
    }

    /// Why rotation is off, for a precondition's detail.
    var certManagerInChargeDetail: String {
        certManagerInCharge
            ? "cert-manager issues the certificates (\(certManagerEnabled.source))"
            : "rotation is off (\(decidingSetting.path) from \(decidingSetting.source))"
    }
}

extension DiagnosisContext {
    /// True when the values turn the operator's APIService patching off (chart 2.20.0 and later).
    var apiServicePatchingOff: Bool {
        guard chart.release.capabilities.hasAPIServicePatchingKey else { return false }
        let setting = values.setting("certificates.operator.apiServicePatching.enabled")
        return setting.value != nil && !setting.isTruthy
    }

}
