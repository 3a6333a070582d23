/// An inclusive range of Kubernetes minor versions, such as 1.29 to 1.31.
///
/// Only major and minor count: `v1.28.9-eks-036c24b` is in a range that contains 1.28.
public struct KubernetesMinorRange: Sendable, Hashable, CustomStringConvertible {
    /// The lowest minor in the range (patch 0).
    public var lowest: SemanticVersion
    /// The highest minor in the range (patch 0).
    public var highest: SemanticVersion

    /// Creates a range from `lowest` to `highest`, both minors of Kubernetes 1.
    public init(_ lowestMinor: Int, _ highestMinor: Int) {
        lowest = SemanticVersion(1, lowestMinor)
        highest = SemanticVersion(1, highestMinor)
    }

    /// True when the version's major and minor fall inside the range.
    public func contains(_ version: SemanticVersion) -> Bool {
        let minor = SemanticVersion(version.major, version.minor)
        return lowest <= minor && minor <= highest
    }

    /// `1.29–1.31`.
    public var description: String { lowest.minorSeries + "–" + highest.minorSeries }
}

/// The Kubernetes versions one KEDA minor release is tested on (KEDA's N-2 compatibility table).
///
/// The documented range is the one KEDA supports. The operator also checks the cluster at start-up
/// (`pkg/util/welcome.go`) and logs `WARNING: KEDA <version> hasn't been tested on Kubernetes <version>` outside its
/// own range, which is the same except for KEDA 2.10 (the operator accepts 1.23, the docs list 1.24 to 1.26).
public struct KedaKubernetesSupport: Sendable, Hashable {
    /// The KEDA minor series (`2.16.0` stands for every 2.16.x).
    public var kedaMinor: SemanticVersion
    /// The Kubernetes minors KEDA's documentation lists for this series.
    public var tested: KubernetesMinorRange
    /// The range outside which the operator logs its "hasn't been tested" warning.
    public var operatorWarnsOutside: KubernetesMinorRange
    /// Where these ranges are written.
    public var sources: [CatalogSource]

    /// Creates an entry.
    public init(
        kedaMinor: SemanticVersion, tested: KubernetesMinorRange, operatorWarnsOutside: KubernetesMinorRange? = nil,
        sources: [CatalogSource]
    ) {
        self.kedaMinor = kedaMinor
        self.tested = tested
        self.operatorWarnsOutside = operatorWarnsOutside ?? tested
        self.sources = sources
    }
}

/// The Kubernetes versions one cert-manager minor release supports, from cert-manager's supported releases page.
public struct CertManagerKubernetesSupport: Sendable, Hashable {
    /// The cert-manager minor series (`1.15.0` stands for every 1.15.x).
    public var certManagerMinor: SemanticVersion
    /// The Kubernetes minors this series supports.
    public var supported: KubernetesMinorRange
    /// True for a long-term-support series (1.12 LTS).
    public var isLongTermSupport: Bool
    /// True while the series is still supported upstream (1.20 and 1.21 at the time the notes were taken).
    public var isSupportedUpstream: Bool
    /// Where the range is written.
    public var sources: [CatalogSource]

    /// Creates an entry.
    public init(
        certManagerMinor: SemanticVersion, supported: KubernetesMinorRange, isLongTermSupport: Bool = false,
        isSupportedUpstream: Bool = false, sources: [CatalogSource]
    ) {
        self.certManagerMinor = certManagerMinor
        self.supported = supported
        self.isLongTermSupport = isLongTermSupport
        self.isSupportedUpstream = isSupportedUpstream
        self.sources = sources
    }
}

extension KedaKubernetesSupport {
    /// KEDA's compatibility table (keda-docs `content/docs/2.20/operate/cluster.md`) and the operator's own check.
    static let table: [KedaKubernetesSupport] = {
        let docs = CatalogSource.documentation(
            "kedacore/keda-docs content/docs/2.20/operate/cluster.md#kubernetes-compatibility",
            title: "KEDA cluster compatibility (N-2 policy)", url: "https://keda.sh/docs/2.20/operate/cluster/")
        let notes = CatalogSource.researchNotes(section: "§3.1", title: "KEDA ↔ Kubernetes")
        func entry(_ minor: Int, _ low: Int, _ high: Int, operatorLow: Int? = nil) -> KedaKubernetesSupport {
            let welcome = CatalogSource.kedaFile(
                "pkg/util/welcome.go", at: SemanticVersion(2, minor), title: "KEDA 2.\(minor) start-up version check")
            return KedaKubernetesSupport(
                kedaMinor: SemanticVersion(2, minor), tested: KubernetesMinorRange(low, high),
                operatorWarnsOutside: KubernetesMinorRange(operatorLow ?? low, high), sources: [docs, welcome, notes])
        }
        return [
            entry(10, 24, 26, operatorLow: 23),
            entry(11, 25, 27),
            entry(12, 26, 28),
            entry(13, 27, 29),
            entry(14, 27, 29),
            entry(15, 28, 30),
            entry(16, 29, 31),
            entry(17, 30, 32),
            entry(18, 31, 33),
            entry(19, 32, 34),
            entry(20, 33, 35),
        ]
    }()
}

extension CertManagerKubernetesSupport {
    /// cert-manager's supported releases page (cert-manager/website `content/docs/releases/README.md`).
    static let table: [CertManagerKubernetesSupport] = {
        let page = CatalogSource.documentation(
            "cert-manager/website content/docs/releases/README.md", title: "cert-manager supported releases",
            url: "https://cert-manager.io/docs/releases/")
        let notes = CatalogSource.researchNotes(section: "§4.3", title: "cert-manager ↔ Kubernetes")
        func entry(_ minor: Int, _ low: Int, _ high: Int, lts: Bool = false, current: Bool = false)
            -> CertManagerKubernetesSupport
        {
            CertManagerKubernetesSupport(
                certManagerMinor: SemanticVersion(1, minor), supported: KubernetesMinorRange(low, high),
                isLongTermSupport: lts, isSupportedUpstream: current, sources: [page, notes])
        }
        return [
            entry(10, 20, 26),
            entry(11, 21, 27),
            entry(12, 22, 32, lts: true),
            entry(13, 21, 27),
            entry(14, 24, 31),
            entry(15, 25, 32),
            entry(16, 25, 32),
            entry(17, 29, 33),
            entry(18, 29, 33),
            entry(19, 31, 35),
            entry(20, 32, 35, current: true),
            entry(21, 33, 36, current: true),
        ]
    }()
}
