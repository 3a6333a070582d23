/// Turns a cluster's command outputs (captured files, or the commands run by `--from-cluster`) into
/// ``ClusterFacts``, each fact with the file or command it came from, and a reason for each fact it cannot know.
///
/// A pure function over bytes: the command line reads the files or runs the commands and hands over the answers.
public enum ClusterProbe {
    /// Reads every answer.
    ///
    /// - Parameters:
    ///   - answers: what each query gave; a query with no entry is treated as not asked.
    ///   - namespace: KEDA's namespace when the user named it (`--namespace`), to choose among several releases.
    public static func read(_ answers: [ClusterQuery: ClusterAnswer], namespace: String? = nil) -> ProbedFacts {
        var probed = ProbedFacts()
        var certManager = CertManagerSightings()
        for query in ClusterQuery.allCases {
            switch answers[query] {
            case nil:
                probed.unknown(query.factKeys, "not asked")
            case .unavailable(let reason):
                probed.unknown(query.factKeys, reason)
                if query == .certManagerController { certManager.controllerUnknown = reason }
            case .output(let output):
                switch query {
                case .kubernetesVersion: readKubernetesVersion(output, into: &probed)
                case .helmReleases: readHelmReleases(output, namespace: namespace, into: &probed)
                case .customResourceDefinitions: readCustomResourceDefinitions(output, into: &probed, &certManager)
                case .kedaOperator: readKedaOperator(output, into: &probed)
                case .certificateSecret: readCertificateSecret(output, into: &probed)
                case .gitOpsObjects: readGitOpsObjects(output, into: &probed)
                case .apiService: readAPIService(output, into: &probed)
                case .certManagerController: readCertManagerController(output, into: &probed, &certManager)
                }
            }
        }
        certManager.conclude(into: &probed)
        probed.unknown(
            .issuer, "the tool does not look for issuers: name one the team runs under certManager.issuer, if any")
        return probed
    }

    /// Sets a fact unless an earlier source already gave it.
    static func give<Value>(
        _ path: WritableKeyPath<ClusterFacts, Fact<Value>?>, _ value: Value, from origin: FactOrigin,
        into probed: inout ProbedFacts
    ) {
        if probed.facts[keyPath: path] == nil { probed.facts[keyPath: path] = Fact(value, from: origin) }
    }

    /// The JSON of an output, or nil after recording its error and marking `keys` unknown.
    static func decode<Shape: Decodable>(
        _ shape: Shape.Type, _ output: CapturedOutput, keys: [FactKey], into probed: inout ProbedFacts
    ) -> Shape? {
        switch CapturedJSON.decode(shape, from: output) {
        case .success(let value): return value
        case .failure(let diagnostic):
            probed.diagnostics.append(diagnostic)
            probed.unknown(keys, "\(output.name) cannot be read (see the error above)")
            return nil
        }
    }
}

extension ClusterQuery {
    /// The facts this query can give.
    var factKeys: [FactKey] {
        switch self {
        case .kubernetesVersion: [.kubernetesVersion, .provider]
        case .helmReleases: [.chartVersion, .releaseName]
        case .customResourceDefinitions: [.certManagerInstalled, .certManagerEvidence]
        case .kedaOperator: [.kedaVersion, .namespace]
        case .certificateSecret: [.certificateSecretExists, .certificateNotAfter]
        case .gitOpsObjects: [.gitops]
        case .apiService: [.apiServiceAvailable, .apiServiceInsecureSkipTLSVerify]
        case .certManagerController: [.certManagerVersion]
        }
    }
}
