import Foundation

/// The sources a plan cites: the known issues its strategy rests on, the flag's evidence, the chart's values file
/// and, with an upgrade, the releases that remove parts of the cause; each once, in ``CatalogSource``'s order.
///
/// The list depends on a handful of the plan's facts and on the catalog, and a fleet has thousands of plans with few
/// distinct such facts, so each list is worked out once per distinct facts and kept in the catalog's memo: hashing and
/// sorting the two dozen sources of every plan was a third of the decision's instructions.
enum PlanSources {
    /// The sources of a plan with `strategy` (nil: no strategy fits) and `upgrade`.
    static func sources(for strategy: Strategy?, context: DiagnosisContext, upgrade: UpgradeRecommendation?)
        -> [CatalogSource]
    {
        let predates = context.predatesCertificates
        let key = Key(
            strategy: strategy, insecureSkipTLSVerify: context.facts.apiServiceInsecureSkipTLSVerify?.value == true,
            predatesCertificates: predates, chart: predates ? nil : context.chart.release.chartVersion,
            upgrade: upgrade != nil)
        return sources(for: key, catalog: context.catalog)
    }

    /// The list for a key: kept from an earlier plan, or worked out and kept.
    static func sources(for key: Key, catalog: ChartCatalog) -> [CatalogSource] {
        catalog.memo.sources.value(for: key) {
            guard let chart = key.chart else { return workOut(key, catalog: catalog) }
            // The same list without the chart's values file, which is the only source that depends on the chart
            // version, and the values file put in its place.
            var withoutChart = key
            withoutChart.chart = nil
            let base = sources(for: withoutChart, catalog: catalog)
            return inserting(.chartValues(chart), into: base) ?? workOut(key, catalog: catalog)
        }
    }

    /// What the list depends on besides the catalog.
    struct Key: Hashable, Sendable {
        var strategy: Strategy?
        var insecureSkipTLSVerify: Bool
        var predatesCertificates: Bool
        /// The chart whose values file is cited: nil when none is (the chart predates certificates, or the list
        /// is the base the values file is put into). Only its `core` is cited, and that is what `==` compares.
        var chart: SemanticVersion?
        var upgrade: Bool
    }

    /// The list, worked out from the catalog: every source once (the first of equal ones), sorted.
    static func workOut(_ key: Key, catalog: ChartCatalog) -> [CatalogSource] {
        var ids = ["kedacore/keda#6551", "open-policy-agent/cert-controller#209"]
        switch key.strategy {
        case .certManager?: ids += ["cert-manager/cert-manager#6721"]
        case .disableRotation?: ids += ["kedacore/keda#6967"]
        default: break
        }
        if key.insecureSkipTLSVerify { ids.append("kedacore/keda#6466") }
        var sources = ids.compactMap { catalog.knownIssue($0) }.flatMap(\.sources)
        if !key.predatesCertificates {
            sources += CertRotationFlag.sources
            if let chart = key.chart { sources.append(.chartValues(chart)) }
        }
        if key.upgrade { sources += catalog.partialRemedies.flatMap(\.sources) + catalog.rootCause.sources }
        var seen = Set<CatalogSource>()
        return sources.filter { seen.insert($0).inserted }.sorted()
    }

    /// A sorted list of distinct sources with `source` put in its place, or nil when the list holds a source with
    /// the same reference and title: then which comes first depends on where each was first listed, and only
    /// ``workOut(_:catalog:)`` knows.
    static func inserting(_ source: CatalogSource, into sorted: [CatalogSource]) -> [CatalogSource]? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < source { low = middle + 1 } else { high = middle }
        }
        if low < sorted.count, !(source < sorted[low]) { return nil }  // same reference and title
        var result = sorted
        result.insert(source, at: low)
        return result
    }
}
