/// What of an upgrade `generate` can write as a change.
enum UpgradeWriting {
    /// The chart version to pin now: the path's chart step before any Kubernetes or cert-manager step. A path that
    /// starts by moving Kubernetes is not written as a chart change: that chart would run untested on this cluster.
    static func immediateChartTarget(_ upgrade: UpgradeRecommendation?) -> String? {
        upgrade?.immediateChart
    }
}
