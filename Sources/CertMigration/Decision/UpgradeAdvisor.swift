/// Works out an upgrade path: Kubernetes and KEDA stepped in turn so that every pair on the way is one KEDA tests,
/// cert-manager moved first where its own support demands it, ending at a KEDA release that brings what the cluster
/// lacks (a supported pair, the 2.17.2 certificate hot reload).
///
/// An upgrade is recommended only when it brings something: KEDA outside its tested Kubernetes range, or a partial
/// remedy the cluster lacks. It is never presented as a fix: no release fixes the root cause. Versions only go up;
/// the path never proposes a downgrade.
public enum UpgradeAdvisor {
    /// The recommendation for a context, or nil when KEDA's version is unknown or nothing would improve.
    ///
    /// Worked out once for each ``Key`` and kept in the catalog's memo: the clusters of a fleet share a few
    /// versions, and each path was worked out, its sentences written, again for every one of them.
    public static func recommend(_ context: DiagnosisContext) -> UpgradeRecommendation? {
        let key = Key(context)
        return context.catalog.memo.upgrades.value(for: key) { workOut(key, catalog: context.catalog) }
    }

    /// Everything a recommendation reads of a context besides the catalog. Versions compare without their suffixes,
    /// and no sentence of a recommendation writes one; of Kubernetes and cert-manager only the minor series counts
    /// (the path starts at the Kubernetes minor, and moves only to higher ones; cert-manager's support is by series),
    /// so that clusters on different patch releases share a recommendation.
    struct Key: Hashable, Sendable {
        /// The running KEDA version; nil when it is unknown or the chart predates certificate rotation.
        var keda: SemanticVersion?
        /// The Kubernetes minor series, when known.
        var kubernetes: SemanticVersion?
        /// The running cert-manager's minor series, when cert-manager is said to be installed and its version is
        /// known.
        var certManager: SemanticVersion?

        /// The key of a context's recommendation. The context is borrowed: an initializer takes its arguments, and
        /// the caller then copied the whole context for it.
        init(_ context: borrowing DiagnosisContext) {
            keda = context.predatesCertificates ? nil : context.kedaVersion
            kubernetes = context.facts.kubernetesVersion.map { SemanticVersion($0.value.major, $0.value.minor) }
            certManager =
                context.certManagerInstalled
                ? context.facts.certManagerVersion.map { SemanticVersion($0.value.major, $0.value.minor) } : nil
        }
    }

    /// The recommendation for a key, worked out from the catalog.
    static func workOut(_ key: Key, catalog: ChartCatalog) -> UpgradeRecommendation? {
        guard let keda = key.keda else { return nil }
        // The partial remedies the running KEDA lacks and a target brings, in one pass over the catalog's (a list of
        // the missing ones, then a list of those gained, copied each remedy twice).
        // By index in the catalog's list: each remedy's sentence is kept by its index (see ``Sentence``).
        func remediesGained(upTo target: SemanticVersion) -> [Int] {
            catalog.partialRemedies.indices.filter {
                catalog.partialRemedies[$0].kedaVersion > keda && catalog.partialRemedies[$0].kedaVersion <= target
            }
        }
        let hotReload = catalog.partialRemedy("certificate-hot-reload")
        // The KEDA release the path must reach: the hot reload when the cluster lacks it, else the running one.
        let floor = hotReload.map { max($0.kedaVersion, keda) } ?? keda

        guard let kubernetes = key.kubernetes else {
            let target = catalog.newestRelease
            let gained = remediesGained(upTo: target.appVersion)
            guard target.appVersion > keda, !gained.isEmpty else { return nil }
            return UpgradeRecommendation(
                kubernetes: nil, chart: target.chartVersion.core, immediateChart: target.chartVersion.core,
                keda: target.appVersion.core,
                steps: [
                    "the KEDA chart to \(target.chartVersion.core) (KEDA \(target.appVersion.core)); the "
                        + "Kubernetes version is unknown, so check KEDA's support table first"
                ],
                reasons: reasons(catalog, keda: keda, gained: gained, supportGap: nil))
        }

        let supportGap = catalog.isKubernetes(kubernetes, supportedByKeda: keda) == false
        var path = UpgradePath(kubernetes: SemanticVersion(kubernetes.major, kubernetes.minor), keda: keda)
        var certManager = key.certManager
        for _ in 0..<12 {
            // KEDA up as far as this Kubernetes version allows.
            if let best = catalog.newestChartVersions(supporting: path.kubernetes), best.app > path.keda {
                path.moveKeda(to: best, catalog: catalog)
            }
            let supported = catalog.isKubernetes(path.kubernetes, supportedByKeda: path.keda) == true
            if supported, path.keda >= floor { break }
            // Kubernetes up, one target at a time, staying inside the running KEDA's range.
            guard let next = nextKubernetes(after: path, floor: floor, catalog: catalog) else { break }
            if let running = certManager, catalog.isKubernetes(next, supportedByCertManager: running) == false,
                let series = catalog.certManagerKubernetesSupport.first(where: { $0.supported.contains(next) })
            {
                path.movedOtherThanKeda = true
                path.steps.append(
                    "cert-manager to \(series.certManagerMinor.minorSeries) (supports Kubernetes "
                        + "\(series.supported); \(running.minorSeries) does not support \(next.minorSeries))")
                certManager = series.certManagerMinor
            }
            path.moveKubernetes(to: next, catalog: catalog)
        }

        let gained = remediesGained(upTo: path.keda)
        guard !path.steps.isEmpty, supportGap || !gained.isEmpty else { return nil }
        return UpgradeRecommendation(
            kubernetes: path.kubernetes > kubernetes ? path.kubernetes.minorSeries : nil,
            chart: path.chart?.chart.core, immediateChart: path.immediateChart?.core, keda: path.chart?.app.core,
            steps: path.steps,
            reasons: reasons(catalog, keda: keda, gained: gained, supportGap: supportGap ? kubernetes : nil))
    }

