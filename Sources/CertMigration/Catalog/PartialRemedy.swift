/// A KEDA release that removes part of the cause of the rotation conflict, never all of it.
///
/// The root cause, cert-controller's full update of every object it patches, is unfixed upstream
/// (open-policy-agent/cert-controller#209); see `RootCauseStatus`. A plan names these releases as upgrade targets and
/// says what each leaves in place.
public struct PartialRemedy: Sendable, Hashable, Identifiable {
    /// A stable id (`certificate-hot-reload`), for reports and tests.
    public var id: String
    /// The first KEDA release with the change.
    public var kedaVersion: SemanticVersion
    /// The first chart release that ships that KEDA release (and any values key the change needs).
    public var chartVersion: SemanticVersion
    /// The chart values key that turns the change on, when it is not automatic.
    public var valuesKey: String?
    /// The value of `valuesKey` that turns the change on.
    public var valuesKeyEnabling: String?
    /// One line: which part of the cause goes away.
    public var removes: String
    /// One line: what is still there afterwards.
    public var leaves: String
    /// True when the change only works if cert-manager (or another injector) fills the APIService `caBundle`.
    public var needsCAInjection: Bool
    /// The issue or pull request that made the change (`kedacore/keda#6756`).
    public var issueID: String
    /// Where the facts are written.
    public var sources: [CatalogSource]

    /// Creates an entry.
    public init(
        id: String, kedaVersion: SemanticVersion, chartVersion: SemanticVersion, valuesKey: String? = nil,
        valuesKeyEnabling: String? = nil, removes: String, leaves: String, needsCAInjection: Bool, issueID: String,
        sources: [CatalogSource]
    ) {
        self.id = id
        self.kedaVersion = kedaVersion
        self.chartVersion = chartVersion
        self.valuesKey = valuesKey
        self.valuesKeyEnabling = valuesKeyEnabling
        self.removes = removes
        self.leaves = leaves
        self.needsCAInjection = needsCAInjection
        self.issueID = issueID
        self.sources = sources
    }
}

/// Whether any release fixes the root cause. None does; this type exists so that no code path can claim one.
public struct RootCauseStatus: Sendable, Hashable {
    /// The upstream issue that describes the cause (`open-policy-agent/cert-controller#209`).
    public var issueID: String
    /// The sentence a report prints.
    public var statement: String
    /// The first release that fixes the root cause: always nil, because no release does.
    public var fixedInKedaVersion: SemanticVersion? { nil }
    /// Where the facts are written.
    public var sources: [CatalogSource]
}

extension PartialRemedy {
    /// The releases that remove parts of the cause, oldest first.
    static let all: [PartialRemedy] = [
        PartialRemedy(
            id: "webhook-patching-flag", kedaVersion: SemanticVersion(2, 17, 0),
            chartVersion: SemanticVersion(2, 17, 0),
            valuesKey: "webhooks.enabled", valuesKeyEnabling: "false",
            removes:
                "With webhooks disabled the operator no longer patches the keda-admission webhook configuration (--enable-webhook-patching).",
            leaves: "The APIService is still patched; with webhooks enabled nothing changes.",
            needsCAInjection: false, issueID: "kedacore/keda#6184",
            sources: [
                .pullRequest(
                    "kedacore/keda", 6396, title: "Operator flag to control patching of webhook resources certificates"),
                .pullRequest("kedacore/charts", 715, title: "Pass --enable-webhook-patching from webhooks.enabled"),
                .researchNotes(section: "§1.3", title: "What changed later"),
            ]),
        PartialRemedy(
            id: "certificate-hot-reload", kedaVersion: SemanticVersion(2, 17, 2),
            chartVersion: SemanticVersion(2, 17, 2),
            removes:
                "The operator and the metrics API server reload rotated gRPC certificates without a restart, so a rotation no longer leaves them on stale certificates.",
            leaves: "cert-controller still updates the APIService on every event and logs the conflict.",
            needsCAInjection: false, issueID: "kedacore/keda#6756",
            sources: [
                .issue("kedacore/keda", 6756, title: "gRPC mTLS certificates are hot reloaded"),
                .file("CHANGELOG.md", in: "kedacore/keda", at: "v2.17.2", title: "KEDA v2.17.2 changelog"),
                .researchNotes(section: "§1.2", title: "What the code does"),
            ]),
        PartialRemedy(
            id: "apiservice-patching-flag", kedaVersion: SemanticVersion(2, 20, 0),
            chartVersion: SemanticVersion(2, 20, 0),
            valuesKey: "certificates.operator.apiServicePatching.enabled", valuesKeyEnabling: "false",
            removes:
                "The operator stops updating the APIService v1beta1.external.metrics.k8s.io (--enable-apiservice-patching=false), which removes this conflict.",
            leaves:
                "The operator still rotates kedaorg-certs; the APIService caBundle must come from cert-manager's CA injection (or another injector).",
            needsCAInjection: true, issueID: "kedacore/keda#7559",
            sources: [
                .pullRequest("kedacore/keda", 7559, title: "make APIService cert injections optional"),
                .pullRequest("kedacore/charts", 832, title: "Add certificates.operator.apiServicePatching.enabled"),
                .chartValues(SemanticVersion(2, 20, 0)),
                .researchNotes(section: "§1.3", title: "What changed later"),
            ]),
    ]
}

extension RootCauseStatus {
    /// The one statement the catalog makes about the root cause.
    static let current = RootCauseStatus(
        issueID: "open-policy-agent/cert-controller#209",
        statement:
            "No KEDA release fixes the root cause: cert-controller (vendored up to v0.16.0 in KEDA 2.20.x) still re-reads the APIService and the webhook configuration from its cache and replaces them whole on every change, so any other writer causes \"the object has been modified\".",
        sources: [
            .issue(
                "open-policy-agent/cert-controller", 209,
                title: "Error updating webhook with certificate: the object has been modified"),
            .researchNotes(section: "§1.2", title: "What the code does"),
        ])
}
