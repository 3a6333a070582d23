extension ClusterProbe {
    /// `kubectl get crd certificates.cert-manager.io -o json --ignore-not-found` (empty when it does not exist),
    /// `kubectl get crd -o json` or `kubectl api-resources -o name`: whether `certificates.cert-manager.io` exists,
    /// and the version its `app.kubernetes.io/version` label names.
    static func readCustomResourceDefinitions(
        _ output: CapturedOutput, into probed: inout ProbedFacts, _ sightings: inout CertManagerSightings
    ) {
        let keys = ClusterQuery.customResourceDefinitions.factKeys
        switch output.format {
        case .names:
            let names = output.lines
            sightings.crds = Fact(names.contains("certificates.cert-manager.io"), from: output.origin)
        case .json:
            if output.isBlank {
                sightings.crds = Fact(false, from: output.origin)
                return
            }
            typealias Definitions = KubernetesObjectShapes.ObjectOrList<KubernetesObjectShapes.CustomResourceDefinition>
            guard let list = decode(Definitions.self, output, keys: keys, into: &probed) else { return }
            let certificates = list.objects.first { $0.metadata?.name == "certificates.cert-manager.io" }
            sightings.crds = Fact(certificates != nil, from: output.origin)
            if let label = certificates?.metadata?.labels?["app.kubernetes.io/version"],
                let version = try? SemanticVersion.parse(label)
            {
                sightings.crdVersion = Fact(version, from: output.origin)
            }
        }
    }

    /// `kubectl get deployment -n cert-manager cert-manager -o json`: a controller with a ready replica, and its
    /// version from the image tag (`quay.io/jetstack/cert-manager-controller:v1.15.3`).
    static func readCertManagerController(
        _ output: CapturedOutput, into probed: inout ProbedFacts, _ sightings: inout CertManagerSightings
    ) {
        if output.isBlank {
            sightings.controller = .absent(output)
            return
        }
        typealias Deployments = KubernetesObjectShapes.ObjectOrList<KubernetesObjectShapes.Deployment>
        guard let list = decode(Deployments.self, output, keys: [.certManagerVersion], into: &probed) else {
            sightings.controllerUnknown = "\(output.name) cannot be read"
            return
        }
        guard let deployment = list.objects.first(where: { $0.metadata?.name == "cert-manager" }) ?? list.objects.first
        else {
            sightings.controller = .absent(output)
            return
        }
        let tag = deployment.container(named: "cert-manager-controller")?.image.flatMap { ContainerImage($0).tag }
        let version = tag.flatMap { try? SemanticVersion.parse($0) }
        if (deployment.status?.readyReplicas ?? 0) > 0 {
            sightings.controller = .running(output, version)
        } else {
            sightings.controller = .notReady(output)
        }
    }
}

/// What the outputs showed of cert-manager, concluded into facts once both have been read.
struct CertManagerSightings {
    /// The controller Deployment as seen.
    enum Controller {
        case notSeen
        case running(CapturedOutput, SemanticVersion?)
        case notReady(CapturedOutput)
        case absent(CapturedOutput)
    }

    /// Whether `certificates.cert-manager.io` exists.
    var crds: Fact<Bool>?
    /// The version the CRDs' label names.
    var crdVersion: Fact<SemanticVersion>?
    /// The controller.
    var controller = Controller.notSeen
    /// Why the controller was not seen, when it was asked for.
    var controllerUnknown: String?

    /// Puts `installed`, `detectedFrom` and `version` into the facts, with a reason for each that stays unknown.
    func conclude(into probed: inout ProbedFacts) {
        let issue = "CRDs alone do not prove cert-manager runs (cert-manager/cert-manager#6721)"
        if case .running(let output, let version) = controller {
            ClusterProbe.give(\.certManagerInstalled, true, from: output.origin, into: &probed)
            ClusterProbe.give(\.certManagerEvidence, .controller, from: output.origin, into: &probed)
            if let version {
                ClusterProbe.give(\.certManagerVersion, version, from: output.origin, into: &probed)
            } else if let crdVersion {
                ClusterProbe.give(\.certManagerVersion, crdVersion.value, from: crdVersion.origin, into: &probed)
            } else {
                probed.unknown(.certManagerVersion, "the controller's image carries no version tag (\(output.name))")
            }
            return
        }
        let controllerSeen: String? =
            switch controller {
            case .notReady(let output): "the cert-manager Deployment has no ready replica (\(output.name))"
            case .absent(let output): "no cert-manager Deployment in the namespace cert-manager (\(output.name))"
            case .notSeen, .running: nil
            }
        if let crds, crds.value {
            ClusterProbe.give(\.certManagerInstalled, true, from: crds.origin, into: &probed)
            ClusterProbe.give(\.certManagerEvidence, .crds, from: crds.origin, into: &probed)
            if let crdVersion {
                ClusterProbe.give(\.certManagerVersion, crdVersion.value, from: crdVersion.origin, into: &probed)
            }
            let controllerState = controllerSeen ?? controllerUnknown.map { "the controller is unknown: \($0)" }
            if let controllerState {
                probed.remarks.append("cert-manager's CRDs exist but \(controllerState); \(issue)")
            }
            probed.unknown(.certManagerVersion, "cert-manager's CRDs carry no app.kubernetes.io/version label")
        } else if let crds {
            if case .notReady = controller {
                probed.explain(
                    [.certManagerInstalled, .certManagerEvidence, .certManagerVersion],
                    "a cert-manager Deployment exists without cert-manager's CRDs: a broken install")
            } else {
                ClusterProbe.give(\.certManagerInstalled, false, from: crds.origin, into: &probed)
                probed.explain(
                    [.certManagerEvidence, .certManagerVersion],
                    "cert-manager is not installed (its CRDs are absent: \(crds.origin))")
            }
        } else {
            let reason =
                controllerSeen.map { "\($0), and its CRDs were not read: it may run elsewhere" }
                ?? controllerUnknown ?? "neither its CRDs nor its controller were read"
            probed.unknown([.certManagerInstalled, .certManagerEvidence, .certManagerVersion], reason)
        }
    }
}

extension CapturedOutput {
    /// The text's non-empty lines, trimmed.
    var lines: [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }
}
