/// The plan as Markdown, for a pull request or an issue.
public struct PlanMarkdownRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// Text safe inside a Markdown table cell.
    func cell(_ text: String) -> String {
        text.replacingPipes()
    }

    /// The Markdown.
    public func render(_ plan: RemediationPlan) -> String {
        var out: [String] = []
        let strategy = plan.strategy.map { "`\($0.rawValue)`" } ?? "no strategy fits"
        out.append("## KEDA certificate rotation: \(strategy)")
        out.append("")
        out.append(plan.reason)
        out.append("")
        out.append(PlanWording.chart(plan).prefix(1).uppercased() + PlanWording.chart(plan).dropFirst() + ".")
        if !plan.findings.isEmpty {
            out.append("")
            out.append("### Findings")
            out.append("")
            out.append("| severity | finding | where |")
            out.append("| --- | --- | --- |")
            for finding in plan.findings {
                let place = finding.location.map { "`\($0)`" } ?? ""
                var message = cell(finding.message)
                if let fix = finding.fix { message += "<br>Fix: " + cell(fix) }
                out.append("| \(finding.severity.rawValue) | \(message) (`\(finding.id)`) | \(place) |")
            }
        }
        if plan.strategy == nil {
            out.append("")
            out.append("### Preconditions")
            for strategy in RemediationPlan.consideredOrder {
                guard let checks = plan.preconditions[strategy] else { continue }
                out.append("")
                out.append("`\(strategy)`:")
                out.append("")
                for check in checks {
                    out.append("- [\(check.holds ? "x" : " ")] \(check.requirement): \(check.detail)")
                }
            }
        }
        if !plan.changes.isEmpty {
            out.append("")
            out.append("### Values changes")
            out.append("")
            out.append("| path | now | new | where | why |")
            out.append("| --- | --- | --- | --- | --- |")
            for change in plan.changes {
                let now = change.from.map { "`\(cell($0))`" } ?? "unset"
                let new = change.to.map { "`\(cell($0))`" } ?? "removed"
                let place = change.location.map { "`\($0)`" } ?? "chart default"
                out.append("| `\(change.path)` | \(now) | \(new) | \(place) | \(cell(change.reason)) |")
            }
        }
        if !plan.manifests.isEmpty {
            out.append("")
            out.append("### Objects this brings in")
            out.append("")
            for manifest in plan.manifests {
                let namespace = manifest.namespace.map { "\($0)/" } ?? ""
                out.append(
                    "- `\(manifest.kind)` `\(namespace)\(manifest.name)` (rendered by the "
                        + "\(manifest.renderedBy.rawValue)): \(manifest.purpose)")
            }
        }
        if !plan.advice.isEmpty {
            out.append("")
            out.append("### What to do")
            for advice in plan.advice {
                out.append("")
                out.append("**\(advice.title)** (\(advice.kind.rawValue))")
                if let detail = advice.detail {
                    out.append("")
                    out.append(detail.split(separator: "\n").map { "- " + $0 }.joined(separator: "\n"))
                }
                if !advice.commands.isEmpty {
                    out.append("")
                    out.append("```sh")
                    out.append(contentsOf: advice.commands)
                    out.append("```")
                }
            }
        }
        if !plan.sources.isEmpty {
            out.append("")
            out.append("### Sources")
            out.append("")
            for source in plan.sources {
                if let url = source.url {
                    out.append("- [\(source.title)](\(url)) (\(source.reference))")
                } else {
                    out.append("- \(source.title) (\(source.reference))")
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The text with `|` escaped, for a Markdown table cell.
    func replacingPipes() -> String {
        var result = ""
        for character in self {
            if character == "|" {
                result += "\\|"
            } else if character == "\n" {
                result += "<br>"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
