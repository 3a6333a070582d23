/// Phrases the text and Markdown reports share.
enum PlanWording {
    /// `chart 2.16.1`, or `chart 2.21.0, planned with what the tool knows of chart 2.20.2`.
    static func chart(_ plan: RemediationPlan) -> String {
        if plan.chartVersion == plan.knowledgeChartVersion
            || plan.strategy == Strategy.none
                && plan.chartVersion < plan.knowledgeChartVersion
        {
            return "chart \(plan.chartVersion.core)"
        }
        return
            "chart \(plan.chartVersion.core), planned with what the tool knows of chart \(plan.knowledgeChartVersion.core)"
    }
}
