import Foundation
import Testing

@testable import CertMigration

/// The shortcuts a fleet's per-cluster work takes give what the long way gives: versions read from bytes, and plan
/// sources kept per distinct facts and catalog.
@Suite("Per-cluster shortcuts agree with the long way")
struct PerClusterShortcutTests {
    @Test("a version read from its ASCII bytes equals the Character reading; anything else takes the long way")
    func versionsFromBytes() throws {
        var random = SplitMix64(state: 20_261_125)
        let pieces = [
            "1", "2", "16", "0", "007", "123456789", "1234567890", "99999999999999999999999", ".", ".", ".", "-", "+",
            "v", "V", " ", "\t", "\n", "\r", "\r\n", "eks-036c24b", "gke.1200", "rc.1", "x", "", "\u{301}", "\u{663}",
        ]
        var fastPaths = 0
        for _ in 0..<20_000 {
            var text = (0..<Int.random(in: 1...8, using: &random)).map { _ in random.pick(pieces) }.joined()
            if random.chance(0.5) {
                // Shaped like a version, now and then with a random piece inside.
                let numbers = (0..<random.pick([2, 3, 3, 4])).map { _ in random.pick(["0", "1", "28", "007", "9"]) }
                text =
                    random.pick(["", "", " ", "\n\t"]) + random.pick(["", "", "v", "V"])
                    + numbers.joined(separator: ".") + random.pick(["", "", "-eks-1", "+k3s1", "-", "-rc.1 x"])
                    + random.pick(["", "", " ", "\t\n"])
                if random.chance(0.3) {
                    var characters = Array(text)
                    characters.insert(
                        contentsOf: random.pick(pieces), at: Int.random(in: 0...characters.count, using: &random))
                    text = String(characters)
                }
            }
            let characters = try? SemanticVersion.parseCharacters(text)
            let fromBytes = SemanticVersion.parseASCII(text)
            let plainASCII = text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
            if let fromBytes {
                fastPaths += 1
                #expect(fromBytes == characters, "\(text.debugDescription)")
                #expect(fromBytes.suffix == characters?.suffix, "\(text.debugDescription)")
            } else {
                #expect(characters == nil || !plainASCII, "\(text.debugDescription) took the long way")
            }
        }
        #expect(fastPaths > 3_000)
        let version = try SemanticVersion.parse(" v1.28.9-eks-036c24b\n")
        #expect(version == SemanticVersion(1, 28, 9) && version.suffix == "eks-036c24b")
    }

    @Test("plan sources kept per facts and catalog equal the sources worked out, for every chart and strategy")
    func keptSources() {
        let catalog = ChartCatalog.builtIn
        let strategies: [Strategy?] = [nil] + Strategy.allCases
        for release in catalog.releases {
            for strategy in strategies {
                for flags in 0..<8 {
                    let predates = flags & 2 != 0
                    let key = PlanSources.Key(
                        strategy: strategy, insecureSkipTLSVerify: flags & 1 != 0, predatesCertificates: predates,
                        chart: predates ? nil : release.chartVersion, upgrade: flags & 4 != 0)
                    let expected = PlanSources.workOut(key, catalog: catalog)
                    #expect(PlanSources.sources(for: key, catalog: catalog) == expected)
                    #expect(PlanSources.sources(for: key, catalog: catalog) == expected)  // kept this time
                }
            }
        }
    }

    @Test("another catalog gets its own sources, and a source tied with the chart's values file keeps its place")
    func otherCatalog() throws {
        let builtIn = ChartCatalog.builtIn
        let chart = try #require(builtIn.releases.last).chartVersion
        let values = CatalogSource.chartValues(chart)
        // Same reference and title as the chart's values file, another kind: first listed comes first.
        let tied = CatalogSource(kind: .documentation, title: values.title, reference: values.reference)
        var issues = builtIn.knownIssues
        let index = try #require(issues.firstIndex { $0.id == "kedacore/keda#6551" })
        issues[index].sources.append(tied)
        let catalog = ChartCatalog(
            releases: builtIn.releases, kedaKubernetesSupport: builtIn.kedaKubernetesSupport,
            certManagerKubernetesSupport: builtIn.certManagerKubernetesSupport, knownIssues: issues,
            partialRemedies: builtIn.partialRemedies, rootCause: builtIn.rootCause)
        let key = PlanSources.Key(
            strategy: .disableRotation, insecureSkipTLSVerify: false, predatesCertificates: false, chart: chart,
            upgrade: true)
        _ = PlanSources.sources(for: key, catalog: builtIn)
        let sources = PlanSources.sources(for: key, catalog: catalog)
        #expect(sources == PlanSources.workOut(key, catalog: catalog))
        #expect(sources != PlanSources.sources(for: key, catalog: builtIn))
        let both = sources.filter { $0.reference == values.reference && $0.title == values.title }
        #expect(both == [tied, values])
        #expect(PlanSources.inserting(values, into: PlanSources.workOut(withoutChart(key), catalog: catalog)) == nil)
    }

