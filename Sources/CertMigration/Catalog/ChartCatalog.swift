/// The one catalog of what KEDA, its Helm chart and cert-manager do in each version, every fact with its source.
///
/// The decision reads named facts from here (a chart's capabilities, KEDA's supported Kubernetes range, the releases
/// that remove part of the cause) instead of comparing version numbers itself. `ChartCatalog.builtIn` holds the data
/// in `ChartCatalogData`, `KubernetesSupport`, `KnownIssue` and `PartialRemedy`; tests may build smaller catalogs.
public struct ChartCatalog: Sendable {
    /// What the catalog knows about a chart version.
    public enum ChartLookup: Sendable, Hashable {
        /// A tagged release the catalog holds.
        case known(ChartRelease)
        /// Newer than every release the catalog holds: callers use the newest known release and warn.
        case newerThanCatalog(newestKnown: ChartRelease)
        /// Older than 2.10.0: the chart has no `certificates:` section (and no cert-manager keys).
        case olderThanCertificatesSection(oldestKnown: ChartRelease)
        /// Inside the catalog's range but not a tag (2.15.0 was never tagged): the nearest older release is given.
        case untagged(nearestOlder: ChartRelease)
    }

    /// Every chart release, oldest first.
    ///
    /// The built-in catalog makes a release when it is first asked for (see `ChartReleaseShelf`): asking for all of
    /// them makes all of them; the lookups below make only the release they return.
    public var releases: [ChartRelease] { shelf.all }
    /// The releases, made when asked for.
    private let shelf: ChartReleaseShelf
    /// KEDA's Kubernetes compatibility table, oldest KEDA minor first.
    public let kedaKubernetesSupport: [KedaKubernetesSupport]
    /// cert-manager's supported Kubernetes versions, oldest cert-manager minor first.
    public let certManagerKubernetesSupport: [CertManagerKubernetesSupport]
    /// The upstream issues that bear on the decision.
    public let knownIssues: [KnownIssue]
    /// The releases that remove parts of the cause, oldest first.
    public let partialRemedies: [PartialRemedy]
    /// The statement that no release fixes the root cause.
    public let rootCause: RootCauseStatus
    /// What the decision worked out from this catalog so far, kept for the clusters that ask again.
    let memo = CatalogMemo()

    /// Creates a catalog; releases and tables are sorted oldest first.
    public init(
        releases: [ChartRelease], kedaKubernetesSupport: [KedaKubernetesSupport],
        certManagerKubernetesSupport: [CertManagerKubernetesSupport], knownIssues: [KnownIssue],
        partialRemedies: [PartialRemedy], rootCause: RootCauseStatus
    ) {
        precondition(!releases.isEmpty, "a chart catalog needs at least one release")
        self.init(
            shelf: ChartReleaseShelf(releases: releases.sorted { $0.chartVersion < $1.chartVersion }),
            kedaKubernetesSupport: kedaKubernetesSupport, certManagerKubernetesSupport: certManagerKubernetesSupport,
            knownIssues: knownIssues, partialRemedies: partialRemedies, rootCause: rootCause)
    }

    /// Creates a catalog over a shelf of releases; the tables are sorted oldest first.
    init(
        shelf: ChartReleaseShelf, kedaKubernetesSupport: [KedaKubernetesSupport],
        certManagerKubernetesSupport: [CertManagerKubernetesSupport], knownIssues: [KnownIssue],
        partialRemedies: [PartialRemedy], rootCause: RootCauseStatus
    ) {
        precondition(shelf.count > 0, "a chart catalog needs at least one release")
        self.shelf = shelf
        self.kedaKubernetesSupport = kedaKubernetesSupport.sorted { $0.kedaMinor < $1.kedaMinor }
        self.certManagerKubernetesSupport = certManagerKubernetesSupport.sorted {
            $0.certManagerMinor < $1.certManagerMinor
        }
        self.knownIssues = knownIssues
        self.partialRemedies = partialRemedies.sorted { $0.kedaVersion < $1.kedaVersion }
        self.rootCause = rootCause
    }

    /// The catalog built into the tool: charts 2.10.0 to 2.20.2, KEDA 2.10 to 2.20, cert-manager 1.10 to 1.21.
    public static let builtIn = ChartCatalog(
        shelf: ChartCatalogData.releaseShelf(), kedaKubernetesSupport: KedaKubernetesSupport.table,
        certManagerKubernetesSupport: CertManagerKubernetesSupport.table, knownIssues: KnownIssue.all,
        partialRemedies: PartialRemedy.all, rootCause: .current)

    // MARK: Chart releases

    /// The newest release the catalog knows.
    public var newestRelease: ChartRelease { shelf[shelf.count - 1] }

    /// The oldest release the catalog knows (the first with a `certificates:` section).
    public var oldestRelease: ChartRelease { shelf[0] }

    /// The release with exactly this chart version (suffixes ignored), or nil.
    public func release(chart: SemanticVersion) -> ChartRelease? {
        shelf.versions.firstIndex { $0.chart == chart }.map { shelf[$0] }
    }

    /// What the catalog knows about a chart version, including "newer than the catalog" and "older than 2.10".
    public func lookup(chart: SemanticVersion) -> ChartLookup {
        if let release = release(chart: chart) { return .known(release) }
        if chart > shelf.versions[shelf.count - 1].chart { return .newerThanCatalog(newestKnown: newestRelease) }
        if chart < shelf.versions[0].chart { return .olderThanCertificatesSection(oldestKnown: oldestRelease) }
        return .untagged(nearestOlder: shelf[shelf.versions.lastIndex { $0.chart < chart }!])
    }

