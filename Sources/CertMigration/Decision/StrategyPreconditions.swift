import Foundation

/// The preconditions of each strategy, checked against a context. A strategy is chosen (or may be forced) only
/// when all of its checks hold.
public enum StrategyPreconditions {
    /// The checks of one strategy.
    public static func checks(for strategy: Strategy, in context: DiagnosisContext, upgrade: UpgradeRecommendation?)
        -> [PreconditionCheck]
    {
        checks(for: strategy, in: context, upgrade: upgrade, wording: .spelledOut)
    }

    /// How much of each check is written out.
    enum Wording {
        /// The requirement and the detail too, as a plan shows them.
        case spelledOut
        /// The id and whether it holds, the requirement and the detail left empty: all that choosing a strategy
        /// reads, without the cost of the sentences (names looked up in the values, facts' origins written out).
        case outcomeOnly
    }

    /// The checks of one strategy, worded as asked.
    static func checks(
        for strategy: Strategy, in context: DiagnosisContext, upgrade: UpgradeRecommendation?, wording: Wording
    ) -> [PreconditionCheck] {
        var checks = CheckList(wording: wording)
        switch strategy {
        case .none: noneChecks(context, into: &checks)
        case .certManager: certManagerChecks(context, into: &checks)
        case .disableRotation: disableRotationChecks(context, into: &checks)
        case .upgrade: upgradeChecks(context, upgrade: upgrade, into: &checks)
        }
        return checks.list
    }

    /// Checks being listed; each one's sentences are worked out only when the wording asks for them.
    struct CheckList {
        let wording: Wording
        var list: [PreconditionCheck]

        /// An empty list with room for any strategy's checks (five at most): growing it one check at a time cost
        /// three reallocations.
        init(wording: Wording) {
            self.wording = wording
            list = []
            list.reserveCapacity(5)
        }

        mutating func add(
            _ id: String, holds: Bool, requirement: @autoclosure () -> String, detail: @autoclosure () -> String
        ) {
            switch wording {
            case .spelledOut:
                list.append(PreconditionCheck(id: id, requirement: requirement(), holds: holds, detail: detail()))
            case .outcomeOnly:
                list.append(PreconditionCheck(id: id, requirement: "", holds: holds, detail: ""))
            }
        }
    }

    /// The values must be readable by the chart before any strategy can build on them.
    static func valuesReadable(_ context: DiagnosisContext, id: String, into checks: inout CheckList) {
        let blocking = context.valuesErrors
        checks.add(
            id, holds: blocking.isEmpty, requirement: "the chart can read the values' certificate settings",
            detail: blocking.isEmpty
                ? "yes" : blocking.map { "\($0.location.map { "\($0): " } ?? "")\($0.message)" }.joined(separator: "; ")
        )
    }

    /// `key is value, from origin`: a fact, and where it came from, as a check's detail.
    static func factDetail(_ key: String, is value: String, from origin: FactOrigin) -> String {
        String.concatenating(key, " is ", value, ", from ", origin.description)
    }

    static func noneChecks(_ context: DiagnosisContext, into checks: inout CheckList) {
        if context.predatesCertificates {
            checks.add(
                "none.not-rotating", holds: true, requirement: "the operator does not rotate its certificates",
                detail: "the chart predates KEDA's cert-controller rotation (2.10.0)")
            return
        }
        let rotation = context.rotation
        var detail: String {
            switch rotation.outcome {
            case .enabled:
                "rotation is on (\(rotation.decidingSetting.path) from \(rotation.decidingSetting.source))"
            case .disabled:
                rotation.certManagerInChargeDetail
            case .operatorRefusesValue(let text): "the operator cannot parse --enable-cert-rotation=\(text)"
            }
        }
        valuesReadable(context, id: "none.values-readable", into: &checks)
        checks.add(
            "none.not-rotating", holds: !rotation.rotationEnabled && !rotation.refusesValue,
            requirement: "the operator does not rotate its certificates", detail: detail)
        if rotation.certManagerInCharge {
            let installed = context.facts.certManagerInstalled
            checks.add(
                "none.cert-manager-present", holds: installed?.value != false,
                requirement: "cert-manager, which the values hand the certificates to, is installed",
                detail: installed.map { factDetail("certManager.installed", is: String($0.value), from: $0.origin) }
                    ?? "not stated; taken as installed since the values rely on it")
        }
    }