    func withoutChart(_ key: PlanSources.Key) -> PlanSources.Key {
        var key = key
        key.chart = nil
        return key
    }
}

extension PerClusterShortcutTests {
    @Test("overriding facts takes every fact the overrides hold, field by field")
    func overriddenFacts() throws {
        // `override(with:)` names each field: a new fact must be added there too.
        #expect(Mirror(reflecting: ClusterFacts()).children.count == 15)
        let origin = FactOrigin.flag("--test")
        var overrides = ClusterFacts()
        overrides.kubernetesVersion = Fact(SemanticVersion(1, 30), from: origin)
        overrides.provider = Fact(.gke, from: origin)
        overrides.kedaVersion = Fact(SemanticVersion(2, 16), from: origin)
        overrides.chartVersion = Fact(SemanticVersion(2, 16, 1), from: origin)
        overrides.namespace = Fact("keda-system", from: origin)
        overrides.releaseName = Fact("keda-prod", from: origin)
        overrides.certManagerInstalled = Fact(true, from: origin)
        overrides.certManagerEvidence = Fact(try #require(CertManagerEvidence.allCases.last), from: origin)
        overrides.certManagerVersion = Fact(SemanticVersion(1, 15), from: origin)
        overrides.issuer = Fact(IssuerReference(name: "team-ca", kind: .issuer, group: "cert-manager.io"), from: origin)
        overrides.gitops = Fact(try #require(GitOpsTool.allCases.last), from: origin)
        overrides.certificateSecretExists = Fact(false, from: origin)
        overrides.certificateNotAfter = Fact("2030-01-01T00:00:00Z", from: origin)
        overrides.apiServiceAvailable = Fact(false, from: origin)
        overrides.apiServiceInsecureSkipTLSVerify = Fact(true, from: origin)
        let file = FactsFileReader().read(
            bytes: Array("kubernetes:\n  version: 1.28.9\nkeda:\n  namespace: keda\n".utf8), fileName: "facts.yaml"
        ).facts
        #expect(file.overridden(by: overrides) == overrides)
        #expect(file.overridden(by: ClusterFacts()) == file)
        var some = ClusterFacts()
        some.namespace = overrides.namespace
        var expected = file
        expected.namespace = overrides.namespace
        #expect(file.overridden(by: some) == expected)
    }
}

extension PerClusterShortcutTests {
    @Test(
        "the decision alone is the plan's decision: strategy, findings, preconditions, reason, need for change; the brief one leaves only the checks' sentences out",
        arguments: GoldenPlanTests.cases)
    func decisionAlone(_ golden: GoldenCase) throws {
        for (choice, input) in try golden.inputsForEveryChoice() {
            let context = DiagnosisContext(input)
            let plan = PlanDecider.plan(context)
            let decision = PlanDecider.decide(context)
            #expect(decision.strategy == plan.strategy, "\(choice)")
            #expect(decision.findings == plan.findings, "\(choice)")
            #expect(decision.preconditions == plan.preconditions, "\(choice)")
            #expect(decision.noStrategyReason == (plan.strategy == nil ? plan.reason : nil), "\(choice)")
            #expect(decision.needsChange == plan.needsChange, "\(choice)")
            let brief = PlanDecider.decideBriefly(context)
            #expect(brief.strategy == decision.strategy, "\(choice)")
            #expect(brief.findings == decision.findings, "\(choice)")
            #expect(brief.noStrategyReason == decision.noStrategyReason, "\(choice)")
            #expect(brief.needsChange == decision.needsChange, "\(choice)")
            if decision.strategy == nil {
                #expect(brief.preconditions == decision.preconditions, "\(choice)")
            } else {
                #expect(
                    brief.preconditions.mapValues { $0.map(\.id) } == decision.preconditions.mapValues { $0.map(\.id) })
                #expect(
                    brief.preconditions.mapValues { $0.map(\.holds) }
                        == decision.preconditions.mapValues { $0.map(\.holds) })
                #expect(brief.preconditions.values.joined().allSatisfy { $0.requirement.isEmpty && $0.detail.isEmpty })
            }
        }
    }
}

extension PerClusterShortcutTests {
    /// `Timestamp.format` as it was written before it wrote digits: interpolated strings.
    static func interpolatedFormat(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):"
            + "\(two(secondOfDay % 60))Z"
    }

    @Test("timestamps written digit by digit read as the interpolated ones, years 0 to 9999 and beyond")
    func timestampDigits() {
        var random = SplitMix64(state: 5)
        let edges: [Double] = [
            -62_167_219_200, -62_167_219_201, 253_402_300_799, 253_402_300_800, 0, -1, 86_399, 1_000_000_000.5,
        ]
        let samples = (0..<5_000).map { _ in Double(Int64.random(in: -62_300_000_000...253_500_000_000, using: &random))
        }
        for seconds in edges + samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == Self.interpolatedFormat(date), "\(seconds)")
        }
    }
}
