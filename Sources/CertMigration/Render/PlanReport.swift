/// The plan as the stable JSON document `plan --format json` prints (and `generate` writes as `plan.json`).
///
/// Field names and meanings are part of the tool's interface: add fields, never rename or remove them.
public struct PlanReport: Codable, Sendable, Hashable {
    /// The version of this JSON shape.
    public var schemaVersion = Self.currentSchemaVersion
    /// The tool that wrote it.
    public var tool: String
    /// The chosen strategy, or null when none fits.
    public var strategy: String?
    /// Why.
    public var reason: String
    /// The installed chart version (from the facts, else the one assumed).
    public var chartVersion: String
    /// The catalog release whose knowledge the plan used.
    public var knowledgeChartVersion: String
    /// True when something must change (`check` exits 2).
    public var needsChange: Bool
    /// The findings.
    public var findings: [Finding]
    /// The values changes.
    public var changes: [Change]
    /// The objects the change brings in.
    public var manifests: [PlannedManifest]
    /// Upgrade targets.
    public var upgrade: UpgradeRecommendation?
    /// Advice.
    public var advice: [Advice]
    /// Each considered strategy's preconditions, by strategy name.
    public var preconditions: [String: [PreconditionCheck]]
    /// The sources behind the decision.
    public var sources: [Source]

    /// One finding.
    public struct Finding: Codable, Sendable, Hashable {
        /// A stable id.
        public var id: String
        /// `info`, `warning`, `error` or `security`.
        public var severity: String
        /// The message.
        public var message: String
        /// Where, when it has a place.
        public var location: Location?
        /// How to fix it.
        public var fix: String?
        /// References.
        public var sources: [String]

