/// The catalog's data: every KEDA chart tag from 2.10.0 to 2.20.2 and the history of each certificate fact.
///
/// Facts are written once, as "from chart version X" entries; each `ChartRelease` is assembled from the entries that
/// apply to it, so a boundary (2.13.2 for `issuer.*`, 2.20.0 for `apiServicePatching`) lives in one place.
/// Sources: `shared/reference/KEDA-FACTS.md` (§2, §3.2) and the chart's values files in
/// `shared/reference/keda-chart/`, which the tests compare with these entries.
enum ChartCatalogData {
    // MARK: Releases

    /// Chart version → app version, from `keda/Chart.yaml` at each tag (KEDA-FACTS §3.2). There is no chart 2.15.0.
    ///
    /// Versions in this file are built from their numbers, not parsed from text: the catalog is assembled at every
    /// start, and a few hundred parses were a tenth of a one-cluster `generate`.
    static let tags: [(chart: SemanticVersion, app: SemanticVersion)] = [
        (v(2, 10, 0), v(2, 10, 0)), (v(2, 10, 1), v(2, 10, 0)), (v(2, 10, 2), v(2, 10, 1)),
        (v(2, 11, 0), v(2, 11, 0)), (v(2, 11, 1), v(2, 11, 1)), (v(2, 11, 2), v(2, 11, 2)),
        (v(2, 12, 0), v(2, 12, 0)), (v(2, 12, 1), v(2, 12, 1)),
        (v(2, 13, 0), v(2, 13, 0)), (v(2, 13, 1), v(2, 13, 0)), (v(2, 13, 2), v(2, 13, 1)),
        (v(2, 14, 0), v(2, 14, 0)), (v(2, 14, 1), v(2, 14, 0)), (v(2, 14, 2), v(2, 14, 0)), (v(2, 14, 3), v(2, 14, 1)),
        (v(2, 15, 1), v(2, 15, 1)), (v(2, 15, 2), v(2, 15, 1)),
        (v(2, 16, 0), v(2, 16, 0)), (v(2, 16, 1), v(2, 16, 1)),
        (v(2, 17, 0), v(2, 17, 0)), (v(2, 17, 1), v(2, 17, 1)), (v(2, 17, 2), v(2, 17, 2)),
        (v(2, 18, 0), v(2, 18, 0)), (v(2, 18, 1), v(2, 18, 1)), (v(2, 18, 2), v(2, 18, 2)), (v(2, 18, 3), v(2, 18, 3)),
        (v(2, 19, 0), v(2, 19, 0)),
        (v(2, 20, 0), v(2, 20, 0)), (v(2, 20, 1), v(2, 20, 1)), (v(2, 20, 2), v(2, 20, 2)),
    ]

    /// The oldest chart with a `certificates:` section; charts 2.9.x have none.
    static let firstChartWithCertificates = v(2, 10, 0)

    /// `kubeVersion` in `keda/Chart.yaml`: `>=v1.23.0-0` except 2.10.1 and 2.10.2.
    static func kubeVersionConstraint(_ chart: SemanticVersion) -> String {
        chart == v(2, 10, 1) || chart == v(2, 10, 2) ? ">=v1.24.0-0" : ">=v1.23.0-0"
    }

    // MARK: Capability boundaries (first chart version with each)

    /// The first chart version of each capability, and the KEDA version for app-side ones.
    enum First {
        static let secretTemplate = v(2, 10, 2)
        static let clusterDomainFlag = v(2, 12, 0)
        static let insecureSkipTLSVerifyFalse = v(2, 12, 0)
        static let insecureSkipTLSVerifyRemoved = v(2, 13, 0)
        static let customIssuer = v(2, 13, 2)
        static let operatorCADirs = v(2, 15, 1)
        static let webhookPatchingFlag = v(2, 17, 0)
        static let apiServicePatching = v(2, 20, 0)
        static let kedaCertificateHotReload = v(2, 17, 2)
    }

