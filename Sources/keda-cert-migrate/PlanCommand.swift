import ArgumentParser
import CertMigration
import Foundation

/// The output formats of `plan`.
enum PlanFormat: String, NamedCaseArgument {
    case text, markdown, json
}

extension KedaCertMigrate {
    /// `plan`: the diagnosis and the plan.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",  // named, not derived from the type: saves a runtime type lookup at start
            abstract: "Diagnose a cluster's KEDA certificate handling and plan the way out.",
            discussion: """
                Exit codes: 0 a plan was made; 1 bad input, or no strategy's preconditions hold.
                """)

        @OptionGroup var options: MigrationOptions

        @Option(
            name: [.customLong("format"), .customLong("output")],
            help: "Output format: text, markdown or json (--output is the same option).")
        var format: PlanFormat = .text

        func run() throws {
            let plan = try decide(options)
            switch format {
            case .text: print(PlanTextRenderer(colour: Terminal.isColourTerminal).render(plan), terminator: "")
            case .markdown: print(PlanMarkdownRenderer().render(plan), terminator: "")
            case .json: print(PlanReport(plan).json(), terminator: "")
            }
            if plan.strategy == nil { throw ExitCode(1) }
        }
    }

    /// `check`: one line and an exit code, for CI.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",  // named, not derived from the type: saves a runtime type lookup at start
            abstract: "Say in one line whether the values need a change.",
            discussion: """
                Exit codes: 0 nothing to change; 2 a change is needed; 1 bad input, or no strategy fits.
                """)

        @OptionGroup var options: MigrationOptions

        @Option(
            name: .customLong("output"),
            help: "Output format: text (one line) or json (one JSON line; errors stay on stderr).")
        var output: OutputFormat = .text

        func run() throws {
            let plan: RemediationPlan
            do {
                plan = try decide(options)
            } catch {
                report(.error, strategy: nil, changes: 0, reason: "the input has errors (see stderr)", text: nil)
                throw error
            }
            guard let strategy = plan.strategy else {
                Terminal.printNoStrategy(plan)
                report(
                    .error, strategy: nil, changes: plan.changes.count, reason: plan.reason,
                    text: "error: no strategy fits (run `keda-cert-migrate plan` with the same inputs to see why)")
                throw ExitCode(1)
            }
            if plan.needsChange {
                let count = plan.changes.count
                let detail = count == 0 ? "" : " (\(count) value\(count == 1 ? "" : "s") to change)"
                report(
                    .changeNeeded, strategy: strategy, changes: count, reason: plan.reason,
                    text: "change needed: \(strategy)\(detail)")
                throw ExitCode(2)
            }
            report(
                .nothingToChange, strategy: strategy, changes: plan.changes.count, reason: plan.reason,
                text: "nothing to change: \(plan.reason)")
        }

        /// Prints the one line of the chosen format (`text` nil: nothing on stdout in text mode).
        func report(
            _ status: OutputFormat.CheckResult.Status, strategy: Strategy?, changes: Int, reason: String,
            text: String?
        ) {
            switch output {
            case .text:
                if let text { print(text) }
            case .json:
                let result = OutputFormat.CheckResult(
                    status: status, strategy: strategy?.rawValue, changes: changes, reason: reason)
                print(OutputFormat.json(result, oneLine: true), terminator: "")
            }
        }
    }
}

/// Reads the inputs and decides; prints input errors compiler-style on stderr and exits 1.
func decide(_ options: MigrationOptions) throws -> RemediationPlan {
    let (input, diagnostics) = options.readInput()
    guard let input else {
        Terminal.printErrors(diagnostics)
        throw ExitCode(1)
    }
    return PlanDecider.plan(input)
}

/// What the commands know of the terminal.
enum Terminal {
    /// True when stdout is a terminal and NO_COLOR is not set.
    static var isColourTerminal: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Says on stderr why no strategy fits: the located errors in the inputs when there are any (those are what to
    /// fix), else the plan's reason.
    static func printNoStrategy(_ plan: RemediationPlan) {
        let errors = plan.findings.filter { $0.severity == .error }
        if errors.isEmpty {
            printErrors([
                Diagnostic(
                    id: "plan.no-strategy", severity: .error, message: "no strategy fits: \(plan.reason)",
                    fix: "run `keda-cert-migrate plan` with the same inputs for each precondition and how to supply "
                        + "the missing fact")
            ])
        } else {
            printErrors(errors)
        }
    }

    /// Prints diagnostics to stderr, one `file:line:column: severity: message` each.
    static func printErrors(_ diagnostics: [Diagnostic]) {
        var text = ""
        for diagnostic in diagnostics.sortedByLocation() { text += diagnostic.description + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