        /// Writes every field, `location` and `fix` only when there is one.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ReportKey.self)
            try container.encode(id, forKey: .id)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
            try container.encodeIfPresent(location, forKey: .location)
            try container.encodeIfPresent(fix, forKey: .fix)
            try container.encode(sources, forKey: .sources)
        }
    }

    /// A place in a file.
    public struct Location: Codable, Sendable, Hashable {
        /// The file.
        public var file: String
        /// The 1-based line.
        public var line: Int?
        /// The 1-based column.
        public var column: Int?

        /// Writes the file, and the line and column when known.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ReportKey.self)
            try container.encode(file, forKey: .file)
            try container.encodeIfPresent(line, forKey: .line)
            try container.encodeIfPresent(column, forKey: .column)
        }
    }

    /// One values change.
    public struct Change: Codable, Sendable, Hashable {
        /// The dotted path.
        public var path: String
        /// The current value as YAML text, null when unset.
        public var from: String?
        /// The new value as YAML text, null to remove the key.
        public var to: String?
        /// Where the current value is written.
        public var location: Location?
        /// Why.
        public var reason: String

        /// Writes `from` and `to` even when null: null means "unset" and "remove".
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ReportKey.self)
            try container.encode(path, forKey: .path)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encodeIfPresent(location, forKey: .location)
            try container.encode(reason, forKey: .reason)
        }
    }

    /// A source.
    public struct Source: Codable, Sendable, Hashable {
        /// What it is.
        public var title: String
        /// Where to find it.
        public var reference: String
        /// A link, when there is one.
        public var url: String?

        /// Writes the title and reference, and the link when there is one.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ReportKey.self)
            try container.encode(title, forKey: .title)
            try container.encode(reference, forKey: .reference)
            try container.encodeIfPresent(url, forKey: .url)
        }
    }

    /// The keys of the report and of its own nested types, in one type.
    ///
    /// The JSON is written with sorted keys, so which type a key belongs to does not show in it. One key type
    /// instead of one a type spares a run-time lookup each: `KeyedEncodingContainer<Key>` is instantiated from its
    /// mangled name, which checks `Key: CodingKey` by scanning every protocol conformance in the binary (about a
    /// quarter of a million instructions a key type, at every `generate`). Decoding keeps the synthesized keys.
    enum ReportKey: String, CodingKey {
        case schemaVersion, tool, strategy, reason, chartVersion, knowledgeChartVersion, needsChange, findings, changes
        case manifests, upgrade, advice, preconditions, sources
        case id, severity, message, location, fix
        case file, line, column
        case path, from, to
        case title, reference, url
    }

    /// Writes every field, `strategy` and `upgrade` as null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ReportKey.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(strategy, forKey: .strategy)
        try container.encode(reason, forKey: .reason)
        try container.encode(chartVersion, forKey: .chartVersion)
        try container.encode(knowledgeChartVersion, forKey: .knowledgeChartVersion)
        try container.encode(needsChange, forKey: .needsChange)
        try container.encode(findings, forKey: .findings)
        try container.encode(changes, forKey: .changes)
        try container.encode(manifests, forKey: .manifests)
        try container.encode(upgrade, forKey: .upgrade)
        try container.encode(advice, forKey: .advice)
        try container.encode(preconditions, forKey: .preconditions)
        try container.encode(sources, forKey: .sources)
    }

    /// The room a plan's JSON starts with: plans of fleet-1000 run from 4 KB to 17.5 KB (with 16 KB, one in
    /// sixteen grew its buffer, copying what it had written).
    static let expectedByteCount = 24_576

    /// The version of the JSON shape this tool writes.
    static let currentSchemaVersion = 1

    /// The tool that writes every report, made once.
    static let toolName = "keda-cert-migrate \(ToolVersion.current)"

    /// The report of a plan.
    public init(_ plan: RemediationPlan) {
        tool = Self.toolName
        strategy = plan.strategy?.rawValue
        reason = plan.reason
        chartVersion = plan.chartVersion.description
        knowledgeChartVersion = plan.knowledgeChartVersion.core
        needsChange = plan.needsChange
        findings = plan.findings.map { finding in
            Finding(
                id: finding.id, severity: finding.severity.rawValue, message: finding.message,
                location: finding.location.map(Location.init), fix: finding.fix, sources: finding.sources)
        }
        changes = plan.changes.map {
            Change(path: $0.path, from: $0.from, to: $0.to, location: $0.location.map(Location.init), reason: $0.reason)
        }
        manifests = plan.manifests
        upgrade = plan.upgrade
        advice = plan.advice
        var preconditions: [String: [PreconditionCheck]] = [:]
        preconditions.reserveCapacity(plan.preconditions.count)
        for (strategy, checks) in plan.preconditions { preconditions[strategy.rawValue] = checks }
        self.preconditions = preconditions
        sources = plan.sources.map { Source(title: $0.title, reference: $0.reference, url: $0.url) }
    }

    /// The JSON text: keys sorted, two-space indentation, a final newline; the same plan gives the same bytes.
    public func json() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// ``json()`` as UTF-8 bytes: the bytes `JSONEncoder` gives with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` for this report's `encode(to:)`, and a final newline.
    ///
    /// Written by ``JSONTextWriter`` rather than the encoder: the encoder spent about 1.37M instructions a cluster
    /// on plan.json (some 5,000 a JSON value), the largest single item of writing a fleet. The fields below follow
    /// the `encode(to:)` methods (sorted keys; `encodeIfPresent` leaves a nil out, `encode` writes null), and
    /// `PlanReportJSONWriterTests` holds the bytes to the encoder's own on every golden plan and on generated ones.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONTextWriter(capacity: Self.expectedByteCount)
        writer.write(self)
        writer.endLine()
        return writer.bytes
    }

    /// `PlanReport(plan).jsonBytes()`, written from the plan itself: building the report first copied every
    /// finding, change, source and precondition list into the report's own types, only to write them and drop them
    /// (some 14,000 instructions and 40 allocations a cluster of a fleet, and as many releases).
    /// `PlanReportJSONWriterTests` holds the two to the same bytes.
    public static func jsonBytes(of plan: RemediationPlan) -> [UInt8] {
        var writer = JSONTextWriter(capacity: Self.expectedByteCount)
        writer.write(plan)
        writer.endLine()
        return writer.bytes
    }
}

