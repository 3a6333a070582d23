/// What one chart release (and the KEDA release it ships) can do with certificates, as named facts the decision
/// reads instead of comparing version numbers itself.
public struct ChartCapabilities: Sendable, Hashable {
    /// `certificates.certManager.*` exists (every chart from 2.10.0).
    public var hasCertManagerKeys: Bool
    /// `certificates.certManager.secretTemplate` exists (2.10.2+).
    public var hasSecretTemplate: Bool
    /// `certificates.certManager.issuer.*` exists, so the team's own Issuer or ClusterIssuer can sign the leaf
    /// certificate (2.13.2+).
    public var canUseCustomIssuer: Bool
    /// `certificates.certManager.duration` / `renewBefore` exist (2.13.2+).
    public var hasCertificateLifetimeKeys: Bool
    /// `certificates.operator.caDirs` is read (2.15.1+).
    public var hasOperatorCADirs: Bool
    /// `certificates.operator.apiServicePatching.enabled` is read (2.20.0+).
    public var hasAPIServicePatchingKey: Bool
    /// The chart passes `--enable-webhook-patching={{ .Values.webhooks.enabled }}` (2.17.0+).
    public var passesWebhookPatchingFlag: Bool
    /// The chart passes `--k8s-cluster-domain={{ .Values.clusterDomain }}` (2.12.0+).
    public var passesClusterDomainFlag: Bool
    /// Which CA-injection annotation the chart renders with cert-manager.
    public var caInjectionRule: CAInjectionRule
    /// The chart's APIService carries `insecureSkipTLSVerify: false` (2.12.x only), which drifts in Argo CD.
    public var apiServiceHasInsecureSkipTLSVerifyFalse: Bool
    /// The chart renders the APIService only when `metricsServer.enabled` (2.20.0+).
    public var apiServiceRequiresMetricsServerEnabled: Bool
    /// The KEDA release reloads its gRPC certificates without a restart (2.17.2+, kedacore/keda#6756).
    public var reloadsCertificatesWithoutRestart: Bool

    /// Creates a set of capabilities.
    public init(
        hasCertManagerKeys: Bool, hasSecretTemplate: Bool, canUseCustomIssuer: Bool, hasCertificateLifetimeKeys: Bool,
        hasOperatorCADirs: Bool, hasAPIServicePatchingKey: Bool, passesWebhookPatchingFlag: Bool,
        passesClusterDomainFlag: Bool, caInjectionRule: CAInjectionRule, apiServiceHasInsecureSkipTLSVerifyFalse: Bool,
        apiServiceRequiresMetricsServerEnabled: Bool, reloadsCertificatesWithoutRestart: Bool
    ) {
        self.hasCertManagerKeys = hasCertManagerKeys
        self.hasSecretTemplate = hasSecretTemplate
        self.canUseCustomIssuer = canUseCustomIssuer
        self.hasCertificateLifetimeKeys = hasCertificateLifetimeKeys
        self.hasOperatorCADirs = hasOperatorCADirs
        self.hasAPIServicePatchingKey = hasAPIServicePatchingKey
        self.passesWebhookPatchingFlag = passesWebhookPatchingFlag
        self.passesClusterDomainFlag = passesClusterDomainFlag
        self.caInjectionRule = caInjectionRule
        self.apiServiceHasInsecureSkipTLSVerifyFalse = apiServiceHasInsecureSkipTLSVerifyFalse
        self.apiServiceRequiresMetricsServerEnabled = apiServiceRequiresMetricsServerEnabled
        self.reloadsCertificatesWithoutRestart = reloadsCertificatesWithoutRestart
    }
}