    static func capabilities(chart: SemanticVersion, app: SemanticVersion) -> ChartCapabilities {
        ChartCapabilities(
            hasCertManagerKeys: chart >= firstChartWithCertificates,
            hasSecretTemplate: chart >= First.secretTemplate,
            canUseCustomIssuer: chart >= First.customIssuer,
            hasCertificateLifetimeKeys: chart >= First.customIssuer,
            hasOperatorCADirs: chart >= First.operatorCADirs,
            hasAPIServicePatchingKey: chart >= First.apiServicePatching,
            passesWebhookPatchingFlag: chart >= First.webhookPatchingFlag,
            passesClusterDomainFlag: chart >= First.clusterDomainFlag,
            caInjectionRule: chart >= First.customIssuer ? .leafCertificateUnlessOwnCASecret : .caCertificateOrCASecret,
            apiServiceHasInsecureSkipTLSVerifyFalse: chart >= First.insecureSkipTLSVerifyFalse
                && chart < First.insecureSkipTLSVerifyRemoved,
            apiServiceRequiresMetricsServerEnabled: chart >= First.apiServicePatching,
            reloadsCertificatesWithoutRestart: app >= First.kedaCertificateHotReload)
    }

    static let capabilitySources: [CatalogSource] = [
        .researchNotes(section: "§2.3, §2.4", title: "How the chart maps values to operator args and templates"),
        .pullRequest("kedacore/charts", 520, title: "APIService insecureSkipTLSVerify: false (chart 2.12.0)"),
        .pullRequest("kedacore/charts", 564, title: "Remove insecureSkipTLSVerify from the APIService (chart 2.13.0)"),
        .pullRequest("kedacore/charts", 530, title: "Allow using own Cert-manager Issuer/ClusterIssuer (chart 2.13.2)"),
    ]

    // MARK: Values keys