extension PlanReport.Location {
    init(_ location: SourceLocation) {
        self.init(file: location.file, line: location.line, column: location.column)
    }
}

/// The report's fields as `encode(to:)` writes them (or, for the plan's own types, as their synthesized or written
/// `encode(to:)` does), each object's keys in sorted order.
extension JSONTextWriter {
    mutating func write(_ report: PlanReport) {
        beginObject()
        key("advice")
        beginArray()
        for advice in report.advice { write(advice) }
        endArray()
        key("changes")
        beginArray()
        for change in report.changes {
            writeChange(
                path: change.path, from: change.from, to: change.to,
                location: change.location.map { ($0.file, $0.line, $0.column) }, reason: change.reason)
        }
        endArray()
        key("chartVersion")
        string(report.chartVersion)
        key("findings")
        beginArray()
        for finding in report.findings {
            writeFinding(
                id: finding.id, severity: finding.severity, message: finding.message,
                location: finding.location.map { ($0.file, $0.line, $0.column) }, fix: finding.fix,
                sources: finding.sources)
        }
        endArray()
        key("knowledgeChartVersion")
        string(report.knowledgeChartVersion)
        key("manifests")
        beginArray()
        for manifest in report.manifests { write(manifest) }
        endArray()
        key("needsChange")
        boolean(report.needsChange)
        key("preconditions")
        beginObject()
        for (strategy, checks) in Self.sortedByKey(report.preconditions) {
            key(text: strategy)
            beginArray()
            for check in checks { write(check) }
            endArray()
        }
        endObject()
        key("reason")
        string(report.reason)
        key("schemaVersion")
        integer(report.schemaVersion)
        key("sources")
        beginArray()
        for source in report.sources { writeSource(title: source.title, reference: source.reference, url: source.url) }
        endArray()
        key("strategy")
        string(orNull: report.strategy)
        key("tool")
        string(report.tool)
        key("upgrade")
        if let upgrade = report.upgrade { write(upgrade) } else { null() }
        endObject()
    }

    /// The report of a plan: what the report writer above writes for `PlanReport(plan)`, member for member.
    mutating func write(_ plan: RemediationPlan) {
        beginObject()
        key("advice")
        beginArray()
        for advice in plan.advice { write(advice) }
        endArray()
        key("changes")
        beginArray()
        for change in plan.changes {
            writeChange(
                path: change.path, from: change.from, to: change.to,
                location: change.location.map { ($0.file, $0.line, $0.column) }, reason: change.reason)
        }
        endArray()
        key("chartVersion")
        string(plan.chartVersion.description)
        key("findings")
        beginArray()
        for finding in plan.findings {
            writeFinding(
                id: finding.id, severity: finding.severity.rawValue, message: finding.message,
                location: finding.location.map { ($0.file, $0.line, $0.column) }, fix: finding.fix,
                sources: finding.sources)
        }
        endArray()
        key("knowledgeChartVersion")
        string(plan.knowledgeChartVersion.core)
        key("manifests")
        beginArray()
        for manifest in plan.manifests { write(manifest) }
        endArray()
        key("needsChange")
        boolean(plan.needsChange)
        key("preconditions")
        beginObject()
        for strategy in Self.strategiesByKey {
            guard let checks = plan.preconditions[strategy] else { continue }
            key(text: strategy.rawValue)
            beginArray()
            for check in checks { write(check) }
            endArray()
        }
        endObject()
        key("reason")
        string(plan.reason)
        key("schemaVersion")
        integer(PlanReport.currentSchemaVersion)
        key("sources")
        beginArray()
        for source in plan.sources { writeSource(title: source.title, reference: source.reference, url: source.url) }
        endArray()
        key("strategy")
        string(orNull: plan.strategy?.rawValue)
        key("tool")
        string(PlanReport.toolName)
        key("upgrade")
        if let upgrade = plan.upgrade { write(upgrade) } else { null() }
        endObject()
    }

