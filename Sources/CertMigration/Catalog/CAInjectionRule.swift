/// The cert-manager CA-injection annotation a chart version puts on the APIService
/// `v1beta1.external.metrics.k8s.io` and the ValidatingWebhookConfiguration `keda-admission` when
/// `certificates.certManager.enabled` is true.
///
/// cert-manager's cainjector reads the annotation and fills `caBundle`: `cert-manager.io/inject-ca-from:
/// <namespace>/<Certificate>` takes the CA from that Certificate's secret; `cert-manager.io/inject-ca-from-secret:
/// <namespace>/<Secret>` takes it from a secret that must itself carry `cert-manager.io/allow-direct-injection: "true"`.
public enum CAInjectionRule: String, Sendable, Hashable, CaseIterable {
    /// Charts 2.10.0 to 2.13.1: `generateCA` → `inject-ca-from: <ns>/<operator.name>-ca` (the CA Certificate);
    /// otherwise `inject-ca-from-secret: <ns>/<caSecretName>`.
    case caCertificateOrCASecret
    /// Charts 2.13.2 and later: `!generateCA && issuer.generate` → `inject-ca-from-secret: <ns>/<caSecretName>`;
    /// otherwise `inject-ca-from: <ns>/<operator.name>-tls-certificates` (the leaf Certificate, whose secret's
    /// `ca.crt` the cainjector uses).
    case leafCertificateUnlessOwnCASecret

    /// The annotation the chart renders for these values.
    ///
    /// `issuerGenerate` is ignored by `caCertificateOrCASecret` (those charts have no `issuer.*` keys).
    public func annotation(
        namespace: String, operatorName: String, generateCA: Bool, issuerGenerate: Bool, caSecretName: String
    ) -> CAInjectionAnnotation {
        switch self {
        case .caCertificateOrCASecret:
            generateCA
                ? CAInjectionAnnotation(
                    key: CAInjectionAnnotation.fromCertificate, value: "\(namespace)/\(operatorName)-ca")
                : CAInjectionAnnotation(key: CAInjectionAnnotation.fromSecret, value: "\(namespace)/\(caSecretName)")
        case .leafCertificateUnlessOwnCASecret:
            !generateCA && issuerGenerate
                ? CAInjectionAnnotation(key: CAInjectionAnnotation.fromSecret, value: "\(namespace)/\(caSecretName)")
                : CAInjectionAnnotation(
                    key: CAInjectionAnnotation.fromCertificate, value: "\(namespace)/\(operatorName)-tls-certificates")
        }
    }
}

/// One cert-manager CA-injection annotation: its key and its `<namespace>/<name>` value.
public struct CAInjectionAnnotation: Sendable, Hashable, CustomStringConvertible {
    /// `cert-manager.io/inject-ca-from`: the value names a Certificate.
    public static let fromCertificate = "cert-manager.io/inject-ca-from"
    /// `cert-manager.io/inject-ca-from-secret`: the value names a Secret annotated for direct injection.
    public static let fromSecret = "cert-manager.io/inject-ca-from-secret"
    /// The annotation a CA secret named by `fromSecret` must carry, with the value `"true"`.
    public static let allowDirectInjection = "cert-manager.io/allow-direct-injection"

    /// The annotation key.
    public var key: String
    /// `<namespace>/<name>`.
    public var value: String

    /// Creates an annotation.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// `key: value`.
    public var description: String { "\(key): \(value)" }
}
