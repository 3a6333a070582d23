/// Fills the `PULL_REQUEST.md` template: title, what is wrong, the evidence, the change, the rollout with first aid,
/// the verification and the rollback, worded for where the values live (a plain file applied with Helm, or an
/// Argo CD Application or Flux HelmRelease that the GitOps tool applies).
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
        versionChange: ChartVersionChange?, wroteOverlay: Bool, gitOpsRules: Bool
    ) throws(Diagnostic) -> [UInt8] {
        let strategy = plan.strategy ?? .none
        let namespace = context.facts.namespaceOrDefault
        let operatorName = context.operatorName
        let names = context.chart.release.certManager.objectNames(operatorName: operatorName)
        let wrapper = context.input.values.layers.last { !$0.wrapper.isPlain }
        let tool = context.facts.gitops?.value ?? wrapperTool(wrapper)
        let values: [String: TemplateValue] = [
            "title": .string(title(strategy)),
            "problem": .string(problem(context)),
            "evidence": .string(evidence(plan)),
            "strategy": .string(strategy.rawValue),
            "reason": .string(plan.reason),
            "change": .string(
                change(
                    plan, patchedFiles: patchedFiles, versionChange: versionChange, wrapped: wrapper != nil,
                    wroteOverlay: wroteOverlay)),
            "upgradeText": .string(upgradeText(plan, context: context, versionChange: versionChange, tool: tool)),
            "gitopsTool": .string(tool == .flux ? "Flux" : "Argo CD"),
            "gitopsResource": .string(tool == .flux ? "HelmRelease" : "Application"),
            "namespace": .string(namespace),
            "operatorName": .string(operatorName),
            "metricsServerName": .string("\(operatorName)-metrics-apiserver"),
            "applyInstructions": .string(applyInstructions(context, tool: tool)),
            "certificateName": .string(names.leafCertificate),
            "failingLogLine": .string(Self.failingLogLine),
            "certRotationArgument": .string("--enable-cert-rotation=false"),
            "certManagerCommands": .string(certManagerCommands(context)),
            "certManagerCheck": .string(certManagerCheck(context)),
            "rollback": .string(rollback(strategy, patchedFiles: patchedFiles)),
        ]
        let sections = [
            "upgrade": plan.upgrade != nil, "gitops": gitOpsRules, "certManager": strategy == .certManager,
            "rotationStops": strategy == .certManager || strategy == .disableRotation,
            "rotationContinues": strategy == .upgrade,
        ]
        do {
            return try templates.render("PULL_REQUEST.md", values: values, sections: sections)
        } catch {
            throw Diagnostic(
                id: "generate.template", severity: .error, message: error.description,
                fix: "correct the template (see templates/README.md), or leave out --templates")
        }
    }

    func wrapperTool(_ layer: ValuesLayer?) -> GitOpsTool {
        guard case .wrapped(let chart)? = layer?.wrapper else { return .none }
        return chart.tool
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
        // One string grown in place: a line per finding built by interpolation, then joined, copied each twice.
        var text = ""
        for finding in plan.findings where finding.severity != .info {
            if !text.isEmpty { text += "\n" }
            text += "- "
            if let location = finding.location {
                text += "`"
                text += location.description
                text += "`: "
            }
            text += finding.message
            text += " (`"
            text += finding.id
            text += "`)"
        }
        return text.isEmpty ? "- No warning findings; see `plan.json` for the full diagnosis." : text
    }

    func change(
        _ plan: RemediationPlan, patchedFiles: [PatchedValuesFile], versionChange: ChartVersionChange?, wrapped: Bool,
        wroteOverlay: Bool
    ) -> String {
        var lines: [String] = []
        for change in plan.changes {
            let now = change.from.map { "`\($0)`" } ?? "unset"
            let new = change.to.map { "`\($0)`" } ?? "removed"
            lines.append("- `\(change.path)`: \(now) → \(new): \(change.reason)")
        }
        if let versionChange {
            let old = versionChange.oldVersion.map { "`\($0)`" } ?? "unpinned (the latest)"
            var line = "- chart version at `\(versionChange.path)`: \(old) → `\(versionChange.newVersion)`"
            if versionChange.replacedConstraint {
                line +=
                    ". The old text was a range; it is now one exact version, so the release no longer takes "
                    + "newer versions by itself: check the comment beside it."
            }
            lines.append(line)
        }
        if lines.isEmpty { lines.append("- No values change.") }
        let files = patchedFiles.map { "`\($0.fileName)`" }.joined(separator: ", ")
        if !files.isEmpty {
            lines.append("")
            var note =
                "Edited in place in \(files) (every comment kept; `values.patch` holds the same change as a diff)."
            if wroteOverlay {
                note +=
                    wrapped
                    ? " `values-overlay.yaml` holds the same keys, for merging into the values of the Application or "
                        + "HelmRelease by hand instead."
                    : " `values-overlay.yaml` holds the same keys, for passing as one more `-f` instead."
            }
            lines.append(note)
        }
        return lines.joined(separator: "\n")
    }

    func upgradeText(
        _ plan: RemediationPlan, context: DiagnosisContext, versionChange: ChartVersionChange?, tool: GitOpsTool
    ) -> String {
        guard let upgrade = plan.upgrade else { return "" }
        var text = upgrade.steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        if let versionChange {
            text +=
                "\n\nThis pull request pins the chart to \(versionChange.newVersion) (`\(versionChange.path)`); "
                + "the GitOps tool upgrades the release when it is merged."
        } else if let target = upgrade.immediateChart {
            if tool == .none {
                let files = context.input.values.layers.map { "-f \($0.fileName)" }.joined(separator: " ")
                text +=
                    "\n\nThe chart step that needs no Kubernetes move first:\n\n```sh\n"
                    + "helm upgrade \(context.facts.releaseNameOrDefault) kedacore/keda --namespace "
                    + "\(context.facts.namespaceOrDefault) --version \(target) \(files)\n```"
            } else {
                text +=
                    "\n\nSet the KEDA chart version to \(target) in the \(tool == .flux ? "HelmRelease" : "Application") "
                    + "(`generate --strategy upgrade` writes that change)."
            }
        } else {
            text += "\n\nThe path starts by moving Kubernetes (or cert-manager): do that first, then change the chart."
        }
        return text
    }

    func applyInstructions(_ context: DiagnosisContext, tool: GitOpsTool) -> String {
        switch tool {
        case .argocd: return "let Argo CD sync the release."
        case .flux: return "let Flux reconcile the release."
        case .none:
            let files = context.input.values.layers.map { "-f \($0.fileName)" }.joined(separator: " ")
            let version = context.facts.chartVersion.map { " --version \($0.value.core)" } ?? ""
            return "apply it with Helm (nothing rolls it out on merge):\n\n```sh\nhelm upgrade "
                + "\(context.facts.releaseNameOrDefault) kedacore/keda --namespace \(context.facts.namespaceOrDefault)"
                + "\(version) \(files)\n```"
        }
    }

    func certManagerCommands(_ context: DiagnosisContext) -> String {
        let namespace = context.facts.namespaceOrDefault
        var commands = ["kubectl -n \(namespace) get certificates"]
        if let issuer = context.teamIssuerInUse {
            commands.append(
                issuer.kind == .clusterIssuer
                    ? "kubectl get clusterissuer \(issuer.name)" : "kubectl -n \(namespace) get issuer \(issuer.name)")
        } else {
            commands.append("kubectl -n \(namespace) get issuers")
        }
        commands.append(
            "kubectl get validatingwebhookconfiguration keda-admission -o "
                + "jsonpath='{.webhooks[*].clientConfig.caBundle}' | wc -c")
        return commands.joined(separator: "\n")
    }

    func certManagerCheck(_ context: DiagnosisContext) -> String {
        let issuers = context.teamIssuerInUse.map { "the \($0.kind.rawValue) `\($0.name)`" } ?? "every Issuer"
        return "The Certificates and \(issuers) must be `Ready`, and the webhook CA bundles must not be empty (the "
            + "count above 0)."
    }

    func rollback(_ strategy: Strategy, patchedFiles: [PatchedValuesFile]) -> String {
        let files = patchedFiles.map { "`\($0.fileName)`" }.joined(separator: ", ")
        let revert = files.isEmpty ? "Revert this pull request" : "Revert this pull request (it changes \(files))"
        switch strategy {
        case .certManager:
            return revert + "; the chart then stops rendering its cert-manager objects, and the operator generates "
                + "and rotates its own certificates again."
        case .disableRotation:
            return revert + "; the operator rotates its own certificates again (and the conflict returns)."
        case .upgrade, .none:
            return revert + "; the release returns to the chart version it had."
        }
    }
}