    /// Every values key the certificate handling reads, with the first chart version that has it.
    static let valuesKeyHistory: [ChartValueKey] = {
        let notes = CatalogSource.researchNotes(section: "§2.1", title: "certificates: section by version")
        func key(
            _ path: String, _ value: ChartDefault, since: SemanticVersion, pullRequest: (Int, String)?, role: String,
            commentedExample: ChartDefault? = nil
        ) -> ChartValueKey {
            var sources = [notes]
            if let pullRequest {
                sources.insert(.pullRequest("kedacore/charts", pullRequest.0, title: pullRequest.1), at: 0)
            }
            return ChartValueKey(
                path: path, defaultValue: value, presence: commentedExample == nil ? .inValuesFile : .commentedOut,
                commentedExample: commentedExample, introducedIn: since, role: role, sources: sources)
        }
        let webhooksPR = (352, "feat: add support to validating webhooks")
        let certManagerPR = (371, "feat: add cert-manager support for certificate rotation")
        let issuerPR = (530, "Allow using own Cert-manager Issuer/ClusterIssuer")
        let caDirsPR = (650, "certificates.operator.caDirs")
        return [
            key(
                "certificates.autoGenerated", .bool(true), since: v(2, 10, 0), pullRequest: webhooksPR,
                role:
                    "With certManager.enabled false, turns on --enable-cert-rotation (the operator's cert-controller)."),
            key(
                "certificates.secretName", .string("kedaorg-certs"), since: v(2, 10, 0), pullRequest: webhooksPR,
                role:
                    "Secret mounted by the operator, metrics server and webhooks; --cert-secret-name; leaf Certificate's secret."
            ),
            key(
                "certificates.mountPath", .string("/certs"), since: v(2, 10, 0), pullRequest: webhooksPR,
                role: "Where the certificate secret is mounted; --cert-dir."),
            key(
                "certificates.certManager.enabled", .bool(false), since: v(2, 10, 0), pullRequest: certManagerPR,
                role:
                    "Renders the cert-manager objects and CA-injection annotations, and turns --enable-cert-rotation off."
            ),
            key(
                "certificates.certManager.generateCA", .bool(true), since: v(2, 10, 0), pullRequest: certManagerPR,
                role: "Renders a self-signed Issuer and CA Certificate; false means a user-given CA secret."),
            key(
                "certificates.certManager.caSecretName", .string("kedaorg-ca"), since: v(2, 10, 0),
                pullRequest: certManagerPR,
                role: "Secret holding the CA (generated by cert-manager or given by the user)."),
            key(
                "certificates.certManager.secretTemplate", .emptyMapping, since: v(2, 10, 2),
                pullRequest: (426, "secretTemplate for Certificate secrets"),
                role: "Labels and annotations copied to the secrets cert-manager creates."),
            key(
                "certificates.certManager.duration", .string("8760h0m0s"), since: v(2, 13, 2), pullRequest: issuerPR,
                role: "The leaf Certificate's duration (one year)."),
            key(
                "certificates.certManager.renewBefore", .string("5840h0m0s"), since: v(2, 13, 2), pullRequest: issuerPR,
                role: "The leaf Certificate's renewBefore (eight months)."),
            key(
                "certificates.certManager.issuer.generate", .bool(true), since: v(2, 13, 2), pullRequest: issuerPR,
                role: "Renders the chart's own Issuers; false uses issuer.name/kind/group for the leaf Certificate."),
            key(
                "certificates.certManager.issuer.name", .string("foo-org-ca"), since: v(2, 13, 2),
                pullRequest: issuerPR,
                role: "The team's Issuer or ClusterIssuer name; required when issuer.generate is false."),
            key(
                "certificates.certManager.issuer.kind", .string("ClusterIssuer"), since: v(2, 13, 2),
                pullRequest: issuerPR, role: "Issuer or ClusterIssuer; required when issuer.generate is false."),
            key(
                "certificates.certManager.issuer.group", .string("cert-manager.io"), since: v(2, 13, 2),
                pullRequest: issuerPR, role: "The issuer's API group; required when issuer.generate is false."),
            key(
                "certificates.operator", .null, since: v(2, 15, 1), pullRequest: caDirsPR,
                role: "Holds operator-only certificate settings; every child is commented out by default."),
            key(
                "certificates.operator.caDirs", .null, since: v(2, 15, 1), pullRequest: caDirsPR,
                role: "One --ca-dir per entry: CA files for TLS to metrics sources.",
                commentedExample: .stringList(["/custom/ca"])),
            key(
                "certificates.operator.apiServicePatching.enabled", .null, since: v(2, 20, 0),
                pullRequest: (832, "certificates.operator.apiServicePatching.enabled"),
                role:
                    "When set, --enable-apiservice-patching; false stops the operator writing the APIService (needs CA injection).",
                commentedExample: .bool(false)),
            key(
                "operator.name", .string("keda-operator"), since: v(2, 10, 0), pullRequest: nil,
                role: "Names the cert-manager objects, the DNS names and --operator-service-name."),
            key(
                "webhooks.enabled", .bool(true), since: v(2, 10, 0), pullRequest: nil,
                role: "Renders keda-admission; from 2.17.0 also --enable-webhook-patching."),
            key(
                "webhooks.name", .string("keda-admission-webhooks"), since: v(2, 10, 0), pullRequest: nil,
                role: "The webhook service name: DNS names and --webhooks-service-name."),
            key(
                "clusterDomain", .string("cluster.local"), since: v(2, 10, 2),
                pullRequest: (399, "clusterDomain for certificate DNS names"),
                role: "Last part of the leaf Certificate's DNS names; --k8s-cluster-domain from 2.12.0."),
            key(
                "clusterName", .string("kubernetes-default"), since: v(2, 13, 0),
                pullRequest: (572, "clusterName"), role: "--k8s-cluster-name."),
            key(
                "metricsServer.enabled", .bool(true), since: v(2, 20, 0),
                pullRequest: (819, "metricsServer.enabled"),
                role: "Renders the metrics server and its APIService."),
            key(
                "service.portHttps", .integer(443), since: v(2, 10, 0), pullRequest: nil,
                role: "The APIService's service port."),
            key(
                "service.portHttpsTarget", .integer(6443), since: v(2, 10, 0), pullRequest: nil,
                role: "The metrics server's --secure-port."),
            key(
                "additionalAnnotations", .emptyMapping, since: v(2, 10, 0), pullRequest: nil,
                role: "Merged into the CA-injection annotation block of the APIService and keda-admission."),
            key(
                "extraArgs.keda", .emptyMapping, since: v(2, 10, 0), pullRequest: nil,
                role: "Appended after the chart's operator args as --key=value; a later --enable-cert-rotation wins."),
        ]
    }()

    // MARK: Operator arguments

