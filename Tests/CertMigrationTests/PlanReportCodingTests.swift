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

    /// The JSON of a value with sorted keys, as `plan.json` writes it (on one line).
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("the plan's own types are written as their own Codable writes them, optional fields set and not")
    func planTypesAsTheirOwnCoding() throws {
        let manifests = [
            PlannedManifest(kind: "Issuer", name: "keda-ca", namespace: "keda", renderedBy: .chart, purpose: "CA"),
            PlannedManifest(
                apiVersion: "v1", kind: "ClusterIssuer", name: "x", namespace: nil, renderedBy: .tool, purpose: "p"),
        ]
        for manifest in manifests {
            #expect(try Self.json(PlanReport.ManifestEntry(manifest)) == Self.json(manifest))
        }
        let upgrades = [
            UpgradeRecommendation(
                kubernetes: "1.30", chart: "2.17.2", immediateChart: "2.16.1", keda: "2.17.2", steps: ["a", "b"],
                reasons: ["r"]),
            UpgradeRecommendation(kubernetes: nil, chart: nil, keda: nil, steps: [], reasons: []),
        ]
        for upgrade in upgrades {
            #expect(try Self.json(PlanReport.UpgradeEntry(upgrade)) == Self.json(upgrade))
        }
        let advice = [
            Advice(id: "a", kind: .firstAid, title: "t", detail: "d/e", commands: ["kubectl get x"]),
            Advice(id: "b", kind: .rollback, title: "t"),
        ]
        for entry in advice {
            #expect(try Self.json(PlanReport.AdviceEntry(entry)) == Self.json(entry))
        }
        for holds in [true, false] {
            let check = PreconditionCheck(id: "p", requirement: "r", holds: holds, detail: "d")
            #expect(try Self.json(PlanReport.PreconditionEntry(check)) == Self.json(check))
        }
    }
}
