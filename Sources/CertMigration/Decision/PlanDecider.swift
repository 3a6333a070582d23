import Foundation
import YAMLKit

/// The decision: diagnosis first, then one strategy whose preconditions hold, its changes and its advice.
///
/// Pure: the same input gives the same plan.
public enum PlanDecider {
    /// The order in which `--strategy auto` considers strategies after `none`.
    public static let automaticOrder: [Strategy] = [.certManager, .disableRotation]

    /// Decides a plan.
    public static func plan(_ input: MigrationInput) -> RemediationPlan {
        plan(DiagnosisContext(input))
    }

    /// Decides a plan from a context already built (``MigrationGenerator`` can then take the same one).
    public static func plan(_ context: DiagnosisContext) -> RemediationPlan {
        let input = context.input
        let findings = DiagnosisRules.diagnose(context, after: input.factDiagnostics)
        let upgrade = UpgradeAdvisor.recommend(context)
        let (strategy, preconditions) = choose(context, upgrade: upgrade)

        var plan = RemediationPlan(
            strategy: strategy, reason: "",
            chartVersion: input.facts.chartVersion?.value ?? context.chart.release.chartVersion,
            knowledgeChartVersion: context.chart.release.chartVersion, findings: findings,
            preconditions: preconditions, changes: [], manifests: [], upgrade: nil, advice: [], sources: [])
        guard let strategy else {
            plan.reason = noStrategyReason(input.strategy, preconditions: preconditions)
            plan.upgrade = upgrade
            plan.advice = AdviceWriter.advice(for: nil, context: context, plan: plan)
            plan.sources = PlanSources.sources(for: nil, context: context, upgrade: upgrade)
            return plan
        }
        switch strategy {
        case .none:
            plan.reason = noneReason(context)
        case .certManager:
            plan.reason = certManagerReason(context)
            plan.changes = certManagerChanges(context)
            plan.manifests = certManagerManifests(context)
        case .disableRotation:
            plan.reason = disableRotationReason(context, certManagerChecks: preconditions[.certManager])
            plan.changes = disableRotationChanges(context)
        case .upgrade:
            plan.reason =
                "Upgrading removes parts of the cause; it is not a proven fix. "
                + context.catalog.rootCause.statement
        }
        plan.upgrade = strategy == .none ? nil : upgrade
        plan.advice = AdviceWriter.advice(for: strategy, context: context, plan: plan)
        plan.sources = PlanSources.sources(for: strategy, context: context, upgrade: plan.upgrade)
        return plan
    }

    /// The decision alone: the findings, the strategy and its preconditions, without the changes, manifests,
    /// advice, upgrade steps and sources a plan spells out. It is the decision ``plan(_:)-swift.type.method``
    /// makes.
    public static func decide(_ context: DiagnosisContext) -> PlanDecision {
        decide(context, wording: .spelledOut)
    }

    /// ``decide(_:)`` as `fleet --check` needs it: the same strategy, findings, need for change and (when no
    /// strategy fits) reason, but when a strategy fits its checks carry their ids and outcomes alone, with the
    /// requirement and the detail empty. Writing every check's sentences out cost more than choosing.
    public static func decideBriefly(_ context: DiagnosisContext) -> PlanDecision {
        decide(context, wording: .outcomeOnly)
    }

    static func decide(_ context: DiagnosisContext, wording: StrategyPreconditions.Wording) -> PlanDecision {
        let findings = DiagnosisRules.diagnose(context, after: context.input.factDiagnostics)
        // Only the upgrade strategy's preconditions read the recommendation, and only a forced upgrade considers that
        // strategy (``automaticOrder`` leaves it out).
        let upgrade =
            context.input.strategy == .forced(.upgrade) ? UpgradeAdvisor.recommend(context) : nil
        var (strategy, preconditions) = choose(context, upgrade: upgrade, wording: wording)
        if strategy == nil, wording != .spelledOut {
            // The reason names every failed check: write them out.
            (strategy, preconditions) = choose(context, upgrade: upgrade, wording: .spelledOut)
        }
        return PlanDecision(
            strategy: strategy, findings: findings, preconditions: preconditions,
            noStrategyReason: strategy == nil
                ? noStrategyReason(context.input.strategy, preconditions: preconditions) : nil)
    }

