import ArgumentParser
import Testing

@testable import keda_cert_migrate

/// The options name themselves (`.customLong`) to spare the parser deriving names at start; the names must stay the
/// ones it would derive from the properties, so that no option is renamed by accident.
@Suite("Option names: spelled out as the parser would derive them")
struct OptionNameTests {
    /// `kubernetesVersion` → `kubernetes-version`, as swift-argument-parser converts a property name.
    static func derivedName(_ property: String) -> String {
        var name = ""
        for character in property {
            if character.isUppercase {
                name += "-" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }

    /// The long names a command's help lists, one `--name` per option line start.
    static func longNames(inHelp help: String) -> Set<String> {
        var names: Set<String> = []
        for line in help.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-") else { continue }
            for word in trimmed.split(separator: " ").prefix(3) {
                for part in word.split(separator: "/") where part.hasPrefix("--") {
                    names.insert(String(part.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }))
                }
                if !word.hasSuffix(",") { break }
            }
        }
        return names
    }

    /// The properties of a parsable type, as its mirror names their wrappers (`_kubernetesVersion`).
    static func properties(of value: some ParsableArguments) -> [String] {
        Mirror(reflecting: value).children.compactMap { $0.label.map { String($0.dropFirst()) } }
    }

    @Test("MigrationOptions: every option's long name is its property's derived name")
    func migrationOptions() {
        let help = KedaCertMigrate.Plan.helpMessage()
        let names = Self.longNames(inHelp: help)
        for property in Self.properties(of: MigrationOptions()) where property != "cluster" {
            #expect(names.contains(Self.derivedName(property)), "--\(Self.derivedName(property)) missing from\n\(help)")
        }
        #expect(names.contains("no-cert-manager"))
    }

    @Test("ClusterOptions: every option's long name is its property's derived name")
    func clusterOptions() {
        let names = Self.longNames(inHelp: KedaCertMigrate.Facts.helpMessage())
        for property in Self.properties(of: ClusterOptions()) {
            #expect(names.contains(Self.derivedName(property)), "--\(Self.derivedName(property))")
        }
    }

    @Test("generate, check and facts: every own option's long name is its property's derived name")
    func commandOptions() {
        let commands: [(help: String, properties: [String])] = [
            (KedaCertMigrate.Generate.helpMessage(), Self.properties(of: KedaCertMigrate.Generate())),
            (KedaCertMigrate.Check.helpMessage(), Self.properties(of: KedaCertMigrate.Check())),
            (KedaCertMigrate.Facts.helpMessage(), Self.properties(of: KedaCertMigrate.Facts())),
        ]
        for command in commands {
            let names = Self.longNames(inHelp: command.help)
            for property in command.properties where property != "options" && property != "cluster" {
                #expect(names.contains(Self.derivedName(property)), "--\(Self.derivedName(property))")
            }
        }
    }

    @Test("the spelled-out names parse into their properties")
    func parsing() throws {
        let options = try MigrationOptions.parse([
            "-f", "a.yaml", "--facts", "facts.yaml", "--kubernetes-version", "v1.29.1", "--provider", "eks",
            "--keda-version", "2.16.0", "--chart-version", "2.16.1", "--no-cert-manager", "--cert-manager-version",
            "1.15.0", "--gitops", "flux", "--strategy", "upgrade", "--now", "2026-11-25T00:00:00Z",
        ])
        #expect(options.values == ["a.yaml"])
        #expect(options.facts == "facts.yaml")
        #expect(options.kubernetesVersion == "v1.29.1")
        #expect(options.provider == .eks)
        #expect(options.kedaVersion == "2.16.0")
        #expect(options.chartVersion == "2.16.1")
        #expect(options.certManager == false)
        #expect(options.certManagerVersion == "1.15.0")
        #expect(options.gitops == .flux)
        #expect(options.strategy == "upgrade")
        #expect(options.now == "2026-11-25T00:00:00Z")
        let generate = try KedaCertMigrate.Generate.parse([
            "-f", "a.yaml", "--output-dir", "out", "--in-place", "--dry-run", "--templates", "t", "--output", "json",
            "--from-cluster", "--context", "c", "--namespace", "n", "--timeout", "5",
        ])
        #expect(generate.outputDir == "out" && generate.inPlace && generate.dryRun)
        #expect(generate.templates == "t" && generate.output == .json)
        #expect(generate.options.cluster.fromCluster && generate.options.cluster.context == "c")
        #expect(generate.options.cluster.namespace == "n" && generate.options.cluster.timeout == 5)
    }
}
