/// One question the tool asks a cluster, answered either by a captured file or by running its read-only commands.
///
/// A bot captures each answer beside the values with the command of ``commands(context:namespace:)`` redirected
/// into the file of ``capturedFileNames``; `--from-cluster` runs the same commands itself.
public enum ClusterQuery: String, Sendable, Hashable, CaseIterable {
    /// `kubectl version -o json`: the server's version, and from its suffix the provider.
    case kubernetesVersion
    /// `helm list -A -o json`: the KEDA release (chart version, release name, namespace).
    case helmReleases
    /// `kubectl get crd certificates.cert-manager.io -o json --ignore-not-found` (or all CRDs, `kubectl get crd -o
    /// json`, or `kubectl api-resources -o name`): whether cert-manager's CRDs exist.
    case customResourceDefinitions
    /// `kubectl get deployment -n NS keda-operator -o json`: the operator's version and its rotation flag.
    case kedaOperator
    /// `kubectl get secret -n NS kedaorg-certs -o json`: the certificate secret and its expiry.
    case certificateSecret
    /// `kubectl get applications.argoproj.io -A -o name` and Flux's HelmReleases: the GitOps tool.
    case gitOpsObjects
    /// `kubectl get apiservice v1beta1.external.metrics.k8s.io -o json`: its Available condition.
    case apiService
    /// `kubectl get deployment -n cert-manager cert-manager -o json`: a running cert-manager controller.
    case certManagerController

    /// The names a captured answer may have in the `--captured` folder, the preferred one first.
    public var capturedFileNames: [String] {
        switch self {
        case .kubernetesVersion: ["kubectl-version.json"]
        case .helmReleases: ["helm-list.json"]
        case .customResourceDefinitions: ["crds.json", "api-resources.txt"]
        case .kedaOperator: ["keda-operator.json"]
        case .certificateSecret: ["kedaorg-certs.json"]
        case .gitOpsObjects: ["gitops.txt"]
        case .apiService: ["apiservice.json"]
        case .certManagerController: ["cert-manager.json"]
        }
    }

    /// The read-only commands that answer the question, `--context` (helm: `--kube-context`) on each when given.
    ///
    /// Objects that may be absent are asked for with `--ignore-not-found`, so an absent object is an empty answer
    /// and exit status 0, not an error.
    public func commands(context: String?, namespace: String) -> [ClusterCommand] {
        let kubectlContext = context.map { ["--context", $0] } ?? []
        func kubectl(_ arguments: String...) -> ClusterCommand {
            ClusterCommand(tool: "kubectl", arguments: arguments + kubectlContext)
        }
        switch self {
        case .kubernetesVersion:
            return [kubectl("version", "-o", "json")]
        case .helmReleases:
            return [
                ClusterCommand(
                    tool: "helm",
                    arguments: ["list", "-A", "-o", "json"] + (context.map { ["--kube-context", $0] } ?? []))
            ]
        case .customResourceDefinitions:
            // One CRD rather than every CRD: on clusters with hundreds of CRDs the whole list runs to many megabytes.
            return [kubectl("get", "crd", "certificates.cert-manager.io", "-o", "json", "--ignore-not-found")]
        case .kedaOperator:
            return [kubectl("get", "deployment", "-n", namespace, "keda-operator", "-o", "json", "--ignore-not-found")]
        case .certificateSecret:
            return [kubectl("get", "secret", "-n", namespace, "kedaorg-certs", "-o", "json", "--ignore-not-found")]
        case .gitOpsObjects:
            return [
                kubectl("get", "applications.argoproj.io", "-A", "-o", "name"),
                kubectl("get", "helmreleases.helm.toolkit.fluxcd.io", "-A", "-o", "name"),
            ]
        case .apiService:
            return [
                kubectl("get", "apiservice", "v1beta1.external.metrics.k8s.io", "-o", "json", "--ignore-not-found")
            ]
        case .certManagerController:
            return [
                kubectl("get", "deployment", "-n", "cert-manager", "cert-manager", "-o", "json", "--ignore-not-found")
            ]
        }
    }
}