    /// The operator args that carry certificate settings, with the first chart version that passes each.
    static let operatorArgumentHistory: [OperatorArgument] = {
        let notes = CatalogSource.researchNotes(section: "§2.3", title: "How the chart maps values to operator args")
        func argument(_ flag: String, _ expression: String, since: SemanticVersion, condition: String? = nil)
            -> OperatorArgument
        {
            OperatorArgument(
                flag: flag, valueExpression: expression, condition: condition, introducedIn: since,
                sources: [notes])
        }
        return [
            argument("--cert-dir", "{{ .Values.certificates.mountPath }}", since: v(2, 10, 0)),
            argument("--enable-cert-rotation", CertRotationFlag.chartExpression, since: v(2, 10, 0)),
            argument("--cert-secret-name", "{{ .Values.certificates.secretName }}", since: v(2, 10, 0)),
            argument("--operator-service-name", "{{ .Values.operator.name }}", since: v(2, 10, 0)),
            argument(
                "--metrics-server-service-name", "{{ .Values.operator.name }}-metrics-apiserver", since: v(2, 10, 0)),
            argument("--webhooks-service-name", "{{ .Values.webhooks.name }}", since: v(2, 10, 0)),
            argument("--k8s-cluster-domain", "{{ .Values.clusterDomain }}", since: v(2, 12, 0)),
            argument(
                "--ca-dir", "{{ . }}", since: v(2, 15, 1), condition: "once per certificates.operator.caDirs entry"),
            argument("--enable-webhook-patching", "{{ .Values.webhooks.enabled }}", since: v(2, 17, 0)),
            argument(
                "--enable-apiservice-patching", "{{ .Values.certificates.operator.apiServicePatching.enabled }}",
                since: v(2, 20, 0),
                condition:
                    "only when autoGenerated is true, certManager.enabled is false and certificates.operator.apiServicePatching is set"
            ),
        ]
    }()

    // MARK: cert-manager templates

    /// The CA Certificate's hard-coded lifetime, from each chart version on (KEDA-FACTS §2.4).
    static let caLifetimeHistory: [(since: SemanticVersion, lifetime: CertificateLifetime, source: CatalogSource)] = [
        (
            v(2, 10, 0), CertificateLifetime(duration: "8760h", renewBefore: "5840h"),
            .researchNotes(section: "§2.4", title: "CA Certificate lifetime in chart 2.10.0")
        ),
        (
            v(2, 10, 1), CertificateLifetime(duration: "8760h0m0s", renewBefore: "5840h0m0s"),
            .pullRequest("kedacore/charts", 402, title: "Certificate durations written as cert-manager prints them")
        ),
        (
            v(2, 13, 0), CertificateLifetime(duration: "8760h0m0s", renewBefore: "720h0m0s"),
            .pullRequest("kedacore/charts", 586, title: "Don't recreate CA with 8 months until it expires")
        ),
        (
            v(2, 17, 0), CertificateLifetime(duration: "43800h0m0s", renewBefore: "14600h0m0s"),
            .pullRequest(
                "kedacore/charts", 712,
                title: "Ensure there is at least one leaf certificate renewal when renewing the CA")
        ),
    ]

    /// The leaf Certificate's hard-coded lifetime before 2.13.2 (one year, eight months). KEDA-FACTS gives the
    /// `8760h0m0s` form for the hard-coded leaf; for 2.10.0 the catalog assumes the same short form as that tag's CA
    /// template (`8760h`), which #402 changed in both templates.
    static func leafLifetime(_ chart: SemanticVersion) -> CertificateLifetime {
        chart < v(2, 10, 1)
            ? CertificateLifetime(duration: "8760h", renewBefore: "5840h")
            : CertificateLifetime(duration: "8760h0m0s", renewBefore: "5840h0m0s")
    }