    /// The KEDA release a chart version ships, or nil when the chart version is not in the catalog.
    public func appVersion(chart: SemanticVersion) -> SemanticVersion? {
        shelf.versions.first { $0.chart == chart }?.app
    }

    /// The chart releases that ship a KEDA version, oldest first (2.14.0 ships in charts 2.14.0, 2.14.1, 2.14.2).
    public func releases(shipping app: SemanticVersion) -> [ChartRelease] {
        shelf.versions.indices.filter { shelf.versions[$0].app == app }.map { shelf[$0] }
    }

    // MARK: Kubernetes support

    /// KEDA's tested Kubernetes range for a KEDA version's minor series, or nil for a series the catalog lacks.
    public func kubernetesSupport(keda: SemanticVersion) -> KedaKubernetesSupport? {
        kubernetesSupportIndex(keda: keda).map { kedaKubernetesSupport[$0] }
    }

    /// The tested range of ``kubernetesSupport(keda:)`` alone: the upgrade path asks for it at every step, and a
    /// copy of the whole entry (its sources) cost more than the search.
    func testedKubernetes(keda: SemanticVersion) -> KubernetesMinorRange? {
        kubernetesSupportIndex(keda: keda).map { kedaKubernetesSupport[$0].tested }
    }

    /// The index in ``kedaKubernetesSupport`` of a KEDA version's series.
    private func kubernetesSupportIndex(keda: SemanticVersion) -> Int? {
        kedaKubernetesSupport.firstIndex { $0.kedaMinor.major == keda.major && $0.kedaMinor.minor == keda.minor }
    }

    /// True when KEDA's table lists the Kubernetes minor for this KEDA series; nil when the series is unknown.
    public func isKubernetes(_ kubernetes: SemanticVersion, supportedByKeda keda: SemanticVersion) -> Bool? {
        kubernetesSupportIndex(keda: keda).map { kedaKubernetesSupport[$0].tested.contains(kubernetes) }
    }

    /// The lowest KEDA minor whose table lists this Kubernetes minor, or nil when none does.
    public func lowestKedaMinor(supporting kubernetes: SemanticVersion) -> SemanticVersion? {
        kedaKubernetesSupport.first { $0.tested.contains(kubernetes) }?.kedaMinor
    }

    /// The highest KEDA minor whose table lists this Kubernetes minor, or nil when none does.
    public func highestKedaMinor(supporting kubernetes: SemanticVersion) -> SemanticVersion? {
        kedaKubernetesSupport.last { $0.tested.contains(kubernetes) }?.kedaMinor
    }

    /// The newest chart release whose KEDA release supports this Kubernetes minor: the upgrade target for a cluster
    /// that stays on this Kubernetes version. Nil when no KEDA in the catalog supports it.
    public func newestChartRelease(supporting kubernetes: SemanticVersion) -> ChartRelease? {
        newestChartIndex(supporting: kubernetes).map { shelf[$0] }
    }

    /// The chart and KEDA versions of ``newestChartRelease(supporting:)``, without making (or copying) the release:
    /// the upgrade path reads only these, several times a cluster.
    func newestChartVersions(supporting kubernetes: SemanticVersion) -> (chart: SemanticVersion, app: SemanticVersion)?
    {
        newestChartIndex(supporting: kubernetes).map { shelf.versions[$0] }
    }

    /// The index on the shelf of ``newestChartRelease(supporting:)``.
    private func newestChartIndex(supporting kubernetes: SemanticVersion) -> Int? {
        shelf.versions.lastIndex { isKubernetes(kubernetes, supportedByKeda: $0.app) == true }
    }

    /// cert-manager's supported range for a cert-manager version's minor series, or nil for a series the catalog
    /// lacks.
    public func certManagerSupport(_ certManager: SemanticVersion) -> CertManagerKubernetesSupport? {
        certManagerKubernetesSupport.first {
            $0.certManagerMinor.major == certManager.major && $0.certManagerMinor.minor == certManager.minor
        }
    }

    /// True when this cert-manager series supports the Kubernetes minor; nil when the series is unknown.
    public func isKubernetes(_ kubernetes: SemanticVersion, supportedByCertManager certManager: SemanticVersion)
        -> Bool?
    {
        certManagerSupport(certManager)?.supported.contains(kubernetes)
    }

    // MARK: Known issues and remedies

    /// The known issue with this id (`kedacore/keda#6551`), or nil.
    public func knownIssue(_ id: String) -> KnownIssue? {
        knownIssues.first { $0.id == id }
    }

    /// The known issues that play a role, in catalog order.
    public func knownIssues(role: KnownIssue.Role) -> [KnownIssue] {
        knownIssues.filter { $0.role == role }
    }

    /// The partial remedies a running KEDA version does not have yet, oldest first.
    public func partialRemedies(missingFrom keda: SemanticVersion) -> [PartialRemedy] {
        partialRemedies.filter { $0.kedaVersion > keda }
    }

    /// The partial remedy with this id, or nil.
    public func partialRemedy(_ id: String) -> PartialRemedy? {
        partialRemedies.first { $0.id == id }
    }
}