    /// The strategy whose preconditions hold (the forced one, or `none`, then ``automaticOrder``), and the checks
    /// of every strategy considered.
    static func choose(
        _ context: DiagnosisContext, upgrade: UpgradeRecommendation?,
        wording: StrategyPreconditions.Wording = .spelledOut
    ) -> (strategy: Strategy?, preconditions: [Strategy: [PreconditionCheck]]) {
        // Room for every strategy from the start: growing the table a strategy at a time cost more.
        var preconditions = [Strategy: [PreconditionCheck]](minimumCapacity: Strategy.allCases.count)
        func holds(_ strategy: Strategy) -> Bool {
            let checks = StrategyPreconditions.checks(for: strategy, in: context, upgrade: upgrade, wording: wording)
            preconditions[strategy] = checks
            return checks.allSatisfy(\.holds)
        }
        let strategy: Strategy?
        switch context.input.strategy {
        case .forced(let forced):
            strategy = holds(forced) ? forced : nil
        case .auto:
            if holds(.none) {
                strategy = Strategy.none
            } else {
                strategy = automaticOrder.first(where: holds)
            }
        }
        return (strategy, preconditions)
    }

    // MARK: Reasons

    static func noStrategyReason(_ choice: StrategyChoice, preconditions: [Strategy: [PreconditionCheck]]) -> String {
        let considered: [Strategy]
        switch choice {
        case .forced(let strategy): considered = [strategy]
        case .auto: considered = automaticOrder
        }
        let failures = considered.map { strategy in
            let failed = (preconditions[strategy] ?? []).filter { !$0.holds }
            return "\(strategy): " + failed.map { "\($0.requirement) — \($0.detail)" }.joined(separator: "; ")
        }
        let lead =
            if case .forced(let strategy) = choice {
                "The strategy \(strategy) cannot be used here."
            } else {
                "No strategy's preconditions hold."
            }
        return lead + " " + failures.joined(separator: " | ")
    }

    static func noneReason(_ context: DiagnosisContext) -> String {
        if context.predatesCertificates {
            return "Not affected: this chart predates KEDA's cert-controller rotation, so nothing rotates certificates."
        }
        if context.rotation.certManagerInCharge {
            return "Not affected: cert-manager already issues KEDA's certificates and the operator's rotation is off."
        }
        return "Not affected: the operator's certificate rotation is already off "
            + "(\(context.rotation.decidingSetting.path) from \(context.rotation.decidingSetting.source))."
    }

    static func certManagerReason(_ context: DiagnosisContext) -> String {
        let evidence = context.facts.certManagerEvidence?.value == .controller ? " with its controller running" : ""
        return "cert-manager is installed\(evidence): hand KEDA's certificates to it. The operator then stops running "
            + "cert-controller, whose updates of the APIService conflict (open-policy-agent/cert-controller#209), and "
            + "cert-manager injects the CA into the APIService and the webhook. The long-term fix. "
            + context.certificateSigner.sentence
    }

    static func disableRotationReason(_ context: DiagnosisContext, certManagerChecks: [PreconditionCheck]?)
        -> String
    {
        let expiry = context.facts.certificateNotAfter?.value ?? "an unknown date"
        let due = context.manualRotationDue.map { ", so rotate it by hand before " + $0 } ?? ""
        let failed = (certManagerChecks ?? []).filter { !$0.holds }
        let why =
            certManagerChecks == nil
            ? "As asked with --strategy disable-rotation"
            : failed.isEmpty
                ? "cert-manager is not chosen here"
                : "cert-manager cannot take over here (" + failed.map(\.detail).joined(separator: "; ") + ")"
        return String.concatenating(
            why,
            ", so turn the operator's rotation off: that stops the conflicting APIService updates. The current "
                + "certificate stays in place; it expires on ", expiry, due,
            ". Nothing renews it while rotation is off ", lifetimeNote(context.kedaVersion))
    }

    /// What is known of the server certificate's lifetime for a KEDA version.
    static func lifetimeNote(_ keda: SemanticVersion?) -> String {
        if let keda, keda < SemanticVersion(2, 16) {
            return "(cert-controller issues server certificates for one year in the versions KEDA 2.16 and later "
                + "vendor; for KEDA \(keda) that lifetime is not verified, so go by the real expiry)."
        }
        return verifiedLifetimeNote
    }

    /// The lifetime note for KEDA 2.16 and later (or an unknown version), joined once.
    static let verifiedLifetimeNote =
        "(cert-controller, as KEDA 2.16 and later vendor it, issues server certificates for one year; only "
        + "its CA lasts ten)."

    // MARK: Changes

    static func change(
        _ context: DiagnosisContext, _ path: String, to: String?, reason: String
    ) -> ValueChange? {
        let setting = context.values.setting(path)
        let from = setting.value.map(YAMLText.scalar)
        if from == to { return nil }
        return ValueChange(path: path, from: from, to: to, location: setting.source.location, reason: reason)
    }