    /// The strategies in the order their names sort as keys (``sortedByKey(_:)``), for the plan's preconditions.
    private static let strategiesByKey = Strategy.allCases.sorted { UTF8Order.precedes($0.rawValue, $1.rawValue) }

    /// As `Finding.encode(to:)`.
    mutating func writeFinding(
        id: String, severity: String, message: String, location: (file: String, line: Int?, column: Int?)?,
        fix: String?, sources: [String]
    ) {
        beginObject()
        if let fix {
            key("fix")
            string(fix)
        }
        key("id")
        string(id)
        if let location {
            key("location")
            writeLocation(file: location.file, line: location.line, column: location.column)
        }
        key("message")
        string(message)
        key("severity")
        string(severity)
        key("sources")
        strings(sources)
        endObject()
    }

    /// As `Location.encode(to:)`.
    mutating func writeLocation(file: String, line: Int?, column: Int?) {
        beginObject()
        if let column {
            key("column")
            integer(column)
        }
        key("file")
        string(file)
        if let line {
            key("line")
            integer(line)
        }
        endObject()
    }

    /// As `Change.encode(to:)`.
    mutating func writeChange(
        path: String, from: String?, to: String?, location: (file: String, line: Int?, column: Int?)?, reason: String
    ) {
        beginObject()
        key("from")
        string(orNull: from)
        if let location {
            key("location")
            writeLocation(file: location.file, line: location.line, column: location.column)
        }
        key("path")
        string(path)
        key("reason")
        string(reason)
        key("to")
        string(orNull: to)
        endObject()
    }

    /// As `Source.encode(to:)`.
    mutating func writeSource(title: String, reference: String, url: String?) {
        beginObject()
        key("reference")
        string(reference)
        key("title")
        string(title)
        if let url {
            key("url")
            string(url)
        }
        endObject()
    }

    /// As the synthesized `encode(to:)`: `namespace` only when there is one.
    mutating func write(_ manifest: PlannedManifest) {
        beginObject()
        key("apiVersion")
        string(manifest.apiVersion)
        key("kind")
        string(manifest.kind)
        key("name")
        string(manifest.name)
        if let namespace = manifest.namespace {
            key("namespace")
            string(namespace)
        }
        key("purpose")
        string(manifest.purpose)
        key("renderedBy")
        string(manifest.renderedBy.rawValue)
        endObject()
    }

    /// As the synthesized `encode(to:)`: `detail` only when there is one.
    mutating func write(_ advice: Advice) {
        beginObject()
        key("commands")
        strings(advice.commands)
        if let detail = advice.detail {
            key("detail")
            string(detail)
        }
        key("id")
        string(advice.id)
        key("kind")
        string(advice.kind.rawValue)
        key("title")
        string(advice.title)
        endObject()
    }

    /// As its `encode(to:)`: every field, null where the path does not move that part.
    mutating func write(_ upgrade: UpgradeRecommendation) {
        beginObject()
        key("chart")
        string(orNull: upgrade.chart)
        key("immediateChart")
        string(orNull: upgrade.immediateChart)
        key("keda")
        string(orNull: upgrade.keda)
        key("kubernetes")
        string(orNull: upgrade.kubernetes)
        key("reasons")
        strings(upgrade.reasons)
        key("steps")
        strings(upgrade.steps)
        endObject()
    }

    /// As the synthesized `encode(to:)`.
    mutating func write(_ check: PreconditionCheck) {
        beginObject()
        key("detail")
        string(check.detail)
        key("holds")
        boolean(check.holds)
        key("id")
        string(check.id)
        key("requirement")
        string(check.requirement)
        endObject()
    }
}
