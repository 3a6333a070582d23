import Foundation
import YAMLKit

/// Turns a plan into the files a reviewer merges: the values overlay, the in-place patch of the user's own file,
/// GitOps drift rules, the pull-request body and the plan as JSON. Everything is checked before it is returned:
/// every YAML file parses again, the patched values equal the original plus exactly the planned changes, the
/// overlay over the original gives the same values, manifests pass the manifest checker, and every changed key
/// exists in the chart version's catalog. Pure: no file system; the caller writes.
public struct MigrationGenerator: Sendable {
    /// The templates (built in, or overridden with `--templates`).
    public var templates: TemplateSet

    /// Creates a generator.
    public init(templates: TemplateSet = .embedded) {
        self.templates = templates
    }

    /// The generation for an input and its plan; any failed check is a thrown error diagnostic.
    public func generate(_ input: MigrationInput, plan: RemediationPlan) throws(Diagnostic) -> Generation {
        guard let strategy = plan.strategy else {
            throw Diagnostic(
                id: "generate.no-strategy", severity: .error,
                message: "no strategy fits, so there is nothing to generate: \(plan.reason)",
                fix: "run `keda-cert-migrate plan` with the same inputs and supply the facts it asks for")
        }
        let context = DiagnosisContext(input)
        let planned = try plannedValues(plan)
        try checkKeysExist(planned, in: context.chart.release)

        let versionTarget = strategy == .upgrade ? UpgradeWriting.immediateChartTarget(plan.upgrade) : nil
        let (patchedFiles, versionChange) = try patch(input.values, planned: planned, chartVersion: versionTarget)
        let overlay = try overlayBytes(plan, planned: planned)
        try GenerationValidator.check(
            original: input.values, patched: patchedFiles, overlay: overlay, planned: planned)

        var files: [GeneratedFile] = [GeneratedFile(name: "values-overlay.yaml", bytes: overlay)]
        let patch = patchedFiles.map { UnifiedDiff(old: $0.original, new: $0.patched, path: $0.fileName).bytes }
            .reduce([], +)
        files.append(GeneratedFile(name: "values.patch", bytes: patch))
        files += try gitOpsFiles(plan, context: context)
        files.append(
            GeneratedFile(
                name: "PULL_REQUEST.md",
                bytes: try PullRequestWriter(templates: templates).body(
                    plan, context: context, patchedFiles: patchedFiles, versionChange: versionChange)))
        files.append(GeneratedFile(name: "plan.json", bytes: Array(PlanReport(plan).json().utf8)))
        for file in files where file.name.hasSuffix(".yaml") {
            try GenerationValidator.checkParses(file)
        }
        return Generation(plan: plan, files: files, patchedFiles: patchedFiles, chartVersionChange: versionChange)
    }

    // MARK: Values

    func plannedValues(_ plan: RemediationPlan) throws(Diagnostic) -> [PlannedValue] {
        var planned: [PlannedValue] = []
        for change in plan.changes {
            do {
                planned.append(try PlannedValue(change))
            } catch {
                throw Diagnostic(error, id: "generate.invalid-planned-value")
            }
        }
        return planned
    }

    /// Every changed key must be one the chart version reads (the catalog's certificate keys and the others it
    /// records, such as `extraArgs.keda`).
    func checkKeysExist(_ planned: [PlannedValue], in release: ChartRelease) throws(Diagnostic) {
        for value in planned where !release.knowsValuesPath(value.change.path) {
            let isExtraArg = value.change.path.hasPrefix("extraArgs.keda.")
            if isExtraArg, release.knowsValuesPath("extraArgs.keda") { continue }
            throw Diagnostic(
                id: "generate.unknown-key", severity: .error,
                message: "chart \(release.chartVersion) has no values key `\(value.change.path)`",
                fix: "this is a defect of keda-cert-migrate's plan; please report it with the plan JSON")
        }
    }

    /// The in-place patch: each change goes to the last file that sets it, or to the last file when none does
    /// (a later `-f` wins), edited where the values live (plain file or GitOps wrapper).
    func patch(_ values: ValuesLayers, planned: [PlannedValue], chartVersion: String?) throws(Diagnostic)
        -> ([PatchedValuesFile], ChartVersionChange?)
    {
        guard let last = values.layers.last else { return ([], nil) }
        var editsByFile: [String: [YAMLEdit]] = [:]
        for value in planned {
            let target = value.change.location?.file ?? last.fileName
            let file = values.layers.contains { $0.fileName == target } ? target : last.fileName
            editsByFile[file, default: []].append(value.edit)
        }
        // The chart version lives in the wrapper, which is the file that holds the values.
        let versionFile = chartVersion == nil ? nil : values.layers.last { !$0.wrapper.isPlain }?.fileName
        var patched: [PatchedValuesFile] = []
        var versionChange: ChartVersionChange?
        for layer in values.layers where editsByFile[layer.fileName] != nil || layer.fileName == versionFile {
            let edits = editsByFile[layer.fileName] ?? []
            let original = layer.stream.source.bytes
            let bytes: [UInt8]
            if layer.wrapper.isPlain {
                do {
                    bytes = try YAMLSourceEditor(stream: layer.stream).apply(edits)
                } catch {
                    throw Diagnostic(error, id: "generate.edit-refused")
                }
            } else {
                let source = try ValuesSource(stream: layer.stream)
                let result = try WrapperEditor(source: source).applying(
                    edits, chartVersion: layer.fileName == versionFile ? chartVersion : nil)
                bytes = result.bytes
                versionChange = result.versionChange ?? versionChange
            }
            if bytes != original {
                patched.append(PatchedValuesFile(fileName: layer.fileName, original: original, patched: bytes))
            }
        }
        return (patched, versionChange)
    }

