/// One cluster's line in the fleet summary.
public struct FleetRow: Sendable, Hashable {
    /// What became of a cluster.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The values already do what the plan wants.
        case nothingToChange = "nothing-to-change"
        /// The plan changes something (with `--output-dir`, the change was written).
        case changeNeeded = "change-needed"
        /// Bad input, no strategy fits, a failed check of the outputs, or a write that failed.
        case failed
    }

    /// The cluster's name.
    public var cluster: String
    /// What became of it.
    public var status: Status
    /// The chosen strategy, nil when none was chosen.
    public var strategy: Strategy?
    /// How many findings (or, for bad input, diagnostics) of each severity.
    public var findings: [Severity: Int]
    /// How many output files were written (changed on disk); 0 when nothing was written.
    public var filesWritten: Int
    /// For a failed cluster, its first error as `file:line:column: message`; empty otherwise.
    public var detail: String

    /// Creates a row.
    public init(
        cluster: String, status: Status, strategy: Strategy?, findings: [Severity: Int], filesWritten: Int,
        detail: String
    ) {
        self.cluster = cluster
        self.status = status
        self.strategy = strategy
        self.findings = findings
        self.filesWritten = filesWritten
        self.detail = detail
    }

    /// The number of findings of a severity.
    public func count(_ severity: Severity) -> Int { findings[severity] ?? 0 }

    /// The findings counted by severity.
    public static func counts(_ diagnostics: [Diagnostic]) -> [Severity: Int] {
        // Room for every severity from the start: growing the table a key at a time cost more than the counting.
        var counts: [Severity: Int] = Dictionary(minimumCapacity: Severity.allCases.count)
        // By index: each diagnostic taken out of the list (its strings and sources retained) to read its severity
        // cost more than the counting.
        for index in diagnostics.indices { counts[diagnostics[index].severity, default: 0] += 1 }
        return counts
    }
}

/// The fleet's totals: clusters by status and by strategy, and files written. Grows by one row at a time, so a fleet
/// is summed without being held.
public struct FleetTotals: Sendable, Hashable {
    /// Clusters counted.
    public private(set) var clusters = 0
    /// Clusters by status.
    public private(set) var byStatus: [FleetRow.Status: Int] = [:]
    /// Clusters by chosen strategy; clusters without one are counted under `nil`.
    public private(set) var byStrategy: [Strategy?: Int] = [:]
    /// Output files written in all.
    public private(set) var filesWritten = 0

    /// Empty totals.
    public init() {}

    /// Counts one row.
    public mutating func add(_ row: FleetRow) {
        clusters += 1
        byStatus[row.status, default: 0] += 1
        byStrategy[row.strategy, default: 0] += 1
        filesWritten += row.filesWritten
    }

    /// Clusters with a status.
    public func count(_ status: FleetRow.Status) -> Int { byStatus[status] ?? 0 }

    /// Clusters with a strategy (`nil`: none chosen).
    public func count(_ strategy: Strategy?) -> Int { byStrategy[strategy] ?? 0 }

    /// The strategies in a fixed order, `nil` (none) last, each with its count; those with no cluster left out.
    public var strategyCounts: [(strategy: Strategy?, count: Int)] {
        (Strategy.allCases.map { Optional($0) } + [nil]).compactMap { strategy in
            let count = count(strategy)
            return count == 0 ? nil : (strategy, count)
        }
    }
}
