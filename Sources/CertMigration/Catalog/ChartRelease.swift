/// One tagged release of the KEDA Helm chart (`kedacore/charts`, tag `v<version>`) and what it does with
/// certificates.
public struct ChartRelease: Sendable, Hashable, Identifiable {
    /// The chart version (`2.16.1`).
    public var chartVersion: SemanticVersion
    /// The KEDA release the chart ships (`appVersion` in `keda/Chart.yaml`; 2.13.2 ships 2.13.1).
    public var appVersion: SemanticVersion
    /// The chart's `kubeVersion` constraint, as written.
    public var kubeVersionConstraint: String
    /// The values keys the certificate handling reads that exist in this version, in catalog order.
    public var valuesKeys: [ChartValueKey]
    /// Named capabilities of this chart and its KEDA release.
    public var capabilities: ChartCapabilities
    /// What the chart's cert-manager templates render.
    public var certManager: CertManagerTemplates
    /// The webhooks of `keda-admission`.
    public var admissionWebhooks: AdmissionWebhookList
    /// The operator args that carry certificate settings, in the order the chart writes them; `extraArgs.keda`
    /// always comes after them (see `CertRotationFlag`).
    public var operatorCertificateArguments: [OperatorArgument]
    /// Where the chart-to-app version and the constraint are written (`keda/Chart.yaml` at the tag).
    public var sources: [CatalogSource]

    /// The chart version, as the catalog looks releases up.
    public var id: SemanticVersion { chartVersion }

    /// The KEDA minor series of `appVersion` (`2.16.0` for 2.16.1).
    public var kedaMinor: SemanticVersion { SemanticVersion(appVersion.major, appVersion.minor) }

    /// The key at a dotted path, if this version has it (documented or commented out).
    public func valuesKey(_ path: String) -> ChartValueKey? {
        valuesKeys.first { $0.path == path }
    }

    /// True when the version has the key at a dotted path, commented-out keys included.
    public func hasValuesKey(_ path: String) -> Bool { valuesKey(path) != nil }

    /// The `certificates.*` keys, in catalog order.
    public var certificatesKeys: [ChartValueKey] { valuesKeys.filter(\.isCertificatesKey) }

    /// The operator argument for a flag (`--enable-cert-rotation`), if this version passes it.
    public func operatorArgument(_ flag: String) -> OperatorArgument? {
        operatorCertificateArguments.first { $0.flag == flag }
    }

    /// Every source behind this entry's facts, sorted and without repeats.
    public var allSources: [CatalogSource] {
        var all = Set(sources)
        for key in valuesKeys { all.formUnion(key.sources) }
        for argument in operatorCertificateArguments { all.formUnion(argument.sources) }
        all.formUnion(certManager.sources)
        all.formUnion(admissionWebhooks.sources)
        return all.sorted()
    }
}
