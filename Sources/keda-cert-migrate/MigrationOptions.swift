import ArgumentParser
import CertMigration
import Foundation

/// The inputs `plan`, `check` (and later `generate`) share: values files, facts and the strategy.
///
/// Every option names itself (`.customLong("kubernetes-version")`) with the name swift-argument-parser would derive
/// from the property: the parser derives a name from the camel case at every start, for every option of the command,
/// each time it builds the command's options (four times for `generate`), 1.1M instructions in all.
/// `OptionNameTests` checks that each spelled-out name is the derived one.
struct MigrationOptions: ParsableArguments {
    @Option(
        name: [.customLong("values"), .customShort("f")], parsing: .upToNextOption,
        help: ArgumentHelp("Values files, layered like `helm -f a.yaml -f b.yaml` (later wins).", valueName: "file"))
    var values: [String] = []

    @Option(
        name: .customLong("facts"),
        help: ArgumentHelp("A facts file (YAML or JSON) describing the cluster.", valueName: "file"))
    var facts: String?

    @Option(
        name: .customLong("kubernetes-version"),
        help: ArgumentHelp("The Kubernetes server version, e.g. v1.28.9-eks-036c24b.", valueName: "version"))
    var kubernetesVersion: String?

    @Option(
        name: .customLong("provider"),
        help: ArgumentHelp("The Kubernetes provider: eks, gke, aks, openshift or other.", valueName: "provider"))
    var provider: KubernetesProvider?

    @Option(
        name: .customLong("keda-version"),
        help: ArgumentHelp("The running KEDA operator's version.", valueName: "version"))
    var kedaVersion: String?

    @Option(
        name: .customLong("chart-version"),
        help: ArgumentHelp("The installed KEDA chart's version.", valueName: "version"))
    var chartVersion: String?

    @Flag(
        name: .customLong("cert-manager"),
        inversion: .prefixedNo, exclusivity: .chooseLast,
        help: "Whether cert-manager is installed (its controller running).")
    var certManager: Bool?

    @Option(
        name: .customLong("cert-manager-version"), help: ArgumentHelp("cert-manager's version.", valueName: "version"))
    var certManagerVersion: String?

    @Option(
        name: .customLong("gitops"),
        help: ArgumentHelp("The GitOps tool that applies KEDA: argocd, flux or none.", valueName: "tool"))
    var gitops: GitOpsTool?

    @Option(
        name: .customLong("strategy"),
        help: ArgumentHelp(
            "auto (the rules decide), cert-manager, disable-rotation or upgrade.", valueName: "strategy"))
    var strategy: String = "auto"

    @Option(
        name: .customLong("now"),
        help: ArgumentHelp(
            "The moment to judge certificate expiry against (RFC 3339); default: now.", valueName: "timestamp"))
    var now: String?

    @OptionGroup(title: "Facts from the cluster (--facts and the fact flags override them)")
    var cluster: ClusterOptions

    func validate() throws {
        if values.isEmpty {
            throw ValidationError("give at least one values file with --values FILE (or -f FILE)")
        }
        if StrategyChoice(argument: strategy) == nil {
            throw ValidationError(
                "--strategy must be auto, cert-manager, disable-rotation or upgrade, not `\(strategy)`")
        }
        if cluster.namespace != nil, !cluster.fromCluster {
            throw ValidationError("--namespace needs --from-cluster")
        }
        if let now, Timestamp.date(now) == nil {
            throw ValidationError("--now must be an RFC 3339 timestamp such as 2026-11-25T12:00:00Z, not `\(now)`")
        }
        for (flag, text) in [
            ("--kubernetes-version", kubernetesVersion), ("--keda-version", kedaVersion),
            ("--chart-version", chartVersion), ("--cert-manager-version", certManagerVersion),
        ] {
            guard let text else { continue }
            do {
                _ = try SemanticVersion.parse(text)
            } catch {
                throw ValidationError("\(flag): \(error.description)")
            }
        }
    }

    /// The facts given as flags, each with its flag as origin.
    func flagFacts() -> ClusterFacts {
        var facts = ClusterFacts()
        func version(_ text: String?, _ flag: String) -> Fact<SemanticVersion>? {
            text.flatMap { try? SemanticVersion.parse($0) }.map { Fact($0, from: .flag(flag)) }
        }
        facts.kubernetesVersion = version(kubernetesVersion, "--kubernetes-version")
        facts.kedaVersion = version(kedaVersion, "--keda-version")
        facts.chartVersion = version(chartVersion, "--chart-version")
        facts.certManagerVersion = version(certManagerVersion, "--cert-manager-version")
        facts.provider = provider.map { Fact($0, from: .flag("--provider")) }
        facts.gitops = gitops.map { Fact($0, from: .flag("--gitops")) }
        if let certManager {
            facts.certManagerInstalled = Fact(
                certManager, from: .flag(certManager ? "--cert-manager" : "--no-cert-manager"))
            if certManager { facts.certManagerEvidence = Fact(.controller, from: .flag("--cert-manager")) }
        }
        return facts
    }

    /// Reads every input. Bad input becomes diagnostics (errors among them), never an exception.
    func readInput(files: InputFiles = InputFiles()) -> (input: MigrationInput?, diagnostics: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func load(_ path: String) -> InputFile? {
            switch files.read(path) {
            case .success(let bytes): return InputFile(name: path, bytes: bytes)
            case .failure(let problem):
                problems.append(problem)
                return nil
            }
        }
        let factsFile = facts.flatMap(load)
        let valuesFiles = values.compactMap(load)
        guard problems.isEmpty else { return (nil, problems) }
        if cluster.fromCluster {
            // The cluster's facts rank below the facts file's, which rank below the flags'.
            let probed = cluster.probe()
            guard !probed.diagnostics.hasErrors else { return (nil, probed.diagnostics) }
            var read = MigrationInputReader.read(
                values: valuesFiles, facts: factsFile, flagFacts: flagFacts(),
                strategy: StrategyChoice(argument: strategy) ?? .auto, now: now.flatMap(Timestamp.date) ?? Date())
            if var input = read.input {
                input.facts = probed.facts.overridden(by: input.facts)
                input.factDiagnostics += probed.diagnostics
                read.input = input
            }
            return read
        }
        return MigrationInputReader.read(
            values: valuesFiles, facts: factsFile, flagFacts: flagFacts(),
            strategy: StrategyChoice(argument: strategy) ?? .auto, now: now.flatMap(Timestamp.date) ?? Date())
    }
}

extension KubernetesProvider: NamedCaseArgument {}
extension GitOpsTool: NamedCaseArgument {}
