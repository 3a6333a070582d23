/// One upstream issue or pull request that bears on the certificate-rotation failure, with what it means for the
/// decision.
///
/// The gist and the implication are the catalog's own words, not quotes; `source` points at the thread.
public struct KnownIssue: Sendable, Hashable, Identifiable {
    /// Whether the thread is still open upstream, as last seen.
    public enum State: String, Sendable, Hashable {
        /// Open.
        case open
        /// Closed after a fix or an answer.
        case closed
        /// Closed by the stale bot without a fix.
        case closedAsStale
        /// A merged pull request.
        case merged
        /// The thread's state was not seen in the sources (only what it changed or reported).
        case notSeen
    }

    /// What part the issue plays in the decision.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// The report the tool was written for.
        case seedReport
        /// Another report of the same conflict.
        case sameSymptom
        /// The same conflict on the admission webhook configuration rather than the APIService.
        case webhookVariant
        /// The upstream cause.
        case rootCause
        /// A change that removes part of the cause.
        case partialRemedy
        /// A workaround users posted that must never be proposed.
        case unsafeWorkaround
        /// A pitfall of one of the ways out.
        case caveat
        /// GitOps drift on fields that something other than Git writes.
        case gitOpsDrift
        /// How much a piece of evidence proves.
        case evidenceStrength
    }

    /// `owner/repo#number`, as the catalog looks issues up.
    public var id: String
    /// The thread's title, shortened where long, or a short description where the sources did not show the title.
    public var title: String
    /// Open or closed, as last seen.
    public var state: State
    /// What part it plays.
    public var role: Role
    /// One line: what the thread shows.
    public var gist: String
    /// One line: what it means for the decision.
    public var implication: String
    /// The thread itself, and any other text the facts were read from.
    public var sources: [CatalogSource]

    /// Creates an entry.
    public init(
        id: String, title: String, state: State, role: Role, gist: String, implication: String,
        sources: [CatalogSource]
    ) {
        self.id = id
        self.title = title
        self.state = state
        self.role = role
        self.gist = gist
        self.implication = implication
        self.sources = sources
    }
}

