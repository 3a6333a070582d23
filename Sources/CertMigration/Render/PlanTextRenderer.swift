/// The plan for a terminal: plain text, with colour on severities and the strategy when asked (a TTY).
public struct PlanTextRenderer: Sendable {
    /// Whether to use ANSI colours.
    public var colour: Bool

    /// Creates a renderer.
    public init(colour: Bool = false) {
        self.colour = colour
    }

    func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func label(_ severity: Severity) -> String {
        switch severity {
        case .info: paint("info", "36")
        case .warning: paint("warning", "33")
        case .error: paint("error", "31")
        case .security: paint("security", "35;1")
        }
    }

    /// The text.
    public func render(_ plan: RemediationPlan) -> String {
        var lines: [String] = []
        let strategy = plan.strategy.map { paint($0.rawValue, "1") } ?? paint("no strategy fits", "31;1")
        lines.append("Strategy: \(strategy) (\(PlanWording.chart(plan)))")
        lines.append(contentsOf: wrap(plan.reason, indent: "  "))
        if !plan.findings.isEmpty {
            lines.append("")
            lines.append("Findings:")
            for finding in plan.findings {
                let place = finding.location.map { "\($0): " } ?? ""
                lines.append("  \(place)\(label(finding.severity)): \(finding.message) [\(finding.id)]")
                if let fix = finding.fix { lines.append("    fix: \(fix)") }
            }
        }
        if plan.strategy == nil {
            lines.append("")
            lines.append("Preconditions:")
            for strategy in RemediationPlan.consideredOrder {
                guard let checks = plan.preconditions[strategy] else { continue }
                lines.append("  \(strategy):")
                for check in checks {
                    lines.append(
                        "    [\(check.holds ? "ok" : paint("no", "31"))] \(check.requirement): \(check.detail)")
                }
            }
        }
        if !plan.changes.isEmpty {
            lines.append("")
            lines.append("Changes:")
            for change in plan.changes {
                let where_ = change.location.map { " (\($0))" } ?? ""
                lines.append("  \(change.path): \(change.from ?? "unset") -> \(change.to ?? "removed")\(where_)")
                lines.append("    why: \(change.reason)")
            }
        }
        if !plan.manifests.isEmpty {
            lines.append("")
            lines.append("Objects this brings in:")
            for manifest in plan.manifests {
                let namespace = manifest.namespace.map { "\($0)/" } ?? ""
                lines.append(
                    "  \(manifest.kind) \(namespace)\(manifest.name) (rendered by the \(manifest.renderedBy.rawValue)): "
                        + manifest.purpose)
            }
        }
        if !plan.advice.isEmpty {
            lines.append("")
            lines.append("Advice:")
            for advice in plan.advice {
                lines.append("  [\(advice.kind.rawValue)] \(advice.title)")
                if let detail = advice.detail {
                    for paragraph in detail.split(separator: "\n") {
                        lines.append(contentsOf: wrap(String(paragraph), indent: "    "))
                    }
                }
                for command in advice.commands { lines.append("    $ \(command)") }
            }
        }
        if !plan.sources.isEmpty {
            lines.append("")
            lines.append("Sources:")
            for source in plan.sources { lines.append("  - \(source.title): \(source.reference)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Wraps a paragraph at 100 columns, each line indented.
    func wrap(_ text: String, indent: String) -> [String] {
        CommentText.wrap(text, width: 100 - indent.count).map { indent + $0 }
    }
}
