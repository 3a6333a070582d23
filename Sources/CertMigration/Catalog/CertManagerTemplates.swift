/// What a chart version's cert-manager templates render when `certificates.certManager.enabled` is true.
///
/// Four objects, all `cert-manager.io/v1` in the release namespace, named after `operator.name`:
/// a self-signed Issuer and a CA Certificate (only when `generateCA`, and from 2.13.2 also `issuer.generate`), a CA
/// Issuer (from 2.13.2 only when `issuer.generate`) and the leaf Certificate (always), whose secret is
/// `certificates.secretName`.
public struct CertManagerTemplates: Sendable, Hashable {
    /// The CA Certificate's lifetime, hard-coded in the template.
    public var caLifetime: CertificateLifetime
    /// The leaf Certificate's lifetime: hard-coded before 2.13.2, the defaults of
    /// `certificates.certManager.duration` / `renewBefore` from 2.13.2.
    public var leafLifetime: CertificateLifetime
    /// True when the leaf lifetime comes from values (2.13.2+), false when the template hard-codes it.
    public var leafLifetimeFromValues: Bool
    /// True when the self-signed Issuer, CA Certificate and CA Issuer also require `issuer.generate` (2.13.2+).
    public var generatedIssuersRequireIssuerGenerate: Bool
    /// The number of DNS names the leaf Certificate lists (12 in 2.10.0/2.10.1, 9 from 2.10.2 with `clusterDomain`).
    public var leafDNSNameCount: Int
    /// The template files, relative to the chart root.
    public var templateFiles: [String]
    /// Where these facts are written.
    public var sources: [CatalogSource]

    /// Creates an entry.
    public init(
        caLifetime: CertificateLifetime, leafLifetime: CertificateLifetime, leafLifetimeFromValues: Bool,
        generatedIssuersRequireIssuerGenerate: Bool, leafDNSNameCount: Int, templateFiles: [String],
        sources: [CatalogSource]
    ) {
        self.caLifetime = caLifetime
        self.leafLifetime = leafLifetime
        self.leafLifetimeFromValues = leafLifetimeFromValues
        self.generatedIssuersRequireIssuerGenerate = generatedIssuersRequireIssuerGenerate
        self.leafDNSNameCount = leafDNSNameCount
        self.templateFiles = templateFiles
        self.sources = sources
    }

    /// The names of the objects the chart renders for an `operator.name`.
    public func objectNames(operatorName: String) -> CertManagerObjectNames {
        CertManagerObjectNames(operatorName: operatorName)
    }
}

/// A certificate's `duration` and `renewBefore`, as the chart writes them (`8760h0m0s`).
public struct CertificateLifetime: Sendable, Hashable, CustomStringConvertible {
    /// The `duration` text.
    public var duration: String
    /// The `renewBefore` text.
    public var renewBefore: String

    /// Creates a lifetime.
    public init(duration: String, renewBefore: String) {
        self.duration = duration
        self.renewBefore = renewBefore
    }

    /// `duration 8760h0m0s, renewBefore 5840h0m0s`.
    public var description: String { "duration \(duration), renewBefore \(renewBefore)" }
}

/// The names of the cert-manager objects the chart renders (Issuers are kind `Issuer`, group `cert-manager.io`).
///
/// Each name is made when asked: most callers want one of the four.
public struct CertManagerObjectNames: Sendable, Hashable {
    /// The operator's deployment name (`operator.name`), which every name starts with.
    public var operatorName: String
    /// The self-signed Issuer (`<operator.name>-selfsigned-issuer`).
    public var selfSignedIssuer: String { operatorName + "-selfsigned-issuer" }
    /// The CA Certificate (`<operator.name>-ca`), whose secret is `certManager.caSecretName`.
    public var caCertificate: String { operatorName + "-ca" }
    /// The CA Issuer (`<operator.name>-issuer`), signing with `certManager.caSecretName`.
    public var caIssuer: String { operatorName + "-issuer" }
    /// The leaf Certificate (`<operator.name>-tls-certificates`), whose secret is `certificates.secretName`.
    public var leafCertificate: String { operatorName + "-tls-certificates" }
}
