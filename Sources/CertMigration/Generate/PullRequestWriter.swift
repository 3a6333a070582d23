/// Fills the `PULL_REQUEST.md` template: title, what is wrong, the evidence, the change, the rollout with first aid,
/// the verification and the rollback.
struct PullRequestWriter {
    var templates: TemplateSet

    /// The failing log line the operator writes on every conflicting rotation pass (kedacore/keda#6551).
    static let failingLogLine =
        "ERROR cert-rotation Error updating webhook with certificate {\"name\": \"v1beta1.external.metrics.k8s.io\", "
        + "\"gvk\": \"apiregistration.k8s.io/v1, Kind=APIService\", \"error\": \"Operation cannot be fulfilled on "
        + "apiservices.apiregistration.k8s.io \\\"v1beta1.external.metrics.k8s.io\\\": the object has been modified; "
        + "please apply your changes to the latest version and try again\"}"

    func body(
        _ plan: RemediationPlan, context: DiagnosisContext, patchedFiles: [PatchedValuesFile],
        versionChange: ChartVersionChange?
    ) throws(Diagnostic) -> [UInt8] {
        let strategy = plan.strategy ?? .none
        let namespace = context.facts.namespaceOrDefault
        let operatorName = context.operatorName
        let names = context.chart.release.certManager.objectNames(operatorName: operatorName)
        let gitops = context.facts.gitops?.value
        let hasGitOpsRules =
            (strategy == .certManager || strategy == .disableRotation) && (gitops == .argocd || gitops == .flux)
        let upgradeTarget = plan.upgrade?.immediateChart ?? plan.upgrade?.chart
        var values: [String: TemplateValue] = [
            "title": .string(title(strategy)),
            "problem": .string(problem(context)),
            "evidence": .string(evidence(plan)),
            "strategy": .string(strategy.rawValue),
            "reason": .string(plan.reason),
            "change": .string(change(plan, patchedFiles: patchedFiles, versionChange: versionChange)),
            "targetChartVersion": .string(upgradeTarget ?? "-"),
            "upgradeCommand": .string(upgradeCommand(plan, context: context, versionChange: versionChange)),
            "gitopsTool": .string(gitops == .flux ? "Flux" : "Argo CD"),
            "gitopsResource": .string(gitops == .flux ? "HelmRelease" : "Application"),
            "namespace": .string(namespace),
            "operatorName": .string(operatorName),
            "metricsServerName": .string("\(operatorName)-metrics-apiserver"),
            "certificateName": .string(names.leafCertificate),
            "failingLogLine": .string(Self.failingLogLine),
            "certRotationArgument": .string(
                strategy == .upgrade ? "--enable-cert-rotation=true" : "--enable-cert-rotation=false"),
            "rollback": .string(rollback(strategy, patchedFiles: patchedFiles)),
        ]
        if strategy == .none {
            values["title"] = .string("KEDA certificates: nothing to change")
        }
        let sections = [
            "upgrade": plan.upgrade != nil && upgradeTarget != nil, "gitops": hasGitOpsRules,
            "certManager": strategy == .certManager,
        ]
        do {
            return try templates.render("PULL_REQUEST.md", values: values, sections: sections)
        } catch {
            throw Diagnostic(
                id: "generate.template", severity: .error, message: error.description,
                fix: "correct the template (see templates/README.md), or leave out --templates")
        }
    }

    func title(_ strategy: Strategy) -> String {
        switch strategy {
        case .certManager: "KEDA: hand the certificates to cert-manager (stops the cert-rotation conflicts)"
        case .disableRotation: "KEDA: turn the operator's certificate rotation off (stops the cert-rotation conflicts)"
        case .upgrade: "KEDA: upgrade the chart (removes part of the cert-rotation conflicts)"
        case .none: "KEDA certificates: nothing to change"
        }
    }

    func problem(_ context: DiagnosisContext) -> String {
        var text =
            "KEDA's operator rotates its own TLS certificates with cert-controller, which replaces the APIService "
            + "`v1beta1.external.metrics.k8s.io` whole on every change to it. When anything else writes that object "
            + "first (the API server's availability status, a GitOps sync), the update fails with \"the object has "
            + "been modified\" (kedacore/keda#6551, open-policy-agent/cert-controller#209), and the metrics API server "
            + "can lose its connection to the operator: HPAs that read external metrics stop scaling."
        if context.facts.apiServiceAvailable?.value == false {
            text += " On this cluster the APIService is not Available now."
        }
        return text
    }

    func evidence(_ plan: RemediationPlan) -> String {
        let shown = plan.findings.filter { $0.severity != .info }
        guard !shown.isEmpty else { return "- No warning findings; see `plan.json` for the full diagnosis." }
        return shown.map { finding in
            let place = finding.location.map { "`\($0)`: " } ?? ""
            return "- \(place)\(finding.message) (`\(finding.id)`)"
        }.joined(separator: "\n")
    }

    func change(_ plan: RemediationPlan, patchedFiles: [PatchedValuesFile], versionChange: ChartVersionChange?)
        -> String
    {
        var lines: [String] = []
        for change in plan.changes {
            let now = change.from.map { "`\($0)`" } ?? "unset"
            let new = change.to.map { "`\($0)`" } ?? "removed"
            lines.append("- `\(change.path)`: \(now) → \(new): \(change.reason)")
        }
        if let versionChange {
            let old = versionChange.oldVersion.map { "`\($0)`" } ?? "unpinned"
            lines.append("- chart version: \(old) → `\(versionChange.newVersion)`")
        }
        if lines.isEmpty { lines.append("- No values change.") }
        let files = patchedFiles.map { "`\($0.fileName)`" }.joined(separator: ", ")
        if !files.isEmpty {
            lines.append("")
            lines.append(
                "Edited in place in \(files) (every comment kept; `values.patch` holds the same change as a diff). "
                    + "`values-overlay.yaml` holds the same keys, for passing as one more `-f` instead.")
        }
        return lines.joined(separator: "\n")
    }

    func upgradeCommand(_ plan: RemediationPlan, context: DiagnosisContext, versionChange: ChartVersionChange?)
        -> String
    {
        guard let upgrade = plan.upgrade else { return "" }
        if let versionChange {
            return "# Applied by this change: the chart version is pinned to \(versionChange.newVersion); "
                + "the GitOps tool upgrades the release."
        }
        var lines = upgrade.steps.map { "# " + $0 }
        if let target = upgrade.immediateChart ?? upgrade.chart {
            let files = context.input.values.layers.map { "-f \($0.fileName)" }.joined(separator: " ")
            lines.append(
                "helm upgrade \(context.facts.releaseNameOrDefault) kedacore/keda --namespace "
                    + "\(context.facts.namespaceOrDefault) --version \(target) \(files)")
        }
        return lines.joined(separator: "\n")
    }

    func rollback(_ strategy: Strategy, patchedFiles: [PatchedValuesFile]) -> String {
        let files = patchedFiles.map { "`\($0.fileName)`" }.joined(separator: ", ")
        let revert = files.isEmpty ? "Revert this pull request" : "Revert this pull request (it changes \(files))"
        switch strategy {
        case .certManager:
            return revert + "; the chart then stops rendering the cert-manager Issuers and Certificates, and the "
                + "operator generates and rotates its own certificates again."
        case .disableRotation:
            return revert + "; the operator rotates its own certificates again (and the conflict returns)."
        case .upgrade, .none:
            return revert + "; the release returns to the chart version it had."
        }
    }
}