    /// The cert-manager template files up to chart 2.11.0, then from 2.11.1 on; the leaf Certificate's is the fourth.
    static let numberedCertManagerTemplateFiles = [
        "keda/templates/40-cert-manager-self-issuer.yaml", "keda/templates/41-cert-manager-self-ca.yaml",
        "keda/templates/42-cert-manager-keda-issuer.yaml", "keda/templates/43-cert-manager-keda-tls-certificate.yaml",
    ]
    static let certManagerTemplateFiles = [
        "keda/templates/cert-manager/self-issuer.yaml", "keda/templates/cert-manager/self-ca.yaml",
        "keda/templates/cert-manager/keda-issuer.yaml", "keda/templates/cert-manager/keda-tls-certificate.yaml",
    ]
    static let certManagerTemplatesNotes = CatalogSource.researchNotes(
        section: "§2.4", title: "What the chart's cert-manager templates render")

    static func certManagerTemplates(_ release: ChartTag) -> CertManagerTemplates {
        let chart = release.version
        let ca = caLifetimeHistory.last { $0.since <= chart }!
        let fromValues = chart >= First.customIssuer
        let files = chart < v(2, 11, 1) ? numberedCertManagerTemplateFiles : certManagerTemplateFiles
        return CertManagerTemplates(
            caLifetime: ca.lifetime,
            leafLifetime: fromValues
                ? CertificateLifetime(duration: "8760h0m0s", renewBefore: "5840h0m0s") : leafLifetime(chart),
            leafLifetimeFromValues: fromValues,
            generatedIssuersRequireIssuerGenerate: fromValues,
            leafDNSNameCount: chart < v(2, 10, 2) ? 12 : 9,
            templateFiles: files,
            sources: [
                ca.source,
                certManagerTemplatesNotes,
                release.file(files[3], title: "Leaf Certificate template"),
            ])
    }

    // MARK: Admission webhooks

    static let scaledObjectWebhook = "vscaledobject.kb.io"
    static let scaledJobWebhook = "vscaledjob.kb.io"
    static let triggerAuthenticationWebhook = "vstriggerauthentication.kb.io"
    static let clusterTriggerAuthenticationWebhook = "vsclustertriggerauthentication.kb.io"
    static let cloudEventSourceWebhook = "vcloudeventsource.kb.io"
    static let clusterCloudEventSourceWebhook = "vclustercloudeventsource.kb.io"

    /// `keda-admission`'s webhooks by chart version.
    ///
    /// Seen: one webhook in the 2.10.x template (`35-webhooks-validatingconfiguration.yaml`) and in the 2.11.1+
    /// layout before kedacore/charts#553 (merged on main 2023-10-27: the TriggerAuthentication and
    /// ClusterTriggerAuthentication webhooks); three, in the order scaledobject, triggerauthentication,
    /// clustertriggerauthentication, in a rendered chart 2.16.0; six from 2.18.0 (KEDA-FACTS §2.4). Chart 2.12.1 was
    /// cut from the `release/2.12` branch (kedacore/charts#576), so whether it carries #553 is not known: its count
    /// is 1 to 3. Where the ScaledJob and CloudEventSource webhooks sit among the six follows third-party copies of
    /// the chart's output and KEDA's kubebuilder markers, not the chart's template itself; the count is what JSON
    /// pointers need.
    static func admissionWebhooks(_ release: ChartTag) -> AdmissionWebhookList {
        let chart = release.version
        let notes = AdmissionSources.notes
        let triggerAuthPR = AdmissionSources.triggerAuthPR
        let releaseBranchPR = AdmissionSources.releaseBranchPR
        if chart < v(2, 12, 1) {
            return AdmissionWebhookList(
                names: [scaledObjectWebhook], certainty: chart < v(2, 12, 0) ? .confirmed : .inferred,
                sources: [
                    release.file(
                        chart < v(2, 11, 1)
                            ? "keda/templates/35-webhooks-validatingconfiguration.yaml"
                            : "keda/templates/webhooks/validatingconfiguration.yaml",
                        title: "keda-admission template"), triggerAuthPR, notes,
                ])
        }
        if chart < v(2, 18, 0) {
            let possibleCounts =
                chart == v(2, 12, 1) ? 1...3 : chart > v(2, 16, 0) ? 3...6 : 3...3
            return AdmissionWebhookList(
                names: [scaledObjectWebhook, triggerAuthenticationWebhook, clusterTriggerAuthenticationWebhook],
                certainty: chart == v(2, 16, 0) ? .confirmed : .inferred, possibleCounts: possibleCounts,
                sources: [
                    release.file(
                        "keda/templates/webhooks/validatingconfiguration.yaml",
                        title: "keda-admission template"),
                    triggerAuthPR, releaseBranchPR, notes,
                ])
        }
        return AdmissionWebhookList(
            names: [
                scaledObjectWebhook, scaledJobWebhook, triggerAuthenticationWebhook,
                clusterTriggerAuthenticationWebhook,
                cloudEventSourceWebhook, clusterCloudEventSourceWebhook,
            ],
            certainty: .inferred,
            sources: [
                release.file(
                    "keda/templates/webhooks/validatingconfiguration.yaml", title: "keda-admission template"),
                notes,
            ])
    }