    /// The next Kubernetes minor: the lowest one above the current whose newest KEDA reaches the floor, else the
    /// highest the running KEDA is tested on; never below the running KEDA's lowest. Nil when Kubernetes cannot move
    /// without leaving the running KEDA's range.
    static func nextKubernetes(after path: UpgradePath, floor: SemanticVersion, catalog: ChartCatalog)
        -> SemanticVersion?
    {
        guard let range = catalog.testedKubernetes(keda: path.keda) else { return nil }
        let lowest = max(path.kubernetes.minor + 1, range.lowest.minor)
        guard lowest <= range.highest.minor else { return nil }
        for minor in lowest...range.highest.minor {
            let candidate = SemanticVersion(path.kubernetes.major, minor)
            if let best = catalog.newestChartVersions(supporting: candidate), best.app >= floor {
                return candidate
            }
        }
        return SemanticVersion(path.kubernetes.major, range.highest.minor)
    }

    /// The reasons for a path: the support gap, the partial remedies gained (indices in the catalog's list), and
    /// the root cause that remains.
    static func reasons(
        _ catalog: ChartCatalog, keda: SemanticVersion, gained: [Int], supportGap: SemanticVersion?
    ) -> [String] {
        var reasons: [String] = []
        reasons.reserveCapacity(gained.count + 2)
        if let kubernetes = supportGap, let tested = catalog.testedKubernetes(keda: keda) {
            reasons.append(
                String.concatenating(
                    "KEDA ", keda.minorSeries, " is tested on Kubernetes ", tested.description,
                    "; this cluster runs ", kubernetes.minorSeries))
        }
        for index in gained {
            reasons.append(Sentence.remedy(index: index).text(catalog))
        }
        reasons.append(catalog.rootCause.statement)
        return reasons
    }

    /// A sentence of a recommendation that depends on the catalog and a version or two alone: written once for each
    /// and kept in the catalog's memo (a path of five steps wrote each of them again for every cluster).
    enum Sentence: Hashable, Sendable {
        /// The step that moves KEDA to a chart release.
        case chartStep(chart: SemanticVersion, app: SemanticVersion)
        /// The step that moves Kubernetes from one minor to a higher one.
        case kubernetesStep(major: Int, fromMinor: Int, toMinor: Int)
        /// What a partial remedy (by its index in the catalog's list) removes and leaves.
        case remedy(index: Int)

        /// The sentence, kept or written now.
        func text(_ catalog: ChartCatalog) -> String {
            catalog.memo.upgradeSentences.value(for: self) { write(catalog) }
        }

        /// The sentence, written.
        func write(_ catalog: ChartCatalog) -> String {
            switch self {
            case .chartStep(let chart, let app):
                let range = catalog.testedKubernetes(keda: app).map(\.description)
                return String.concatenating(
                    "the KEDA chart to ", chart.core, " (KEDA ", app.core,
                    range == nil ? "" : "; tested on Kubernetes ", range ?? "", ")")
            case .kubernetesStep(let major, let fromMinor, let toMinor):
                let target = SemanticVersion(major, toMinor)
                let skipped = (fromMinor + 1)..<toMinor
                return skipped.isEmpty
                    ? String.concatenating("Kubernetes to ", target.minorSeries)
                    : String.concatenating(
                        "Kubernetes to ", target.minorSeries, " (one minor at a time: ",
                        skipped.map { SemanticVersion(major, $0).minorSeries }.joined(separator: ", "), " first)")
            case .remedy(let index):
                let remedy = catalog.partialRemedies[index]
                return String.concatenating(
                    "KEDA ", remedy.kedaVersion.description, " (", remedy.issueID, "): ", remedy.removes, " Still: ",
                    remedy.leaves)
            }
        }
    }
}

/// The state of an upgrade path being worked out, and its steps so far.
struct UpgradePath {
    var kubernetes: SemanticVersion
    var keda: SemanticVersion
    /// The chart and KEDA versions reached, once KEDA moves (versions only: a release kept here was copied, its keys,
    /// templates and sources retained, at every move).
    var chart: (chart: SemanticVersion, app: SemanticVersion)?
    /// The chart version reached before any Kubernetes or cert-manager step: what can be written now.
    var immediateChart: SemanticVersion?
    var steps: [String] = []
    var movedOtherThanKeda = false

    init(kubernetes: SemanticVersion, keda: SemanticVersion) {
        self.kubernetes = kubernetes
        self.keda = keda
    }

    /// Moves KEDA to a release, given by its chart and KEDA versions.
    mutating func moveKeda(to release: (chart: SemanticVersion, app: SemanticVersion), catalog: ChartCatalog) {
        steps.append(UpgradeAdvisor.Sentence.chartStep(chart: release.chart, app: release.app).text(catalog))
        keda = release.app
        chart = release
        if !movedOtherThanKeda { immediateChart = release.chart }
    }

    mutating func moveKubernetes(to target: SemanticVersion, catalog: ChartCatalog) {
        steps.append(
            UpgradeAdvisor.Sentence.kubernetesStep(
                major: target.major, fromMinor: kubernetes.minor, toMinor: target.minor
            )
            .text(catalog))
        kubernetes = target
        movedOtherThanKeda = true
    }
}
