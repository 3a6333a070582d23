/// The name of one fact as the facts file spells it (`keda.chartVersion`), for comments and reasons.
public enum FactKey: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `kubernetes.version`.
    case kubernetesVersion = "kubernetes.version"
    /// `kubernetes.provider`.
    case provider = "kubernetes.provider"
    /// `keda.version`.
    case kedaVersion = "keda.version"
    /// `keda.chartVersion`.
    case chartVersion = "keda.chartVersion"
    /// `keda.namespace`.
    case namespace = "keda.namespace"
    /// `keda.releaseName`.
    case releaseName = "keda.releaseName"
    /// `certManager.installed`.
    case certManagerInstalled = "certManager.installed"
    /// `certManager.detectedFrom`.
    case certManagerEvidence = "certManager.detectedFrom"
    /// `certManager.version`.
    case certManagerVersion = "certManager.version"
    /// `certManager.issuer`.
    case issuer = "certManager.issuer"
    /// `gitops`.
    case gitops = "gitops"
    /// `certificateSecret.exists`.
    case certificateSecretExists = "certificateSecret.exists"
    /// `certificateSecret.notAfter`.
    case certificateNotAfter = "certificateSecret.notAfter"
    /// `apiService.available`.
    case apiServiceAvailable = "apiService.available"
    /// `apiService.insecureSkipTLSVerify`.
    case apiServiceInsecureSkipTLSVerify = "apiService.insecureSkipTLSVerify"

    /// Orders keys as the facts file lists them.
    public static func < (lhs: FactKey, rhs: FactKey) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The origin of this fact in `facts`, or nil when it is unknown.
    public func origin(in facts: ClusterFacts) -> FactOrigin? {
        switch self {
        case .kubernetesVersion: facts.kubernetesVersion?.origin
        case .provider: facts.provider?.origin
        case .kedaVersion: facts.kedaVersion?.origin
        case .chartVersion: facts.chartVersion?.origin
        case .namespace: facts.namespace?.origin
        case .releaseName: facts.releaseName?.origin
        case .certManagerInstalled: facts.certManagerInstalled?.origin
        case .certManagerEvidence: facts.certManagerEvidence?.origin
        case .certManagerVersion: facts.certManagerVersion?.origin
        case .issuer: facts.issuer?.origin
        case .gitops: facts.gitops?.origin
        case .certificateSecretExists: facts.certificateSecretExists?.origin
        case .certificateNotAfter: facts.certificateNotAfter?.origin
        case .apiServiceAvailable: facts.apiServiceAvailable?.origin
        case .apiServiceInsecureSkipTLSVerify: facts.apiServiceInsecureSkipTLSVerify?.origin
        }
    }
}
