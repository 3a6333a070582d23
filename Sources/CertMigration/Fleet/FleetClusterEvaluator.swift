import Foundation

/// What one cluster of a fleet comes to: its summary row, the diagnostics to print, and the files to write.
public struct FleetClusterOutcome: Sendable {
    /// The summary row (``FleetRow/filesWritten`` is 0 until the files are written).
    public var row: FleetRow
    /// What to print for this cluster: the errors of a failed cluster, in reading order; empty otherwise.
    public var diagnostics: [Diagnostic]
    /// The files `generate` would write, relative to the cluster's output folder; empty in check mode or on failure.
    public var files: [GeneratedFile]

    /// Creates an outcome.
    public init(row: FleetRow, diagnostics: [Diagnostic], files: [GeneratedFile]) {
        self.row = row
        self.diagnostics = diagnostics
        self.files = files
    }

    /// A cluster that failed before or outside the plan: its inputs could not be read, or its files not written.
    public static func failed(_ cluster: String, strategy: Strategy? = nil, _ diagnostics: [Diagnostic]) -> Self {
        let errors = diagnostics.filter { $0.severity == .error }.sortedByLocation()
        return FleetClusterOutcome(
            row: FleetRow(
                cluster: cluster, status: .failed, strategy: strategy, findings: FleetRow.counts(diagnostics),
                filesWritten: 0, detail: errors.first.map(FleetClusterEvaluator.oneLine) ?? ""),
            diagnostics: errors, files: [])
    }
}

/// Runs one cluster of a fleet through the same stages as `plan`, `check` and `generate`, in memory.
public struct FleetClusterEvaluator: Sendable {
    /// The strategy asked for (`--strategy`), the same for every cluster.
    public var strategy: StrategyChoice
    /// The moment certificate expiry is judged against.
    public var now: Date
    /// True to generate the outputs too (writing mode); false to stop at the decision (`--check` alone).
    public var generates: Bool
    /// The generator (and its templates).
    public var generator: MigrationGenerator

    /// Creates an evaluator.
    public init(strategy: StrategyChoice, now: Date, generates: Bool, generator: MigrationGenerator = .init()) {
        self.strategy = strategy
        self.now = now
        self.generates = generates
        self.generator = generator
    }

    /// Reads, decides and (when ``generates``) generates one cluster.
    public func evaluate(cluster: String, values: [InputFile], facts: InputFile?) -> FleetClusterOutcome {
        let (read, problems) = MigrationInputReader.read(values: values, facts: facts, strategy: strategy, now: now)
        // Moved, not copied, into the context (a copy of the input took a reference to each of its parts).
        guard let input = consume read else { return .failed(cluster, problems) }
        let context = DiagnosisContext(consume input)
        // Checking needs the decision alone; writing needs the whole plan.
        let plan = generates ? PlanDecider.plan(context) : nil
        let decision = plan.map(\.decision) ?? PlanDecider.decideBriefly(context)
        let findings = FleetRow.counts(decision.findings)
        guard let strategy = decision.strategy else {
            let errors = decision.findings.filter { $0.severity == .error }
            let shown =
                errors.isEmpty
                ? [
                    Diagnostic(
                        id: "plan.no-strategy", severity: .error,
                        message: "no strategy fits: \(decision.noStrategyReason ?? "")",
                        location: SourceLocation(file: facts?.name ?? values.last?.name ?? cluster),
                        fix: "run `keda-cert-migrate plan` on this cluster's files to see each precondition")
                ] : errors.sortedByLocation()
            return FleetClusterOutcome(
                row: FleetRow(
                    cluster: cluster, status: .failed, strategy: nil, findings: findings, filesWritten: 0,
                    detail: errors.isEmpty
                        ? "no strategy fits (`keda-cert-migrate plan` on this cluster's files says why)"
                        : Self.oneLine(shown[0])),
                diagnostics: shown, files: [])
        }
        var files: [GeneratedFile] = []
        if let plan {
            do {
                files = try generator.generate(context, plan: plan).files
            } catch {
                var outcome = FleetClusterOutcome.failed(cluster, strategy: strategy, [error])
                outcome.row.findings = findings.merging([.error: 1], uniquingKeysWith: +)
                return outcome
            }
        }
        return FleetClusterOutcome(
            row: FleetRow(
                cluster: cluster, status: decision.needsChange ? .changeNeeded : .nothingToChange,
                strategy: strategy, findings: findings, filesWritten: 0, detail: ""),
            diagnostics: [], files: files)
    }

    /// A diagnostic on one line: `file:line:column: message`.
    static func oneLine(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\($0): " } ?? ""
        return place + diagnostic.message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
