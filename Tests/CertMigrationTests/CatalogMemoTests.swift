import Foundation
import Testing

@testable import CertMigration

/// What the decision keeps in a catalog's memo (upgrade paths, sources, advice) is what it would work out afresh for
/// every cluster that asks with the same key: a key that leaves out something the result reads shows up as a plan
/// that differs from the one decided with a catalog of its own.
@Suite("Results kept in the catalog's memo")
struct CatalogMemoTests {
    /// A catalog equal to the built-in one, with a memo of its own.
    static func freshCatalog() -> ChartCatalog {
        let builtIn = ChartCatalog.builtIn
        return ChartCatalog(
            releases: builtIn.releases, kedaKubernetesSupport: builtIn.kedaKubernetesSupport,
            certManagerKubernetesSupport: builtIn.certManagerKubernetesSupport, knownIssues: builtIn.knownIssues,
            partialRemedies: builtIn.partialRemedies, rootCause: builtIn.rootCause)
    }

    @Test("plans decided with one shared memo equal plans decided each with a memo of its own, facts varied widely")
    func sharedMemo() throws {
        var inputs: [MigrationInput] = []
        for golden in GoldenPlanTests.cases {
            inputs += try golden.inputsForEveryChoice().map(\.input)
        }
        try #require(inputs.count > 100)
        var random = SplitMix64(state: 20_261_126)
        let origin = FactOrigin.flag("--test")
        let versions = ["1.25.3", "1.26.0", "1.27.9", "1.28.1", "1.29.4", "1.30.2", "1.31.0", "1.32.7", "1.33.1"]
        let kedas = [
            "2.10.1", "2.12.0", "2.14.1", "2.15.1", "2.16.0", "2.16.1", "2.17.0", "2.17.2", "2.19.0", "2.20.1",
        ]
        let certManagers = ["1.11.0", "1.12.3", "1.13.6", "1.15.1", "1.17.2", "1.19.0"]
        let shared = Self.freshCatalog()
        var sharedPlans: [RemediationPlan] = []
        var variedInputs: [MigrationInput] = []
        for round in 0..<6 {
            for var input in inputs {
                if round > 0 {
                    var facts = input.facts
                    func maybe<V>(_ make: () throws -> V) rethrows -> Fact<V>? {
                        random.chance(0.8) ? Fact(try make(), from: origin) : nil
                    }
                    facts.kubernetesVersion = try maybe { try SemanticVersion.parse(random.pick(versions)) }
                    facts.kedaVersion = try maybe { try SemanticVersion.parse(random.pick(kedas)) }
                    facts.certManagerVersion = try maybe { try SemanticVersion.parse(random.pick(certManagers)) }
                    facts.certManagerInstalled = maybe { random.chance(0.5) }
                    facts.namespace = maybe { random.pick(["keda", "keda-system", "autoscaling"]) }
                    facts.gitops = maybe { random.pick(GitOpsTool.allCases) }
                    facts.apiServiceAvailable = maybe { random.chance(0.5) }
                    facts.apiServiceInsecureSkipTLSVerify = maybe { random.chance(0.3) }
                    facts.certificateSecretExists = maybe { random.chance(0.7) }
                    facts.certificateNotAfter = maybe {
                        random.pick(["2026-11-20T00:00:00Z", "2027-03-01T12:00:00Z", "2034-01-01T00:00:00Z"])
                    }
                    facts.issuer =
                        random.chance(0.2) ? Fact(IssuerReference(name: "corp-ca", kind: .issuer), from: origin) : nil
                    input.facts = facts
                }
                input.catalog = shared
                sharedPlans.append(PlanDecider.plan(input))
                variedInputs.append(input)
            }
        }
        #expect(shared.memo.advice.count > 10)
        #expect(shared.memo.upgrades.count > 10)
        for (input, plan) in zip(variedInputs, sharedPlans) {
            var own = input
            own.catalog = Self.freshCatalog()
            #expect(PlanDecider.plan(own) == plan)
        }
    }

    @Test("a table keeps results up to its capacity, and past it still gives each result")
    func capacity() {
        let table = MemoTable<Int, String>()
        var workedOut = 0
        for round in 0..<2 {
            for key in 0..<(MemoTable<Int, String>.capacity + 10) {
                let value = table.value(for: key) {
                    workedOut += 1
                    return String(key)
                }
                #expect(value == String(key), "round \(round)")
            }
        }
        #expect(table.count == MemoTable<Int, String>.capacity)
        #expect(workedOut == MemoTable<Int, String>.capacity + 20)
    }
}
