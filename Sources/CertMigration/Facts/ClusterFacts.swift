/// Where a fact came from, so a report can say why the tool believes it.
public enum FactOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Read from a facts file at this place.
    case file(SourceLocation)
    /// Given on the command line with this flag.
    case flag(String)
    /// Printed by this command, which the tool ran with `--from-cluster`.
    case command(String)
    /// Worked out from another fact (for example the provider from an `-eks-` version suffix).
    case derived(String)

    /// `facts.yaml:3:12`, `--kubernetes-version`, or `derived from ...`.
    public var description: String {
        switch self {
        case .file(let location): location.description
        case .flag(let flag): flag
        case .command(let command): "`" + command + "`"
        case .derived(let reason): "derived from " + reason
        }
    }

    /// The place in a file, when the fact came from one.
    public var location: SourceLocation? {
        if case .file(let location) = self { return location }
        return nil
    }
}

/// A value the tool knows about the cluster, with where it came from.
///
/// Equatable and Hashable only where its value is (declared apart: the generic requirement `Value: Hashable` made the
/// runtime look up that conformance for each fact type at start, about 0.4M instructions each in the static build).
public struct Fact<Value: Sendable>: Sendable {
    /// The value.
    public var value: Value
    /// Its origin.
    public var origin: FactOrigin

    /// Creates a fact.
    public init(_ value: Value, from origin: FactOrigin) {
        self.value = value
        self.origin = origin
    }
}

extension Fact: Equatable where Value: Equatable {}
extension Fact: Hashable where Value: Hashable {}

/// The Kubernetes distribution, which decides how closely a cluster matches the known failure reports.
public enum KubernetesProvider: String, Sendable, Hashable, CaseIterable, Codable {
    /// Amazon EKS.
    case eks
    /// Google GKE.
    case gke
    /// Azure AKS.
    case aks
    /// Red Hat OpenShift.
    case openshift
    /// Anything else.
    case other
}

/// The GitOps tool that applies the KEDA release, which decides the drift rules a change may need.
public enum GitOpsTool: String, Sendable, Hashable, CaseIterable, Codable {
    /// Argo CD.
    case argocd
    /// Flux (helm-controller).
    case flux
    /// Helm run by hand or by a pipeline.
    case none
}

/// What shows that cert-manager is there: a running controller is strong evidence, CRDs alone are weak
/// (cert-manager/cert-manager#6721: the API can answer with no controller to issue anything).
public enum CertManagerEvidence: String, Sendable, Hashable, CaseIterable, Codable {
    /// Its CustomResourceDefinitions exist.
    case crds
    /// Its controller Deployment runs.
    case controller
}

/// An Issuer or ClusterIssuer the team already runs.
public struct IssuerReference: Sendable, Hashable, Codable {
    /// Whether it is namespaced or cluster-wide.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A namespaced Issuer (usable only from its own namespace).
        case issuer = "Issuer"
        /// A ClusterIssuer (usable from any namespace).
        case clusterIssuer = "ClusterIssuer"
    }
    /// The issuer's name.
    public var name: String
    /// Its kind.
    public var kind: Kind
    /// Its API group (`cert-manager.io` unless an external issuer).
    public var group: String

    /// Creates a reference.
    public init(name: String, kind: Kind, group: String = "cert-manager.io") {
        self.name = name
        self.kind = kind
        self.group = group
    }
}

