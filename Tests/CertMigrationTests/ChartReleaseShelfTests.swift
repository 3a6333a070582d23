import Foundation
import Testing

@testable import CertMigration

/// The catalog makes a release when first asked for: lookups make only what they return, each release once, and
/// answer as a catalog of releases made up front does.
@Suite("ChartReleaseShelf: releases made when first asked for")
struct ChartReleaseShelfTests {
    /// Counts how often each release is made, from any thread.
    final class MakeCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int: Int] = [:]

        func count(_ index: Int) {
            lock.lock()
            counts[index, default: 0] += 1
            lock.unlock()
        }

        var made: [Int: Int] {
            lock.lock()
            defer { lock.unlock() }
            return counts
        }
    }

    /// A shelf over the built-in tags that counts what it makes.
    static func countingShelf(_ counter: MakeCounter) -> ChartReleaseShelf {
        let tags = ChartCatalogData.tags
        return ChartReleaseShelf(versions: tags) { index in
            counter.count(index)
            return ChartCatalogData.release(tags[index])
        }
    }

    static func catalog(_ shelf: ChartReleaseShelf) -> ChartCatalog {
        ChartCatalog(
            shelf: shelf, kedaKubernetesSupport: KedaKubernetesSupport.table,
            certManagerKubernetesSupport: CertManagerKubernetesSupport.table, knownIssues: KnownIssue.all,
            partialRemedies: PartialRemedy.all, rootCause: .current)
    }

    @Test("a lookup makes only the release it returns, and only once")
    func makesOnlyWhatIsAskedFor() throws {
        let counter = MakeCounter()
        let catalog = Self.catalog(Self.countingShelf(counter))
        #expect(counter.made.isEmpty)
        let release = try #require(catalog.release(chart: SemanticVersion(2, 16, 1)))
        #expect(release.chartVersion == SemanticVersion(2, 16, 1))
        #expect(catalog.appVersion(chart: SemanticVersion(2, 13, 2)) == SemanticVersion(2, 13, 1))
        _ = catalog.release(chart: SemanticVersion(2, 16, 1))
        let index = try #require(ChartCatalogData.tags.firstIndex { $0.chart == SemanticVersion(2, 16, 1) })
        #expect(counter.made == [index: 1])
        _ = catalog.newestRelease
        #expect(counter.made.count == 2)
        #expect(catalog.releases.count == ChartCatalogData.tags.count)
        #expect(counter.made.values.allSatisfy { $0 == 1 } && counter.made.count == ChartCatalogData.tags.count)
    }

    @Test("each release is made once when many threads ask at the same time")
    func threads() {
        let counter = MakeCounter()
        let shelf = Self.countingShelf(counter)
        DispatchQueue.concurrentPerform(iterations: 8 * shelf.count) { _ = shelf[$0 % shelf.count] }
        #expect(counter.made.count == shelf.count && counter.made.values.allSatisfy { $0 == 1 })
    }

    @Test("the built-in catalog answers as a catalog of the same releases made up front")
    func sameAnswers() {
        let lazy = ChartCatalog.builtIn
        let made = ChartCatalog(
            releases: lazy.releases.reversed(), kedaKubernetesSupport: lazy.kedaKubernetesSupport,
            certManagerKubernetesSupport: lazy.certManagerKubernetesSupport, knownIssues: lazy.knownIssues,
            partialRemedies: lazy.partialRemedies, rootCause: lazy.rootCause)
        #expect(lazy.releases == made.releases)
        #expect(lazy.newestRelease == made.newestRelease && lazy.oldestRelease == made.oldestRelease)
        var versions: [SemanticVersion] = []
        for minor in 8...22 {
            for patch in 0...4 { versions.append(SemanticVersion(2, minor, patch)) }
        }
        for version in versions {
            #expect(lazy.lookup(chart: version) == made.lookup(chart: version), "\(version)")
            #expect(lazy.appVersion(chart: version) == made.appVersion(chart: version), "\(version)")
            #expect(lazy.releases(shipping: version) == made.releases(shipping: version), "\(version)")
        }
        for minor in 20...35 {
            let kubernetes = SemanticVersion(1, minor)
            #expect(
                lazy.newestChartRelease(supporting: kubernetes) == made.newestChartRelease(supporting: kubernetes))
        }
    }
}
