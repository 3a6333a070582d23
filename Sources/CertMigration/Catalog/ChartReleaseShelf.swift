import Foundation

/// The chart releases of a catalog, each made when first asked for and then kept.
///
/// The built-in catalog holds thirty releases, each with its values keys and their sources; a one-cluster run reads
/// two or three of them. Making all thirty at every start was 2M instructions and 70 pages of memory, a twentieth of
/// a one-cluster `generate`. Each release's chart and app versions are known without making it, so a search runs over
/// them and only the release it finds is made. Safe from several threads: `fleet` reads the built-in catalog from
/// all of its workers, and each release is still made once per process.
final class ChartReleaseShelf: Sendable {
    /// Each release's chart and app version, oldest chart first.
    let versions: [(chart: SemanticVersion, app: SemanticVersion)]
    /// Makes the release at an index of `versions`.
    private let make: @Sendable (Int) -> ChartRelease
    /// The releases made so far, by index.
    private let made: Locked<[ChartRelease?]>

    /// A shelf whose releases are made from their versions when asked for; `versions` must be sorted by chart.
    init(versions: [(chart: SemanticVersion, app: SemanticVersion)], make: @escaping @Sendable (Int) -> ChartRelease) {
        self.versions = versions
        self.make = make
        made = Locked(Array(repeating: nil, count: versions.count))
    }

    /// A shelf of releases made already; `releases` must be sorted by chart version.
    convenience init(releases: [ChartRelease]) {
        self.init(versions: releases.map { ($0.chartVersion, $0.appVersion) }, make: { releases[$0] })
    }

    /// How many releases the shelf holds.
    var count: Int { versions.count }

    /// The release at an index of `versions`, made now if it was not yet.
    subscript(index: Int) -> ChartRelease {
        made.withLock { made in
            if let release = made[index] { return release }
            let release = make(index)
            made[index] = release
            return release
        }
    }

    /// Every release, oldest first (each made if it was not yet).
    var all: [ChartRelease] { versions.indices.map { self[$0] } }
}