/// Everything the tool knows about one cluster: each fact optional, each with its origin.
public struct ClusterFacts: Sendable, Hashable {
    /// The Kubernetes server version (`kubectl version`), provider suffix kept.
    public var kubernetesVersion: Fact<SemanticVersion>?
    /// The Kubernetes distribution.
    public var provider: Fact<KubernetesProvider>?
    /// The running KEDA operator's version.
    public var kedaVersion: Fact<SemanticVersion>?
    /// The installed KEDA chart's version.
    public var chartVersion: Fact<SemanticVersion>?
    /// The namespace KEDA runs in.
    public var namespace: Fact<String>?
    /// The Helm release name.
    public var releaseName: Fact<String>?
    /// Whether cert-manager is installed.
    public var certManagerInstalled: Fact<Bool>?
    /// What shows that cert-manager is there.
    public var certManagerEvidence: Fact<CertManagerEvidence>?
    /// cert-manager's version.
    public var certManagerVersion: Fact<SemanticVersion>?
    /// An issuer the team already runs, to sign KEDA's certificates.
    public var issuer: Fact<IssuerReference>?
    /// The GitOps tool that applies KEDA.
    public var gitops: Fact<GitOpsTool>?
    /// Whether the certificate secret (`kedaorg-certs` by default) exists now.
    public var certificateSecretExists: Fact<Bool>?
    /// When the current certificate expires, as an RFC 3339 UTC timestamp (`2034-11-02T10:00:00Z`).
    public var certificateNotAfter: Fact<String>?
    /// Whether the APIService `v1beta1.external.metrics.k8s.io` is Available now.
    public var apiServiceAvailable: Fact<Bool>?
    /// Whether that APIService skips TLS verification now (the unsafe workaround).
    public var apiServiceInsecureSkipTLSVerify: Fact<Bool>?

    /// Facts with nothing known.
    public init() {}

    /// The namespace, `keda` when unknown (the chart's documented install namespace).
    public var namespaceOrDefault: String { namespace?.value ?? "keda" }

    /// The release name, `keda` when unknown.
    public var releaseNameOrDefault: String { releaseName?.value ?? "keda" }

    /// These facts with every fact that `overrides` knows put in place of this one's.
    public func overridden(by overrides: ClusterFacts) -> ClusterFacts {
        var merged = self
        merged.override(with: overrides)
        return merged
    }

    /// Puts every fact that `overrides` knows in place of this one's, in place: a fleet merges every cluster's
    /// facts, and a merged copy cost a copy and a destruction of every fact.
    public mutating func override(with overrides: ClusterFacts) {
        // Field by field: key paths cost 30K instructions a call.
        if let fact = overrides.kubernetesVersion { kubernetesVersion = fact }
        if let fact = overrides.provider { provider = fact }
        if let fact = overrides.kedaVersion { kedaVersion = fact }
        if let fact = overrides.chartVersion { chartVersion = fact }
        if let fact = overrides.namespace { namespace = fact }
        if let fact = overrides.releaseName { releaseName = fact }
        if let fact = overrides.certManagerInstalled { certManagerInstalled = fact }
        if let fact = overrides.certManagerEvidence { certManagerEvidence = fact }
        if let fact = overrides.certManagerVersion { certManagerVersion = fact }
        if let fact = overrides.issuer { issuer = fact }
        if let fact = overrides.gitops { gitops = fact }
        if let fact = overrides.certificateSecretExists { certificateSecretExists = fact }
        if let fact = overrides.certificateNotAfter { certificateNotAfter = fact }
        if let fact = overrides.apiServiceAvailable { apiServiceAvailable = fact }
        if let fact = overrides.apiServiceInsecureSkipTLSVerify { apiServiceInsecureSkipTLSVerify = fact }
    }

    /// The provider given, or the one a version suffix names (`-eks-`, `-gke.`), or nil.
    public var effectiveProvider: Fact<KubernetesProvider>? {
        if let provider { return provider }
        guard let version = kubernetesVersion, let provider = Self.provider(namedBy: version.value) else { return nil }
        // Written only for a suffix that names a provider.
        let reason = String.concatenating(
            "the Kubernetes version ", version.value.description, " (", version.origin.description, ")")
        return Fact(provider, from: .derived(reason))
    }

    /// The value of ``effectiveProvider`` alone, without writing out where a derived one comes from.
    var effectiveProviderValue: KubernetesProvider? {
        if let provider { return provider.value }
        return kubernetesVersion.flatMap { Self.provider(namedBy: $0.value) }
    }

    /// The provider a version's suffix names (`-eks-`, `-gke.`), or nil.
    static func provider(namedBy version: SemanticVersion) -> KubernetesProvider? {
        guard let suffix = version.suffix?.lowercased() else { return nil }
        if suffix.hasPrefix("eks") { return .eks }
        if suffix.hasPrefix("gke") { return .gke }
        return nil
    }
}