    /// The sources every version's webhook list shares, made once rather than once a release.
    enum AdmissionSources {
        static let notes = CatalogSource.researchNotes(
            section: "§2.4", title: "ValidatingWebhookConfiguration keda-admission")
        static let triggerAuthPR = CatalogSource.pullRequest(
            "kedacore/charts", 553, title: "Fix TriggerAuthentication - added configuration for validation webhook")
        static let releaseBranchPR = CatalogSource.pullRequest(
            "kedacore/charts", 576, title: "[release/2.12] - prepare release 2.12.1")
    }

    // MARK: Assembly

    /// Where every release's chart-to-app version comes from besides its own `Chart.yaml`.
    static let appVersionNotes = CatalogSource.researchNotes(section: "§3.2", title: "Chart version ↔ appVersion")

    /// A chart version with its text (`2.16.1`) and tag (`v2.16.1`) written once, for the several sources of its
    /// release (its `Chart.yaml`, default values and templates).
    struct ChartTag {
        /// The chart version.
        var version: SemanticVersion
        /// `MAJOR.MINOR.PATCH`.
        var core: String
        /// The repository's tag, `v` and the core.
        var tag: String

        init(_ version: SemanticVersion) {
            self.version = version
            core = version.core
            tag = "v" + core
        }

        /// A file of the chart at this tag: the same source as `CatalogSource.chartFile(_:at:title:)`.
        func file(_ path: String, title: String) -> CatalogSource {
            .file(path, in: "kedacore/charts", at: tag, title: title)
        }

        /// The chart's default values file: the same source as `CatalogSource.chartValues(_:)`.
        var values: CatalogSource {
            file("keda/values.yaml", title: "KEDA chart " + core + " default values")
        }
    }

    /// The built-in releases, oldest first, each made from its tag when first asked for.
    static func releaseShelf() -> ChartReleaseShelf {
        let sorted = tags.sorted { $0.chart < $1.chart }
        return ChartReleaseShelf(versions: sorted, make: { release(sorted[$0]) })
    }

    /// The release of one tag: its values keys, capabilities, templates, webhooks, operator arguments and sources.
    static func release(_ tag: (chart: SemanticVersion, app: SemanticVersion)) -> ChartRelease {
        let release = ChartTag(tag.chart)
        let chartValues = release.values
        var keys: [ChartValueKey] = []
        keys.reserveCapacity(valuesKeyHistory.count)
        for key in valuesKeyHistory where key.introducedIn <= tag.chart {
            var sources: [CatalogSource] = []
            sources.reserveCapacity(key.sources.count + 1)
            sources.append(chartValues)
            sources.append(contentsOf: key.sources)
            var key = key
            key.sources = sources
            keys.append(key)
        }
        return ChartRelease(
            chartVersion: tag.chart, appVersion: tag.app, kubeVersionConstraint: kubeVersionConstraint(tag.chart),
            valuesKeys: keys,
            capabilities: capabilities(chart: tag.chart, app: tag.app),
            certManager: certManagerTemplates(release),
            admissionWebhooks: admissionWebhooks(release),
            operatorCertificateArguments: operatorArgumentHistory.filter { $0.introducedIn <= tag.chart },
            sources: [
                release.file("keda/Chart.yaml", title: "KEDA chart " + release.core + " version and appVersion"),
                appVersionNotes,
            ] + capabilitySources)
    }

    /// A version of this file's tables: `v(2, 13, 2)` is chart 2.13.2.
    static func v(_ major: Int, _ minor: Int, _ patch: Int) -> SemanticVersion {
        SemanticVersion(major, minor, patch)
    }
}
