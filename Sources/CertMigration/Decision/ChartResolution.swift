/// Which chart release's knowledge applies to this cluster, and how the tool knows.
public struct ChartResolution: Sendable, Hashable {
    /// How the release was chosen.
    public enum Basis: Sendable, Hashable {
        /// The facts name this chart version and the catalog knows it.
        case known
        /// The facts name a chart version the catalog does not list (between two tags); the nearest older is used.
        case nearestOlder(given: SemanticVersion)
        /// The facts name a chart version newer than the catalog; the newest known is used.
        case newerThanCatalog(given: SemanticVersion)
        /// No chart version is known; the newest chart that ships the running KEDA version is used.
        case inferredFromKeda(SemanticVersion)
        /// Neither chart nor KEDA version is known; the newest chart in the catalog is assumed.
        case assumedNewest
        /// The chart version is older than 2.10.0, which has no certificates section and no cert-controller.
        case olderThanCertificates(given: SemanticVersion)
    }

    /// The release whose values keys and templates apply.
    public var release: ChartRelease

    /// Creates a resolution.
    public init(release: ChartRelease, basis: Basis, givenAt: SourceLocation? = nil) {
        self.release = release
        self.basis = basis
        self.givenAt = givenAt
    }
    /// How it was chosen.
    public var basis: Basis
    /// Where the facts give the chart version, when they do.
    public var givenAt: SourceLocation?

    /// Resolves the chart release from the facts.
    public static func resolve(facts: ClusterFacts, catalog: ChartCatalog) -> ChartResolution {
        if let fact = facts.chartVersion {
            let chart = fact.value
            // Made once, with its place: a resolution made and then given its place was copied twice (its release's
            // keys, templates and sources retained and released each time).
            let (release, basis): (ChartRelease, Basis) =
                switch catalog.lookup(chart: chart) {
                case .known(let release): (release, .known)
                case .untagged(let nearest): (nearest, .nearestOlder(given: chart))
                case .newerThanCatalog(let newest): (newest, .newerThanCatalog(given: chart))
                case .olderThanCertificatesSection(let oldest): (oldest, .olderThanCertificates(given: chart))
                }
            return ChartResolution(release: release, basis: basis, givenAt: fact.origin.location)
        }
        if let keda = facts.kedaVersion?.value, let release = catalog.releases(shipping: keda).last {
            return ChartResolution(release: release, basis: .inferredFromKeda(keda))
        }
        return ChartResolution(release: catalog.newestRelease, basis: .assumedNewest)
    }

    /// The diagnostic that says how the release was chosen, when the reader should know, at the fact's place.
    public var diagnostic: Diagnostic? {
        guard var diagnostic = unlocatedDiagnostic else { return nil }
        if let givenAt { diagnostic.location = givenAt }
        return diagnostic
    }

    var unlocatedDiagnostic: Diagnostic? {
        let chart = release.chartVersion
        switch basis {
        case .known:
            return nil
        case .nearestOlder(let given):
            return Diagnostic(
                id: "facts.chart-version-untagged", severity: .info,
                message: "chart \(given) is not a tagged KEDA chart release; the tool uses what it knows of \(chart)")
        case .newerThanCatalog(let given):
            return Diagnostic(
                id: "facts.chart-newer-than-catalog", severity: .warning,
                message: "chart \(given) is newer than the newest chart this tool knows (\(chart)); "
                    + "the plan assumes its certificate keys are those of \(chart)",
                fix: "check the chart's CHANGELOG for changes to `certificates`, or update keda-cert-migrate")
        case .inferredFromKeda(let keda):
            return Diagnostic(
                id: "facts.chart-version-inferred", severity: .info,
                message: "no chart version is given; chart \(chart) is the newest that ships KEDA \(keda)",
                fix: "pass --chart-version (from `helm list -n keda`) to be exact")
        case .assumedNewest:
            return Diagnostic(
                id: "facts.chart-version-unknown", severity: .warning,
                message: "neither the chart nor the KEDA version is known; the plan assumes chart \(chart)",
                fix: "pass --chart-version (from `helm list -n keda`) or set keda.chartVersion in the facts file")
        case .olderThanCertificates(let given):
            return Diagnostic(
                id: "facts.chart-before-certificates", severity: .info,
                message: "chart \(given) predates KEDA's certificate rotation (the `certificates` section and "
                    + "cert-controller arrived with chart and KEDA 2.10.0)")
        }
    }
}