    /// The overlay, with its header from the `overlay-header.txt` template.
    func overlayBytes(_ plan: RemediationPlan, planned: [PlannedValue]) throws(Diagnostic) -> [UInt8] {
        var root = YAMLNode.mapping([])
        for value in planned { root = ValuesOverlayBuilder.setting(value.node, at: value.keys[...], in: root) }
        let header = try render(
            "overlay-header.txt",
            [
                "toolVersion": .string(ToolVersion.current), "strategy": .string(plan.strategy?.rawValue ?? "none"),
                "reason": .string(CommentText.wrap(plan.reason, width: 98).joined(separator: "\n")),
            ])
        do {
            return header + (try YAMLEmitter().emit(root))
        } catch {
            throw Diagnostic(error, id: "generate.emit-failed")
        }
    }

    // MARK: GitOps

    /// The drift rules for the GitOps tool the facts name, only for plans whose CA bundles something other than
    /// Git writes (cert-manager's cainjector, or the operator's last injection).
    func gitOpsFiles(_ plan: RemediationPlan, context: DiagnosisContext) throws(Diagnostic) -> [GeneratedFile] {
        guard plan.strategy == .certManager || plan.strategy == .disableRotation else { return [] }
        let wrapped = context.input.values.layers.compactMap { layer -> WrappedChart? in
            if case .wrapped(let chart) = layer.wrapper { return chart }
            return nil
        }.last
        let object = wrapped.flatMap { chart in
            context.input.values.layers.last { !$0.wrapper.isPlain }.map {
                WrappedObjectName.read($0.stream.documents[chart.documentIndex].root)
            }
        }
        switch context.facts.gitops?.value {
        case .argocd?:
            let bytes = try render(
                "gitops/argocd-ignore-differences.yaml",
                [
                    "applicationName": .string(object?.name ?? context.facts.releaseNameOrDefault),
                    "applicationNamespace": .string(object?.namespace ?? "argocd"),
                ])
            let header = GitOpsHeader.text(
                "Fields to merge into the Argo CD Application `\(object?.name ?? context.facts.releaseNameOrDefault)` if it "
                    + "shows the APIService or keda-admission as OutOfSync on caBundle (written in the cluster, not in "
                    + "Git). Not needed while no such drift shows; not a whole Application.")
            return [GeneratedFile(name: "gitops/argocd-application-patch.yaml", bytes: header + bytes)]
        case .flux?:
            let pointers = context.chart.release.admissionWebhooks.caBundlePointers
            let bytes = try render(
                "gitops/flux-drift-ignore.yaml",
                [
                    "helmReleaseName": .string(object?.name ?? context.facts.releaseNameOrDefault),
                    "helmReleaseNamespace": .string(object?.namespace ?? context.facts.namespaceOrDefault),
                    "webhookCABundlePointers": .strings(pointers),
                ])
            let header = GitOpsHeader.text(
                "Fields to merge into the Flux HelmRelease `\(object?.name ?? context.facts.releaseNameOrDefault)` if its "
                    + "drift detection reports caBundle on the APIService or keda-admission (written in the cluster, not "
                    + "in Git). One JSON pointer per webhook of chart \(context.chart.release.chartVersion). Not needed "
                    + "while no such drift shows; not a whole HelmRelease.")
            return [GeneratedFile(name: "gitops/flux-helmrelease-patch.yaml", bytes: header + bytes)]
        default:
            return []
        }
    }

    func render(_ name: String, _ values: [String: TemplateValue], sections: [String: Bool] = [:])
        throws(Diagnostic) -> [UInt8]
    {
        do {
            return try templates.render(name, values: values, sections: sections)
        } catch {
            throw Diagnostic(
                id: "generate.template", severity: .error, message: error.description,
                fix: "correct the template (see templates/README.md), or leave out --templates")
        }
    }
}

/// The comment at the top of a GitOps patch file.
enum GitOpsHeader {
    static func text(_ sentence: String) -> [UInt8] {
        Array(CommentText.wrap(sentence, width: 98).map { "# " + $0 + "\n" }.joined().utf8)
    }
}

/// The name and namespace of a Kubernetes object document.
struct WrappedObjectName {
    var name: String?
    var namespace: String?

    static func read(_ root: YAMLNode) -> WrappedObjectName {
        WrappedObjectName(
            name: root["metadata"]?["name"]?.scalarText, namespace: root["metadata"]?["namespace"]?.scalarText)
    }
}