extension KnownIssue {
    /// Every issue the catalog knows, by id.
    static let all: [KnownIssue] = {
        let notesIssue = CatalogSource.researchNotes(section: "§1", title: "kedacore/keda#6551 and related issues")
        let notesWorkarounds = CatalogSource.researchNotes(section: "§6.3", title: "Workarounds users posted")
        func issue(
            _ repo: String, _ number: Int, _ title: String, _ state: State, _ role: Role, gist: String,
            implication: String, pullRequest: Bool = false, notes: CatalogSource
        ) -> KnownIssue {
            let thread =
                pullRequest
                ? CatalogSource.pullRequest(repo, number, title: title)
                : CatalogSource.issue(repo, number, title: title)
            return KnownIssue(
                id: "\(repo)#\(number)", title: title, state: state, role: role, gist: gist,
                implication: implication, sources: [thread, notes])
        }
        return [
            issue(
                "kedacore/keda", 6551,
                "Error updating webhook with certificate: the object has been modified (APIService)", .closedAsStale,
                .seedReport,
                gist:
                    "KEDA 2.16.1 on AWS, Kubernetes \"< 1.29\": cert-controller's APIService update conflicts and the metrics API loses the operator.",
                implication:
                    "Closed by the stale bot without a fix; \"< 1.29\" is a bucket of KEDA's bug form, not a measured threshold.",
                notes: notesIssue),
            issue(
                "kedacore/keda", 5542, "ERROR cert-rotation Error updating webhook with certificate", .open,
                .sameSymptom,
                gist: "AKS, KEDA 2.8.2 to 2.13.0: the same APIService conflict from the cert-rotator; many reports.",
                implication: "Still open: the conflict is not specific to one provider or one KEDA release.",
                notes: notesIssue),
            issue(
                "kedacore/keda", 4813, "namespaceSelector of ValidatingWebhookConfiguration keeps on changing",
                .closedAsStale, .webhookVariant,
                gist:
                    "AKS + Argo CD, chart 2.11.1: conflicts on the keda-admission webhook configuration, which another controller also edits.",
                implication:
                    "Any second writer of a patched object (GitOps, a provider's admissions enforcer) feeds the same conflict.",
                notes: notesIssue),
            issue(
                "open-policy-agent/cert-controller", 209,
                "Error updating webhook with certificate: the object has been modified", .open, .rootCause,
                gist:
                    "cert-controller re-reads the patched object from its cache and issues a full Update on every event, status changes included.",
                implication:
                    "The root cause is upstream and unfixed in every cert-controller KEDA vendors (up to v0.16.0 in KEDA 2.20.x): no release fixes it.",
                notes: notesIssue),
            issue(
                "kedacore/keda", 6756, "gRPC mTLS certificates are hot reloaded", .notSeen, .partialRemedy,
                gist:
                    "KEDA 2.17.2 reloads the operator and metrics-server gRPC certificates without a restart (CHANGELOG v2.17.2).",
                implication:
                    "From 2.17.2 a rotated certificate no longer needs a restart of both pods; the update conflict itself remains.",
                notes: CatalogSource.researchNotes(section: "§1.2", title: "What the code does")),
            issue(
                "kedacore/keda", 7559, "make APIService cert injections optional", .merged, .partialRemedy,
                gist:
                    "KEDA 2.20.0 adds --enable-apiservice-patching; chart 2.20.0 exposes certificates.operator.apiServicePatching.enabled (kedacore/charts#832).",
                implication:
                    "With patching off the operator stops writing the APIService, but something else (cert-manager's CA injection) must fill its caBundle.",
                pullRequest: true, notes: CatalogSource.researchNotes(section: "§1.3", title: "What changed later")),
            issue(
                "kedacore/keda", 6466, "Custom certificate only works with insecureSkipTLSVerify on the APIService",
                .closedAsStale, .unsafeWorkaround,
                gist:
                    "With its own certificates on 2.14 a user only got the metrics API working by setting insecureSkipTLSVerify: true.",
                implication:
                    "Turns off TLS verification of the metrics server: report it as a security finding, plan its removal, never propose it.",
                notes: notesWorkarounds),
            issue(
                "kedacore/keda", 6967, "Nothing fills the APIService caBundle with autoGenerated and cert-manager off",
                .closed, .caveat,
                gist:
                    "With certificates.autoGenerated false and certManager.enabled false the APIService has no caBundle and HPAs fail.",
                implication:
                    "Turning rotation off through autoGenerated: false needs another CA injector; prefer the operator flag and keep the existing secret.",
                notes: notesWorkarounds),
            issue(
                "kedacore/keda", 4732, "Got insecureSkipTLSVerify conflict with caBundle", .closedAsStale, .gitOpsDrift,
                gist:
                    "Chart 2.12.x renders insecureSkipTLSVerify: false beside the injected caBundle; fixed in chart 2.13.0 (kedacore/charts#564).",
                implication:
                    "An Argo CD rule ignoring /spec/insecureSkipTLSVerify only hides a 2.12.x drift; it is not the rotation conflict.",
                notes: notesWorkarounds),
            issue(
                "kedacore/charts", 550, "APIService OutOfSync in Argo CD because of insecureSkipTLSVerify: false",
                .open, .gitOpsDrift,
                gist: "Chart 2.12.0's APIService carries insecureSkipTLSVerify: false (added by kedacore/charts#520).",
                implication: "Charts 2.12.x drift in Argo CD on that field; 2.13.0 and later do not render it.",
                notes: notesIssue),
            issue(
                "kedacore/charts", 681, "keda admission webhook goes out of sync in Argo CD due to caBundle field",
                .open, .gitOpsDrift,
                gist:
                    "Chart 2.15.1: the live keda-admission carries an injected caBundle that the chart does not render.",
                implication:
                    "Injected caBundle fields need GitOps ignore rules when the tool shows drift, whichever injector writes them.",
                notes: CatalogSource.researchNotes(section: "§6.1", title: "Argo CD drift rules")),
            issue(
                "kedacore/charts", 544, "Helm chart 2.12.0 - endless loop in ArgoCD", .closed, .gitOpsDrift,
                gist:
                    "AKS: keda-admission namespaceSelector and APIService insecureSkipTLSVerify diffs loop in Argo CD; fixed with argocd-cm customizations.",
                implication:
                    "System-wide Argo CD ignore rules in argocd-cm are an alternative to per-Application rules.",
                notes: notesIssue),
            issue(
                "cert-manager/cert-manager", 6721, "cmctl check api passes with only the CRDs installed", .notSeen,
                .evidenceStrength,
                gist: "A dry-run Certificate succeeds when the CRDs exist even if no cert-manager controller runs.",
                implication:
                    "cert-manager known only from its CRDs is weaker evidence than a running controller and a Ready issuer: say which the facts show.",
                notes: CatalogSource.researchNotes(section: "§6.4", title: "What a cert-manager presence check proves")),
            issue(
                "cert-manager/cert-manager", 4806, "cainjector conflicts updating an APIService", .closed, .caveat,
                gist: "cert-manager's cainjector hits the same \"object has been modified\" conflict on an APIService.",
                implication:
                    "cert-manager retries like any controller; it replaces the operator's full update loop but is not conflict-free.",
                notes: CatalogSource.researchNotes(section: "§4.2", title: "CA injector")),
            issue(
                "kedacore/keda", 6201, "keda-metrics-apiserver failing with connection refused", .closedAsStale,
                .sameSymptom,
                gist:
                    "Same reporter as #6551: the metrics API server loses its gRPC connection; pods restarted as first aid.",
                implication: "Restarting the operator and the metrics API server is first aid, not a fix.",
                notes: notesWorkarounds),
            issue(
                "kedacore/charts", 849, "--enable-cert-rotation incorrectly gated on metricsServer.enabled", .closed,
                .caveat,
                gist:
                    "An untagged chart commit (kedacore/charts#819) also required metricsServer.enabled; kedacore/charts#852 restored the rule before v2.20.0.",
                implication:
                    "Every tagged chart, 2.20.x included, computes --enable-cert-rotation as autoGenerated && !certManager.enabled.",
                notes: CatalogSource.researchNotes(section: "§1.3", title: "Related chart regression")),
        ]
    }()
}
