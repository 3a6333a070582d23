/// Who signs KEDA's serving certificate once cert-manager issues it, as the chart wires it.
public struct CertificateSigner: Sendable, Hashable {
    /// A short name for lists (`the team's ClusterIssuer `corp-ca``).
    public var name: String
    /// A sentence for the plan's reason.
    public var sentence: String
    /// The CA secret that must carry `cert-manager.io/allow-direct-injection: "true"`, when the chart injects the CA
    /// straight from a secret the user provides.
    public var directInjectionSecret: String?
}

extension DiagnosisContext {
    /// The team's issuer, when the chart version can use it (issuer keys from chart 2.13.2).
    public var teamIssuerInUse: IssuerReference? {
        chart.release.capabilities.canUseCustomIssuer ? facts.issuer?.value : nil
    }

    /// Who signs the serving certificate under the cert-manager strategy, worked out (``certificateSigner`` keeps
    /// it).
    ///
    /// With the team's issuer (chart 2.13.2 and later) that issuer signs it. Otherwise the chart's CA Issuer signs it
    /// with the CA in `caSecretName`: a CA the chart has cert-manager generate (`generateCA: true`, the default), or
    /// the user's own CA secret (`generateCA: false`), which the chart then injects with `inject-ca-from-secret`, so
    /// that secret must allow direct injection (KEDA-FACTS §2.4, cert-manager's CA injector docs).
    func workOutCertificateSigner() -> CertificateSigner {
        let release = chart.release
        let names = release.certManager.objectNames(operatorName: operatorName)
        if let issuer = facts.issuer?.value {
            let reference = "the team's \(issuer.kind.rawValue) `\(issuer.name)`"
            if release.capabilities.canUseCustomIssuer {
                let namespaceNote =
                    issuer.kind == .issuer
                    ? " A namespaced Issuer can sign only in its own namespace: it must live in `\(facts.namespaceOrDefault)`."
                    : ""
                return CertificateSigner(
                    name: reference,
                    sentence: "\(reference.prefix(1).uppercased() + reference.dropFirst()) signs the "
                        + "certificate.\(namespaceNote)", directInjectionSecret: nil)
            }
            let note =
                "Chart \(release.chartVersion) cannot use \(reference) (issuer keys arrive in chart 2.13.2), so the "
                + "chart's own CA signs it."
            return CertificateSigner(name: "`\(names.caIssuer)`", sentence: note, directInjectionSecret: nil)
        }
        if values.setting("certificates.certManager.generateCA").isTruthy {
            return CertificateSigner(
                name: "`\(names.caIssuer)`",
                sentence: "A self-signed CA that cert-manager generates for the chart (secret `\(caSecretName)`) signs "
                    + "the certificate.", directInjectionSecret: nil)
        }
        return CertificateSigner(
            name: "`\(names.caIssuer)` with your CA in `\(caSecretName)`",
            sentence: "Your own CA in secret `\(caSecretName)` (generateCA is false) signs the certificate; the chart "
                + "injects it straight from that secret, which must carry the annotation "
                + "`cert-manager.io/allow-direct-injection: \"true\"`.",
            directInjectionSecret: caSecretName)
    }
}
