import Foundation
import Testing

@testable import CertMigration

/// `generate` writes plan.json straight from the plan (`PlanReport.jsonBytes(of:)`); it must be byte for byte the
/// report `plan --format json` prints (`PlanReport(plan).jsonBytes()`, itself held to JSONEncoder's bytes by
/// `PlanReportJSONWriterTests`).
@Suite struct PlanReportFromPlanTests {
    static func expectSameBytes(_ plan: RemediationPlan, _ label: String) {
        let fromReport = PlanReport(plan).jsonBytes()
        let fromPlan = PlanReport.jsonBytes(of: plan)
        guard fromPlan != fromReport else { return }
        let difference = GoldenFiles.firstDifference(
            expected: String(decoding: fromReport, as: UTF8.self), actual: String(decoding: fromPlan, as: UTF8.self))
        Issue.record("\(label): plan.json written from the plan differs from the report's:\n\(difference)")
    }

    @Test("every golden plan, auto and each forced strategy", arguments: GoldenPlanTests.cases)
    func goldenPlans(_ golden: GoldenCase) throws {
        for (choice, input) in try golden.inputsForEveryChoice() {
            Self.expectSameBytes(PlanDecider.plan(input), "\(golden.name) with \(choice)")
        }
    }

    @Test func plansWithEveryOptionalFieldSetAndUnset() throws {
        let golden = try #require(GoldenPlanTests.cases.first { !((try? $0.inputsForEveryChoice()) ?? []).isEmpty })
        let input = try #require(try golden.inputsForEveryChoice().first?.1)
        var plan = PlanDecider.plan(input)
        plan.findings.append(
            Diagnostic(
                id: "test.\"quoted\"", severity: .warning, message: "a\nb\\c é 🙂",
                location: SourceLocation(file: "dir/values.yaml", line: 12, column: 3), fix: "fix\tit",
                sources: ["x/y", ""]))
        plan.findings.append(Diagnostic(id: "test.bare", severity: .info, message: "no place"))
        plan.changes.append(
            ValueChange(
                path: "a.b", from: nil, to: "true", location: SourceLocation(file: "f.yaml", line: nil, column: nil),
                reason: "r"))
        plan.sources.append(CatalogSource(kind: .documentation, title: "t", reference: "r", url: nil))
        Self.expectSameBytes(plan, "\(golden.name) with extra fields")
        plan.strategy = nil
        plan.upgrade = nil
        plan.preconditions = [:]
        Self.expectSameBytes(plan, "\(golden.name) without strategy, upgrade and preconditions")
    }
}
