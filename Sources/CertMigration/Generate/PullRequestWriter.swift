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
        // The last layer a GitOps object wraps, read where it is (a layer is a large value to copy).
        let layers = context.input.values.layers
        let wrapperIndex = layers.indices.last { !layers[$0].wrapper.isPlain }
        let tool =
            context.facts.gitops?.value ?? wrapperIndex.map { wrapperTool(layers[$0].wrapper) } ?? GitOpsTool.none
        // Listed pairs, not a dictionary: see ``TemplateSet/render(_:values:sections:)``.
        let values: KeyValuePairs<String, TemplateValue> = [
            "title": .string(title(strategy)),
            "problem": .string(problem(context)),
            "evidence": .string(evidence(plan)),
            "strategy": .string(strategy.rawValue),
            "reason": .string(plan.reason),
            "change": .string(
                change(
                    plan, patchedFiles: patchedFiles, versionChange: versionChange, wrapped: wrapperIndex != nil,
                    wroteOverlay: wroteOverlay)),
            "upgradeText": .string(upgradeText(plan, context: context, versionChange: versionChange, tool: tool)),
            "gitopsTool": .string(tool == .flux ? "Flux" : "Argo CD"),
            "gitopsResource": .string(tool == .flux ? "HelmRelease" : "Application"),
            "namespace": .string(namespace),
            "operatorName": .string(operatorName),
            "metricsServerName": .string(operatorName + "-metrics-apiserver"),
            "applyInstructions": .string(applyInstructions(context, tool: tool)),
            "certificateName": .string(names.leafCertificate),
            "failingLogLine": .string(Self.failingLogLine),
            "certRotationArgument": .string("--enable-cert-rotation=false"),
            "certManagerCommands": .string(certManagerCommands(context)),
            "certManagerCheck": .string(certManagerCheck(context)),
            "rollback": .string(rollback(strategy, patchedFiles: patchedFiles)),
        ]
        let sections: KeyValuePairs<String, Bool> = [
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

    func wrapperTool(_ wrapper: ValuesWrapper) -> GitOpsTool {
        guard case .wrapped(let chart) = wrapper else { return .none }
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

    // The texts below are written into one byte buffer each and made a string once: a `String` append cost about
    // 400 instructions, interpolation and `joined` as much again, and a pull-request body took some 250 of them.

    func evidence(_ plan: RemediationPlan) -> String {
        var text = ByteWriter(capacity: 1024)
        for finding in plan.findings where finding.severity != .info {
            if !text.isEmpty { text.append("\n") }
            text.append("- ")
            if let location = finding.location {
                text.append("`")
                text.append(location.description)
                text.append("`: ")
            }
            text.append(finding.message)
            text.append(" (`")
            text.append(finding.id)
            text.append("`)")
        }
        return text.isEmpty ? "- No warning findings; see `plan.json` for the full diagnosis." : text.string
    }

    func change(
        _ plan: RemediationPlan, patchedFiles: [PatchedValuesFile], versionChange: ChartVersionChange?, wrapped: Bool,
        wroteOverlay: Bool
    ) -> String {
        // Lines separated by line breaks; no line is empty but the one before the note.
        var text = ByteWriter(capacity: 1024)
        for change in plan.changes {
            if !text.isEmpty { text.append("\n") }
            text.append("- `")
            text.append(change.path)
            text.append("`: ")
            Self.appendQuoted(change.from, else: "unset", into: &text)
            text.append(" → ")
            Self.appendQuoted(change.to, else: "removed", into: &text)
            text.append(": ")
            text.append(change.reason)
        }
        if let versionChange {
            if !text.isEmpty { text.append("\n") }
            text.append("- chart version at `")
            text.append("\(versionChange.path)")
            text.append("`: ")
            Self.appendQuoted(versionChange.oldVersion, else: "unpinned (the latest)", into: &text)
            text.append(" → `")
            text.append(versionChange.newVersion)
            text.append("`")
            if versionChange.replacedConstraint {
                text.append(
                    ". The old text was a range; it is now one exact version, so the release no longer takes "
                        + "newer versions by itself: check the comment beside it.")
            }
        }
        if text.isEmpty { text.append("- No values change.") }
        if !patchedFiles.isEmpty {
            text.append("\n\nEdited in place in ")
            Self.appendFileNames(of: patchedFiles, into: &text)
            text.append(" (every comment kept; `values.patch` holds the same change as a diff).")
            if wroteOverlay {
                text.append(
                    wrapped
                        ? " `values-overlay.yaml` holds the same keys, for merging into the values of the Application "
                            + "or HelmRelease by hand instead."
                        : " `values-overlay.yaml` holds the same keys, for passing as one more `-f` instead.")
            }
        }
        return text.string
    }

    /// `` `text` `` when there is a text, else `absent`.
    static func appendQuoted(_ text: String?, else absent: String, into output: inout ByteWriter) {
        guard let text else { return output.append(absent) }
        output.append("`")
        output.append(text)
        output.append("`")
    }

    func upgradeText(
        _ plan: RemediationPlan, context: DiagnosisContext, versionChange: ChartVersionChange?, tool: GitOpsTool
    ) -> String {
        guard let upgrade = plan.upgrade else { return "" }
        var text = ByteWriter(capacity: 1024)
        for (index, step) in upgrade.steps.enumerated() {
            if index > 0 { text.append("\n") }
            text.append(decimal: index + 1)
            text.append(". ")
            text.append(step)
        }
        if let versionChange {
            text.append("\n\nThis pull request pins the chart to ")
            text.append(versionChange.newVersion)
            text.append(" (`")
            text.append("\(versionChange.path)")
            text.append("`); the GitOps tool upgrades the release when it is merged.")
        } else if let target = upgrade.immediateChart {
            if tool == .none {
                text.append("\n\nThe chart step that needs no Kubernetes move first:\n\n```sh\nhelm upgrade ")
                text.append(context.facts.releaseNameOrDefault)
                text.append(" kedacore/keda --namespace ")
                text.append(context.facts.namespaceOrDefault)
                text.append(" --version ")
                text.append(target)
                text.append(" ")
                Self.appendValuesFlags(context, into: &text)
                text.append("\n```")
            } else {
                text.append("\n\nSet the KEDA chart version to ")
                text.append(target)
                text.append(tool == .flux ? " in the HelmRelease " : " in the Application ")
                text.append("(`generate --strategy upgrade` writes that change).")
            }
        } else {
            text.append(
                "\n\nThe path starts by moving Kubernetes (or cert-manager): do that first, then change the chart.")
        }
        return text.string
    }

    /// `-f <file>` for each values file, a space apart.
    static func appendValuesFlags(_ context: DiagnosisContext, into output: inout ByteWriter) {
        let layers = context.input.values.layers
        for index in layers.indices {  // by index: enumerating copied each whole layer for its name
            output.append(index > 0 ? " -f " : "-f ")
            output.append(layers[index].fileName)
        }
    }

    func applyInstructions(_ context: DiagnosisContext, tool: GitOpsTool) -> String {
        switch tool {
        case .argocd: return "let Argo CD sync the release."
        case .flux: return "let Flux reconcile the release."
        case .none:
            var text = ByteWriter(capacity: 512)
            text.append("apply it with Helm (nothing rolls it out on merge):\n\n```sh\nhelm upgrade ")
            text.append(context.facts.releaseNameOrDefault)
            text.append(" kedacore/keda --namespace ")
            text.append(context.facts.namespaceOrDefault)
            if let version = context.facts.chartVersion {
                text.append(" --version ")
                text.append(version.value.core)
            }
            text.append(" ")
            Self.appendValuesFlags(context, into: &text)
            text.append("\n```")
            return text.string
        }
    }

    func certManagerCommands(_ context: DiagnosisContext) -> String {
        let namespace = context.facts.namespaceOrDefault
        var text = ByteWriter(capacity: 512)
        text.append("kubectl -n ")
        text.append(namespace)
        text.append(" get certificates\n")
        if let issuer = context.teamIssuerInUse {
            if issuer.kind == .clusterIssuer {
                text.append("kubectl get clusterissuer ")
            } else {
                text.append("kubectl -n ")
                text.append(namespace)
                text.append(" get issuer ")
            }
            text.append(issuer.name)
        } else {
            text.append("kubectl -n ")
            text.append(namespace)
            text.append(" get issuers")
        }
        text.append(
            "\nkubectl get validatingwebhookconfiguration keda-admission -o "
                + "jsonpath='{.webhooks[*].clientConfig.caBundle}' | wc -c")
        return text.string
    }

    func certManagerCheck(_ context: DiagnosisContext) -> String {
        var text = ByteWriter(capacity: 256)
        text.append("The Certificates and ")
        if let issuer = context.teamIssuerInUse {
            text.append("the ")
            text.append(issuer.kind.rawValue)
            text.append(" `")
            text.append(issuer.name)
            text.append("`")
        } else {
            text.append("every Issuer")
        }
        text.append(" must be `Ready`, and the webhook CA bundles must not be empty (the count above 0).")
        return text.string
    }

    /// The patched files' names in backticks, separated by commas.
    static func appendFileNames(of patchedFiles: [PatchedValuesFile], into text: inout ByteWriter) {
        for (index, file) in patchedFiles.enumerated() {
            if index > 0 { text.append(", ") }
            text.append("`")
            text.append(file.fileName)
            text.append("`")
        }
    }

    func rollback(_ strategy: Strategy, patchedFiles: [PatchedValuesFile]) -> String {
        var text = ByteWriter(capacity: 512)
        text.append("Revert this pull request")
        if !patchedFiles.isEmpty {
            text.append(" (it changes ")
            Self.appendFileNames(of: patchedFiles, into: &text)
            text.append(")")
        }
        switch strategy {
        case .certManager:
            text.append(
                "; the chart then stops rendering its cert-manager objects, and the operator generates and rotates "
                    + "its own certificates again.")
        case .disableRotation:
            text.append("; the operator rotates its own certificates again (and the conflict returns).")
        case .upgrade, .none:
            text.append("; the release returns to the chart version it had.")
        }
        return text.string
    }
}