    static func certManagerChecks(_ context: DiagnosisContext, into checks: inout CheckList) {
        let facts = context.facts
        let installed = facts.certManagerInstalled
        let evidence = facts.certManagerEvidence?.value
        let supports = context.certManagerSupportsKubernetes
        valuesReadable(context, id: "cert-manager.values-readable", into: &checks)
        checks.add(
            "cert-manager.chart-keys",
            holds: !context.predatesCertificates && context.chart.release.capabilities.hasCertManagerKeys,
            requirement: "the chart has `certificates.certManager` keys",
            detail: String.concatenating("chart ", context.chart.release.chartVersion.description))
        checks.add(
            "cert-manager.installed", holds: installed?.value == true, requirement: "cert-manager is installed",
            detail: installed.map { factDetail("certManager.installed", is: String($0.value), from: $0.origin) }
                ?? "unknown: set certManager.installed in the facts (or --cert-manager)")
        checks.add(
            "cert-manager.controller-running", holds: evidence != .crds,
            requirement: "cert-manager's controller runs, not only its CRDs",
            detail: evidence == .crds
                ? "only its CRDs are seen (cert-manager/cert-manager#6721); check "
                    + "`kubectl get deployment -n cert-manager cert-manager` and set certManager.detectedFrom: "
                    + "controller"
                : (evidence == .controller ? "the controller runs" : "taken from certManager.installed"))
        checks.add(
            "cert-manager.supports-kubernetes", holds: supports != false,
            requirement: "cert-manager supports this Kubernetes version",
            detail: supports == nil
                ? "not checked: the cert-manager or Kubernetes version is unknown"
                : "cert-manager \(facts.certManagerVersion!.value.minorSeries) "
                    + (supports! ? "supports" : "does not support")
                    + " Kubernetes \(facts.kubernetesVersion!.value.minorSeries)")
    }

    static func disableRotationChecks(_ context: DiagnosisContext, into checks: inout CheckList) {
        let facts = context.facts
        let exists = facts.certificateSecretExists
        var namespace: String { facts.namespaceOrDefault }
        var secretName: String { context.secretName }
        let notAfter = context.certificateNotAfter
        let margin = SafetyMargins.manualRotationLeadDays
        let expiryHolds = notAfter.map { $0.timeIntervalSince(context.input.now) > Double(margin) * 86_400 } ?? false
        var readExpiry: String {
            "kubectl get secret -n \(namespace) \(secretName) -o jsonpath='{.data.tls\\.crt}' | base64 -d | "
                + "openssl x509 -noout -enddate"
        }
        let patchingOff = context.apiServicePatchingOff
        valuesReadable(context, id: "disable-rotation.values-readable", into: &checks)
        checks.add(
            "disable-rotation.chart-keys", holds: !context.predatesCertificates,
            requirement: "the chart has `certificates.autoGenerated`",
            detail: String.concatenating("chart ", context.chart.release.chartVersion.description))
        checks.add(
            "disable-rotation.secret-exists", holds: exists?.value == true,
            requirement: String.concatenating(
                "the certificate secret `", secretName, "` exists (with rotation off nothing creates it)"),
            detail: exists.map { factDetail("certificateSecret.exists", is: String($0.value), from: $0.origin) }
                ?? "unknown: run `kubectl get secret -n \(namespace) \(secretName)` and set certificateSecret.exists")
        checks.add(
            "disable-rotation.expiry-known", holds: expiryHolds,
            requirement: expiryRequirement,
            detail: facts.certificateNotAfter.map {
                String.concatenating("it expires ", $0.value, ", from ", $0.origin.description)
            }
                ?? "unknown: run `\(readExpiry)` and set certificateSecret.notAfter")
        checks.add(
            "disable-rotation.ca-bundle-trusted",
            holds: facts.apiServiceInsecureSkipTLSVerify?.value != true && !patchingOff,
            requirement: "the APIService holds the CA bundle the operator injected (no insecureSkipTLSVerify, "
                + "APIService patching not turned off), since with rotation off nothing injects it",
            detail: facts.apiServiceInsecureSkipTLSVerify?.value == true
                ? "insecureSkipTLSVerify is true: the CA bundle may be missing"
                : (patchingOff
                    ? "certificates.operator.apiServicePatching.enabled is false: the operator never injected it"
                    : "no insecureSkipTLSVerify reported, APIService patching on"))
    }

    /// The requirement of `disable-rotation.expiry-known`, written once.
    static let expiryRequirement =
        "the current server certificate's expiry is known and more than \(SafetyMargins.manualRotationLeadDays) days "
        + "away (cert-controller issues it for one year, not ten: only its CA lasts ten years)"

    static func upgradeChecks(
        _ context: DiagnosisContext, upgrade: UpgradeRecommendation?, into checks: inout CheckList
    ) {
        checks.add(
            "upgrade.target", holds: upgrade != nil,
            requirement: "a newer KEDA release removes part of the cause, or KEDA runs "
                + "outside its supported Kubernetes range",
            detail: upgrade.map { $0.steps.joined(separator: ", then ") }
                ?? (context.kedaVersion == nil
                    ? "the KEDA version is unknown: pass --keda-version or --chart-version"
                    : "KEDA \(context.kedaVersion!) already has every partial remedy and runs in its supported "
                        + "range"))
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
