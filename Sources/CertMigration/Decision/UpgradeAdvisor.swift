/// Works out upgrade targets: Kubernetes first where KEDA's support table demands it, then the chart.
///
/// An upgrade is recommended when the running KEDA is outside its tested Kubernetes range or when a newer release
/// removes part of the cause (2.17.2, 2.20.0). It is never presented as a fix: no release fixes the root cause.
public enum UpgradeAdvisor {
    /// The recommendation for a context, or nil when KEDA's version is unknown or nothing would improve.
    public static func recommend(_ context: DiagnosisContext) -> UpgradeRecommendation? {
        guard let keda = context.kedaVersion, !context.predatesCertificates else { return nil }
        let catalog = context.catalog
        let kubernetes = context.facts.kubernetesVersion?.value
        let supportGap = kubernetes.flatMap { catalog.isKubernetes($0, supportedByKeda: keda) } == false
        let missing = catalog.partialRemedies(missingFrom: keda)
        guard supportGap || !missing.isEmpty else { return nil }

        // Prefer the newest chart KEDA supports on this Kubernetes version, if it gets the certificate hot reload.
        let hotReload = catalog.partialRemedy("certificate-hot-reload")
        let floor = hotReload.map { max($0.kedaVersion, keda) } ?? keda
        var kubernetesTarget: SemanticVersion?
        var target: ChartRelease
        if let kubernetes {
            if let stay = catalog.newestChartRelease(supporting: kubernetes), stay.appVersion >= floor {
                target = stay
            } else if let first = catalog.releases.first(where: { $0.appVersion >= floor }),
                let support = catalog.kubernetesSupport(keda: first.appVersion)
            {
                // Kubernetes is below what that KEDA is tested on: move Kubernetes first.
                target = first
                if kubernetes < support.tested.lowest {
                    kubernetesTarget = support.tested.lowest
                } else if let newest = catalog.newestChartRelease(supporting: kubernetes) {
                    target = newest
                }
            } else {
                return nil
            }
        } else {
            target = catalog.newestRelease
        }
        // Recommend only what the target brings: a supported pair, or a partial remedy the cluster lacks.
        let gained = missing.filter { $0.kedaVersion <= target.appVersion }
        guard target.appVersion > keda || kubernetesTarget != nil, supportGap || !gained.isEmpty else { return nil }

        var reasons: [String] = []
        if supportGap, let kubernetes, let support = catalog.kubernetesSupport(keda: keda) {
            reasons.append(
                "KEDA \(keda.minorSeries) is tested on Kubernetes \(support.tested); this cluster runs "
                    + "\(kubernetes.minorSeries)")
        }
        if let kubernetesTarget, let kubernetes {
            reasons.append(
                "KEDA \(target.appVersion.minorSeries) is tested from Kubernetes \(kubernetesTarget.minorSeries): "
                    + "upgrade Kubernetes from \(kubernetes.minorSeries) first, one minor at a time")
        }
        for remedy in gained {
            reasons.append("KEDA \(remedy.kedaVersion) (\(remedy.issueID)): \(remedy.removes) Still: \(remedy.leaves)")
        }
        reasons.append(catalog.rootCause.statement)
        return UpgradeRecommendation(
            kubernetes: kubernetesTarget?.minorSeries, chart: target.chartVersion.core, keda: target.appVersion.core,
            reasons: reasons)
    }
}