    /// An `extraArgs.keda.enable-cert-rotation` that turns rotation on (or that the operator cannot parse) is set
    /// to false, agreeing with the chart's own flag. Set rather than removed: a values overlay can only set keys
    /// (a null there would reach the template as a nil argument), and the patch must mean what the overlay means.
    static func disableEnablingOverride(_ context: DiagnosisContext) -> ValueChange? {
        guard let override = context.rotation.extraArgsOverride, let value = override.value,
            CertRotationFlag.parseGoBool(GoTemplateTruth.printed(value)) != false
        else { return nil }
        return ValueChange(
            path: override.path, from: YAMLText.scalar(value), to: "false", location: override.source.location,
            reason: "a later --enable-cert-rotation from extraArgs.keda overrides the chart's value; it must say false "
                + "too (or be deleted by hand)")
    }

    static func certManagerChanges(_ context: DiagnosisContext) -> [ValueChange] {
        var changes: [ValueChange] = []
        if let enable = change(
            context, "certificates.certManager.enabled", to: "true",
            reason: "the chart renders cert-manager Issuer/Certificate objects and CA-injection annotations, and "
                + "passes --enable-cert-rotation=false")
        {
            changes.append(enable)
        }
        if let issuer = context.teamIssuerInUse {
            let reason = "sign KEDA's certificate with the team's \(issuer.kind.rawValue) instead of a generated CA"
            changes += [
                change(context, "certificates.certManager.issuer.generate", to: "false", reason: reason),
                change(
                    context, "certificates.certManager.issuer.name", to: YAMLText.string(issuer.name), reason: reason),
                change(context, "certificates.certManager.issuer.kind", to: issuer.kind.rawValue, reason: reason),
                change(
                    context, "certificates.certManager.issuer.group", to: YAMLText.string(issuer.group), reason: reason),
            ].compactMap { $0 }
        }
        if let override = disableEnablingOverride(context) { changes.append(override) }
        return changes
    }

    static func disableRotationChanges(_ context: DiagnosisContext) -> [ValueChange] {
        var changes: [ValueChange] = []
        if context.rotation.certManagerInCharge,
            let off = change(
                context, "certificates.certManager.enabled", to: "false",
                reason: "cert-manager is not there to issue the certificate the values hand to it")
        {
            changes.append(off)
        }
        if let disable = change(
            context, "certificates.autoGenerated", to: "false",
            reason: "the chart passes --enable-cert-rotation=false, so cert-controller stops updating the APIService")
        {
            changes.append(disable)
        }
        if let override = disableEnablingOverride(context) { changes.append(override) }
        return changes
    }

    // MARK: Manifests

    /// The cert-manager objects the chart renders once cert-manager is enabled with the plan's values.
    static func certManagerManifests(_ context: DiagnosisContext) -> [PlannedManifest] {
        let release = context.chart.release
        let names = release.certManager.objectNames(operatorName: context.operatorName)
        let namespace = context.facts.namespaceOrDefault
        let issuerGenerate =
            context.teamIssuerInUse == nil
            && context.values.setting("certificates.certManager.issuer.generate")
                .valueOrTrueWhenAbsent(in: release)
        let generateCA = context.values.setting("certificates.certManager.generateCA").isTruthy
        let generatesIssuers = release.certManager.generatedIssuersRequireIssuerGenerate ? issuerGenerate : true
        var manifests: [PlannedManifest] = []
        if generateCA && generatesIssuers {
            manifests.append(
                PlannedManifest(
                    kind: "Issuer", name: names.selfSignedIssuer, namespace: namespace, renderedBy: .chart,
                    purpose: "self-signs the CA certificate"))
            manifests.append(
                PlannedManifest(
                    kind: "Certificate", name: names.caCertificate, namespace: namespace, renderedBy: .chart,
                    purpose: "the CA, stored in secret \(context.caSecretName)"))
        }
        if generatesIssuers {
            manifests.append(
                PlannedManifest(
                    kind: "Issuer", name: names.caIssuer, namespace: namespace, renderedBy: .chart,
                    purpose: "signs the serving certificate with the CA in \(context.caSecretName)"))
        }
        let signer = context.certificateSigner.name
        manifests.append(
            PlannedManifest(
                kind: "Certificate", name: names.leafCertificate, namespace: namespace, renderedBy: .chart,
                purpose: "the serving certificate of the operator, metrics API server and webhooks, stored in secret "
                    + "\(context.secretName), signed by \(signer)"))
        return manifests
    }
}

extension EffectiveSetting {
    /// The setting's truth, counting a key the chart version does not have as true (the templates' default path).
    func valueOrTrueWhenAbsent(in release: ChartRelease) -> Bool {
        release.hasValuesKey(path) ? isTruthy : true
    }
}

extension DiagnosisContext {
    /// The day by which a certificate that nothing rotates must be rotated by hand, `YYYY-MM-DD`.
    public var manualRotationDue: String? {
        guard let notAfter = certificateNotAfter else { return nil }
        let due = notAfter.addingTimeInterval(-Double(SafetyMargins.manualRotationLeadDays) * 86_400)
        return Timestamp.day(due)
    }
}
