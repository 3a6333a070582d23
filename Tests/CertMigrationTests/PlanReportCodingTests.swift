import Foundation
import Testing

@testable import CertMigration

/// `plan.json` is written with one key type for the report's own types (`PlanReport.ReportKey`) and read with the
/// synthesized keys: what is written must read back as the same report.
@Suite("PlanReport: plan.json reads back as the report that wrote it")
struct PlanReportCodingTests {
    @Test("every golden case's report survives a round trip", arguments: GoldenPlanTests.cases)
    func roundTrip(_ golden: GoldenCase) throws {
        let manifest = try golden.manifest()
        let strategy = try #require(StrategyChoice(argument: manifest.strategy))
        let now = try #require(Timestamp.date(manifest.now))
        let (input, _) = MigrationInputReader.read(
            values: try manifest.values.map(golden.file), facts: try manifest.facts.map(golden.file),
            strategy: strategy, now: now)
        guard let input else { return }  // a case of bad input has no plan
        let report = PlanReport(PlanDecider.plan(input))
        let json = report.json()
        let decoded = try JSONDecoder().decode(PlanReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        #expect(decoded.json() == json)
    }

    @Test("absent optional fields are left out, and a change's null from and to are written")
    func optionalFields() throws {
        let location = PlanReport.Location(file: "values.yaml", line: nil, column: nil)
        let finding = PlanReport.Finding(
            id: "x", severity: "info", message: "m", location: location, fix: nil, sources: [])
        let change = PlanReport.Change(path: "a.b", from: nil, to: nil, location: nil, reason: "r")
        let source = PlanReport.Source(title: "t", reference: "r", url: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func text(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        #expect(
            try text(finding)
                == #"{"id":"x","location":{"file":"values.yaml"},"message":"m","severity":"info","sources":[]}"#)
        #expect(try text(change) == #"{"from":null,"path":"a.b","reason":"r","to":null}"#)
        #expect(try text(source) == #"{"reference":"r","title":"t"}"#)
    }
}
