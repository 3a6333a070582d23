import ArgumentParser
import CertMigration

/// The `keda-cert-migrate` command: a thin shell over the CertMigration library.
@main
struct KedaCertMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keda-cert-migrate",
        abstract: "Plan and write the way out of KEDA's certificate-rotation failures.",
        discussion: """
            Reads a cluster's KEDA Helm values (plain files, Argo CD Applications, Flux HelmReleases) and its \
            facts, decides whether to turn KEDA's certificate rotation off, hand the certificates to \
            cert-manager or upgrade, explains why, and writes the change as validated YAML.
            """,
        version: ToolVersion.current,
        subcommands: [Plan.self, Check.self, Generate.self, Fleet.self, Facts.self]
    )
}
