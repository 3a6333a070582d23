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
    /// The name `values.patch` gives a values file, from its name as read (by default the same): the command line
    /// names a file read by an absolute path from a folder `git apply` can be run in.
    public var patchPath: @Sendable (String) -> String
    /// The YAML files that lately passed their check, for the clusters that follow (the generator's copies share it).
    let passedOutputs = PassedOutputChecks()
    /// The value texts of plans read lately, for the clusters that follow (shared like ``passedOutputs``).
    let plannedReadings = PlannedValueReadings()
    /// The GitOps patch files rendered lately, by their inputs (shared like ``passedOutputs``).
    let recentGitOpsPatches = RecentRenders<GitOpsPatchInputs, [UInt8]>(capacity: 64, same: GitOpsPatchInputs.same)
    /// The overlay bodies emitted lately, by their planned keys and nodes (shared like ``passedOutputs``).
    let recentOverlayBodies = RecentRenders<[ValuesOverlayBuilder.Entry], [UInt8]>(
        capacity: 16, same: ValuesOverlayBuilder.Entry.same)
    /// The GitOps patch documents rendered lately (before the user's entries are merged in), by template and
    /// values: patches whose users' lists differ still share them (shared like ``passedOutputs``).
    let recentPatchDocuments = RecentRenders<
        (templates: TemplateSet, template: String, values: [String: TemplateValue]), YAMLNode
    >(capacity: 16) { lhs, rhs in
        lhs.template == rhs.template && lhs.values == rhs.values && lhs.templates.hasSameFiles(as: rhs.templates)
    }

    /// Creates a generator.
    public init(templates: TemplateSet = .embedded, patchPath: @escaping @Sendable (String) -> String = { $0 }) {
        self.templates = templates
        self.patchPath = patchPath
    }

    /// The generation for an input and its plan; any failed check is a thrown error diagnostic.
    public func generate(_ input: MigrationInput, plan: RemediationPlan) throws(Diagnostic) -> Generation {
        try generate(DiagnosisContext(input), plan: plan)
    }

    /// The generation for a plan and the context it was decided from (`PlanDecider.plan(context)`), which is then
    /// not built a second time.
    public func generate(_ context: DiagnosisContext, plan: RemediationPlan) throws(Diagnostic) -> Generation {
        let input = context.input
        guard let strategy = plan.strategy else {
            throw Diagnostic(
                id: "generate.no-strategy", severity: .error,
                message: "no strategy fits, so there is nothing to generate: \(plan.reason)",
                fix: "run `keda-cert-migrate plan` with the same inputs: it lists each failed precondition and the "
                    + "errors in the inputs to fix")
        }
        let planned = try plannedValues(plan)
        try checkKeysExist(planned, in: context.chart.release)

        // An upgrade pins only the path's chart step that needs no Kubernetes or cert-manager move first: a later
        // chart would run untested on this cluster.
        let versionTarget = strategy == .upgrade ? plan.upgrade?.immediateChart : nil
        let (patchedFiles, versionChange, parsedPatches) = try patch(
            input.values, planned: planned, chartVersion: versionTarget)
        let overlay = try overlayBytes(plan, planned: planned)
        let parsedOverlay = try GenerationValidator.check(
            original: input.values, patched: patchedFiles, parsed: parsedPatches.files,
            parsedValuesTexts: parsedPatches.valuesTexts, overlay: overlay, planned: planned)

        let planJSON = GeneratedFile(name: "plan.json", bytes: PlanReport.jsonBytes(of: plan))
        // Nothing to change: the plan alone says why.
        guard strategy != .none else {
            return Generation(plan: plan, files: [planJSON], patchedFiles: [], chartVersionChange: nil)
        }
        var files: [GeneratedFile] = []
        files.reserveCapacity(5)  // the overlay, the patch, a GitOps patch, the pull request and the plan
        if !planned.isEmpty {
            files.append(GeneratedFile(name: "values-overlay.yaml", bytes: overlay))
        }
        // One file's diff is the patch as it is (joining the diffs copied it once more).
        var patch: [UInt8] = []
        for file in patchedFiles {
            let diff = UnifiedDiff(old: file.original, new: file.patched, path: patchPath(file.fileName)).bytes
            if patch.isEmpty { patch = diff } else { patch += diff }
        }
        if !patch.isEmpty {
            files.append(GeneratedFile(name: "values.patch", bytes: patch))
        }
        let gitOps = try gitOpsFiles(plan, context: context)
        files += gitOps
        files.append(
            GeneratedFile(
                name: "PULL_REQUEST.md",
                bytes: try PullRequestWriter(templates: templates).body(
                    plan, context: context, patchedFiles: patchedFiles, versionChange: versionChange,
                    wroteOverlay: !planned.isEmpty, gitOpsRules: !gitOps.isEmpty)))
        files.append(planJSON)
        for file in files where file.name.hasSuffix(".yaml") {
            try GenerationValidator.checkParses(file, parsed: parsedOverlay, passed: passedOutputs)
        }
        return Generation(plan: plan, files: files, patchedFiles: patchedFiles, chartVersionChange: versionChange)
    }

    // MARK: Values

    func plannedValues(_ plan: RemediationPlan) throws(Diagnostic) -> [PlannedValue] {
        var planned: [PlannedValue] = []
        for change in plan.changes {
            do {
                planned.append(try PlannedValue(change, readings: plannedReadings))
            } catch {
                throw Diagnostic(error, id: "generate.invalid-planned-value")
            }
        }
        return planned
    }

    /// Every changed key must be one the chart version reads (the catalog's certificate keys and the others it
    /// records, such as `extraArgs.keda`).
    func checkKeysExist(_ planned: [PlannedValue], in release: ChartRelease) throws(Diagnostic) {
        for index in planned.indices where !release.knowsValuesPath(planned[index].change.path) {
            let value = planned[index]
            let isExtraArg = value.change.path.hasPrefix("extraArgs.keda.")
            if isExtraArg, release.knowsValuesPath("extraArgs.keda") { continue }
            throw Diagnostic(
                id: "generate.unknown-key", severity: .error,
                message: "chart \(release.chartVersion) has no values key `\(value.change.path)`",
                fix: "this is a defect of keda-cert-migrate's plan; please report it with the plan JSON")
        }
    }

    /// The in-place patch: each change goes to the last file that sets it, or to the last file when none does
    /// (a later `-f` wins), edited where the values live (plain file or GitOps wrapper). With the patches, the parse
    /// of each patched file that the editor made to check its edits (of a wrapper, the whole file's), and of each
    /// edited `helm.values` string's text, so that validation need not parse the same bytes again.
    func patch(_ values: ValuesLayers, planned: [PlannedValue], chartVersion: String?) throws(Diagnostic)
        -> (
            [PatchedValuesFile], ChartVersionChange?,
            parsed: (files: [String: YAMLStream], valuesTexts: [String: ParsedValuesText])
        )
    {
        let layers = values.layers
        guard !layers.isEmpty else { return ([], nil, ([:], [:])) }
        // Each value's file, found once (the layers are looked at by index: a layer is a large value to copy).
        let lastFileName = layers[layers.count - 1].fileName
        let targets = planned.indices.map { index in
            let target = planned[index].change.location?.file ?? lastFileName
            return layers.indices.contains { layers[$0].fileName == target } ? target : lastFileName
        }
        var editsByFile: [String: [YAMLEdit]] = [:]
        for index in planned.indices { editsByFile[targets[index], default: []].append(planned[index].edit) }
        // The chart version lives in the wrapper, which is the file that holds the values.
        let versionFile =
            chartVersion == nil ? nil : layers.indices.last { !layers[$0].wrapper.isPlain }.map { layers[$0].fileName }
        var patched: [PatchedValuesFile] = []
        var parsed: [String: YAMLStream] = [:]
        var parsedValuesTexts: [String: ParsedValuesText] = [:]
        var versionChange: ChartVersionChange?
        for layer in values.layers where editsByFile[layer.fileName] != nil || layer.fileName == versionFile {
            let edits = editsByFile[layer.fileName] ?? []
            let original = layer.stream.source.bytes
            let bytes: [UInt8]
            do throws(Diagnostic) {
                if layer.wrapper.isPlain {
                    do {
                        let edited = try YAMLSourceEditor(stream: layer.stream).applying(edits)
                        bytes = edited.source.bytes
                        parsed[layer.fileName] = edited
                    } catch {
                        throw Diagnostic(error, id: "generate.edit-refused")
                    }
                } else {
                    let result = try WrapperEditor(layer: layer).editing(
                        edits, chartVersion: layer.fileName == versionFile ? chartVersion : nil)
                    bytes = result.stream.source.bytes
                    parsed[layer.fileName] = result.stream
                    parsedValuesTexts[layer.fileName] = result.valuesText
                    versionChange = result.versionChange ?? versionChange
                }
            } catch {
                // The values this file's edits set, named only in the refusal.
                let refused = edits.isEmpty ? [] : zip(planned, targets).filter { $0.1 == layer.fileName }.map(\.0)
                throw Self.refusal(error, planned: refused)
            }
            if bytes != original {
                patched.append(PatchedValuesFile(fileName: layer.fileName, original: original, patched: bytes))
            }
        }
        return (patched, versionChange, (parsed, parsedValuesTexts))
    }

    /// A refused in-place edit, with the planned changes spelled out so they can be made by hand.
    static func refusal(_ error: Diagnostic, planned: [PlannedValue]) -> Diagnostic {
        var refusal = error
        let changes = planned.map { "`\($0.change.path)` to `\($0.change.to ?? "null")`" }.joined(separator: ", ")
        if !changes.isEmpty {
            refusal.fix =
                (error.fix.map { $0 + "; " } ?? "") + "the plan sets \(changes): make that change by hand, "
                + "then run generate again (it will report nothing to change)"
        }
        return refusal
    }

    /// The overlay, with its header from the `overlay-header.txt` template.
    func overlayBytes(_ plan: RemediationPlan, planned: [PlannedValue]) throws(Diagnostic) -> [UInt8] {
        let header = try render(
            "overlay-header.txt",
            listing: [
                "toolVersion": .string(ToolVersion.current), "strategy": .string(plan.strategy?.rawValue ?? "none"),
                "reason": .string(CommentText.wrapped(plan.reason, width: 98, separator: "\n")),
            ])
        // The body depends on nothing but the planned keys and nodes, which a fleet's plans mostly share.
        let entries = ValuesOverlayBuilder.entries(planned)
        let body = try recentOverlayBodies.value(for: entries) { () throws(Diagnostic) -> [UInt8] in
            do throws(YAMLError) {
                return try YAMLEmitter().emit(ValuesOverlayBuilder.tree(entries))
            } catch {
                throw Diagnostic(error, id: "generate.emit-failed")
            }
        }
        return header + body
    }

    // MARK: GitOps

    /// The drift rules for the GitOps tool the facts name (or the wrapper shows), for plans that leave a CA bundle
    /// written outside Git: cert-manager's cainjector, the operator's last injection, or a rotating operator.
    func gitOpsFiles(_ plan: RemediationPlan, context: DiagnosisContext) throws(Diagnostic) -> [GeneratedFile] {
        guard let strategy = plan.strategy, strategy != .none else { return [] }
        // The last layer a GitOps object wraps, read where it is (a layer is a large value to copy).
        let layers = context.input.values.layers
        var userObject: YAMLNode?
        var tool = context.facts.gitops?.value
        if let index = layers.indices.last(where: { !layers[$0].wrapper.isPlain }),
            case .wrapped(let chart) = layers[index].wrapper
        {
            userObject = layers[index].stream.documents[chart.documentIndex].root
            tool = tool ?? chart.tool
        }
        let name = userObject?["metadata"]?["name"]?.scalarText ?? context.facts.releaseNameOrDefault
        let namespace = userObject?["metadata"]?["namespace"]?.scalarText
        switch tool {
        case .argocd?:
            let header = String.concatenating(
                "Fields to merge into the Argo CD Application `", name,
                "` if it shows the APIService or keda-admission as OutOfSync on caBundle (written in the cluster, "
                    + "not in Git). Lists hold your own entries too: a merge patch replaces lists whole. Not needed "
                    + "while no such drift shows; not a whole Application.")
            return [
                try gitOpsFile(
                    "gitops/argocd-application-patch.yaml",
                    GitOpsPatchInputs(
                        templates: templates, template: "gitops/argocd-ignore-differences.yaml",
                        values: [
                            "applicationName": .string(name), "applicationNamespace": .string(namespace ?? "argocd"),
                        ],
                        user: userObject?["kind"]?.scalarText == "Application"
                            ? userObject.map(GitOpsPatchMerger.UserEntries.init) : nil,
                        header: header))
            ]
        case .flux?:
            if userObject?["apiVersion"]?.scalarText == "helm.toolkit.fluxcd.io/v2beta1" {
                return []  // v2beta1 has no driftDetection; the plan's advice says what to do.
            }
            let header = String.concatenating(
                "Fields to merge into the Flux HelmRelease `", name,
                "` if its drift detection reports caBundle on the APIService or keda-admission (written in the "
                    + "cluster, not in Git). One JSON pointer per webhook of chart ",
                context.chart.release.chartVersion.description,
                "; the list holds your own entries too. Not needed while no such drift shows; not a whole "
                    + "HelmRelease.")
            return [
                try gitOpsFile(
                    "gitops/flux-helmrelease-patch.yaml",
                    GitOpsPatchInputs(
                        templates: templates, template: "gitops/flux-drift-ignore.yaml",
                        values: [
                            "helmReleaseName": .string(name),
                            "helmReleaseNamespace": .string(namespace ?? context.facts.namespaceOrDefault),
                            "webhookCABundlePointers": .strings(
                                context.chart.release.admissionWebhooks.caBundlePointers),
                        ],
                        user: userObject?["kind"]?.scalarText == "HelmRelease"
                            ? userObject.map(GitOpsPatchMerger.UserEntries.init) : nil,
                        header: header))
            ]
        default:
            return []
        }
    }

    /// A GitOps patch file: its header comment, then the rendered patch with the user's entries merged in. A patch
    /// whose inputs equal those of one rendered lately is that one's bytes (see ``RecentRenders``): a fleet's
    /// Applications and HelmReleases mostly differ in nothing the patch reads.
    func gitOpsFile(_ fileName: String, _ inputs: GitOpsPatchInputs) throws(Diagnostic) -> GeneratedFile {
        let bytes = try recentGitOpsPatches.value(for: inputs) { () throws(Diagnostic) -> [UInt8] in
            GitOpsHeader.text(inputs.header) + (try renderMerged(inputs.template, inputs.values, user: inputs.user))
        }
        return GeneratedFile(name: fileName, bytes: bytes)
    }

    /// A rendered GitOps patch with the user's own list entries merged in (see ``GitOpsPatchMerger``).
    ///
    /// The merge works on the rendered document read back from the emitted bytes. When the template's one document
    /// renders to a tree that reads back unchanged (``PlainBlockTree``), that tree is merged instead: emitting and
    /// parsing it only to get the same tree back cost more than the rest of the GitOps file. The document of a
    /// template and values rendered lately is taken again (``recentPatchDocuments``): a file whose inputs were new
    /// only in the user's lists is then merged and emitted, not rendered and read back again.
    func renderMerged(
        _ name: String, _ values: [String: TemplateValue], user: GitOpsPatchMerger.UserEntries?
    ) throws(Diagnostic) -> [UInt8] {
        guard let user else { return try render(name, values) }
        let patch = try recentPatchDocuments.value(for: (templates, name, values)) {
            () throws(Diagnostic) -> YAMLNode in
            if let documents = templates.substitutedDocuments(name, values: values), documents.count == 1,
                PlainBlockTree.readsBackUnchanged(documents[0])
            {
                return documents[0]
            }
            let rendered = try render(name, values)
            do throws(YAMLError) {
                return try YAMLParser().parse(bytes: rendered, fileName: name).documents.first?.root ?? .mapping([])
            } catch {
                throw Diagnostic(error, id: "generate.gitops-patch")
            }
        }
        do {
            return try YAMLEmitter().emit(GitOpsPatchMerger.merge(patch: patch, user: user))
        } catch {
            throw Diagnostic(error, id: "generate.gitops-patch")
        }
    }

    func render(_ name: String, _ values: [String: TemplateValue], sections: [String: Bool] = [:])
        throws(Diagnostic) -> [UInt8]
    {
        do {
            return try templates.render(name, values: values, sections: sections)
        } catch {
            throw Self.templateFailure(error)
        }
    }

    /// ``render(_:_:sections:)`` with the values listed as pairs (see ``TemplateSet/render(_:values:sections:)``):
    /// no dictionary is built and hashed for a render that names a few values, for every cluster.
    func render(_ name: String, listing values: KeyValuePairs<String, TemplateValue>) throws(Diagnostic)
        -> [UInt8]
    {
        do {
            return try templates.render(name, values: values)
        } catch {
            throw Self.templateFailure(error)
        }
    }

    /// A template that failed to render, as the diagnostic `generate` reports.
    static func templateFailure(_ error: TemplateError) -> Diagnostic {
        Diagnostic(
            id: "generate.template", severity: .error, message: error.description,
            fix: "correct the template (see templates/README.md), or leave out --templates")
    }
}

/// The comment at the top of a GitOps patch file (its sentence joined with `String.concatenating`: interpolation and
/// `+` copied it piece by piece).
enum GitOpsHeader {
    static func text(_ sentence: String) -> [UInt8] {
        Array(CommentText.wrapped(sentence, width: 98, linePrefix: "# ", separator: "\n", terminator: "\n").utf8)
    }
}
