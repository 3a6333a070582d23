import ArgumentParser
import CertMigration
import Foundation

extension KedaCertMigrate {
    /// `generate`: the plan as validated, GitOps-ready files.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",  // named, not derived from the type: saves a runtime type lookup at start
            abstract: "Write the plan as files: values overlay, in-place patch, GitOps rules, pull-request body.",
            discussion: """
                Writes into the output folder: values-overlay.yaml, values.patch, gitops/ (when the facts name \
                Argo CD or Flux), PULL_REQUEST.md and plan.json. Every file is checked first; on any error \
                nothing is written. --in-place also applies the patch to your own values files (atomically; \
                refused if a file changed since it was read). Exit codes: 0 written (or nothing to write); \
                1 bad input, a failed check, or no strategy fits.
                """)

        @OptionGroup var options: MigrationOptions

        @Option(
            name: .customLong("output-dir"),
            help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir"))
        var outputDir: String

        @Flag(name: .customLong("in-place"), help: "Also apply the patch to the values files themselves.")
        var inPlace = false

        @Flag(name: .customLong("dry-run"), help: "Print what would be written, and write nothing.")
        var dryRun = false

        @Option(
            name: .customLong("templates"),
            help: ArgumentHelp("A folder of templates overriding the built-in ones file by file.", valueName: "dir"))
        var templates: String?

        @Option(
            name: .customLong("output"),
            help: "Output format: text (a line a file) or json (one JSON document; errors stay on stderr).")
        var output: OutputFormat = .text

        func run() throws {
            var result = OutputFormat.GenerateResult(status: .error, strategy: nil, outputDir: outputDir)
            let (input, diagnostics) = options.readInput()
            guard let input else {
                Terminal.printErrors(diagnostics)
                printJSON(result)
                throw ExitCode(1)
            }
            let context = DiagnosisContext(input)
            let plan = PlanDecider.plan(context)
            let patchPaths = PatchPaths()
            result.strategy = plan.strategy?.rawValue
            if plan.strategy == nil {
                Terminal.printNoStrategy(plan)
                printJSON(result)
                throw ExitCode(1)
            }
            let generation: Generation
            do {
                let templateSet = try TemplateOverrides.load(from: templates)
                generation = try MigrationGenerator(templates: templateSet, patchPath: patchPaths.path(for:))
                    .generate(context, plan: plan)
            } catch {
                Terminal.printErrors([error])
                printJSON(result)
                throw ExitCode(1)
            }
            if dryRun {
                result.status = .dryRun
                result.files = generation.files.map {
                    .init(path: displayPath($0.name), outcome: "would-write", bytes: $0.bytes.count)
                }
                result.patched =
                    inPlace
                    ? generation.patchedFiles.map {
                        .init(path: $0.fileName, outcome: "would-patch", bytes: $0.patched.count)
                    } : []
                if output == .json { printJSON(result) } else { printDryRun(generation, patchPaths: patchPaths) }
                return
            }
            do {
                let folder = OutputDirectory(root: outputDir)
                for file in generation.files {
                    let outcome = try folder.write(file.bytes, to: file.name)
                    let written = outcome == .written
                    result.files.append(
                        .init(
                            path: displayPath(file.name), outcome: written ? "written" : "unchanged",
                            bytes: file.bytes.count))
                    if output == .text { print("\(written ? "wrote" : "unchanged") \(displayPath(file.name))") }
                }
                if inPlace {
                    for file in generation.patchedFiles {
                        let root = URL(fileURLWithPath: file.fileName).deletingLastPathComponent().path
                        let outcome = try AtomicFileWriter(allowedRoot: root)
                            .write(file.patched, to: file.fileName, expectingUnchanged: file.original)
                        let word = outcome == .written ? "patched" : "unchanged"
                        result.patched.append(.init(path: file.fileName, outcome: word, bytes: file.patched.count))
                        if output == .text { print("\(word) \(file.fileName)") }
                    }
                }
            } catch {
                Terminal.printErrors([error])
                printJSON(result)
                throw ExitCode(1)
            }
            result.status = .written
            printJSON(result)
        }

        /// How an output file is named in messages: `DIR/NAME`, as given.
        func displayPath(_ name: String) -> String {
            "\(outputDir)/\(name)"
        }

        /// Prints the result when `--output json` was asked for; nothing otherwise.
        func printJSON(_ result: OutputFormat.GenerateResult) {
            guard output == .json else { return }
            print(OutputFormat.json(result, oneLine: false), terminator: "")
        }

        func printDryRun(_ generation: Generation, patchPaths: PatchPaths) {
            print("dry run: nothing is written (strategy \(generation.plan.strategy?.rawValue ?? "none"))")
            for file in generation.files {
                print("would write \(outputDir)/\(file.name) (\(file.bytes.count) bytes)")
            }
            for file in generation.patchedFiles where inPlace {
                print("would patch \(file.fileName)")
            }
            // The patch as a report shows it: values under secret keys redacted (values.patch itself stays exact).
            let patch = RedactedPatch.text(generation.patchedFiles, path: patchPaths.path(for:))
            if !patch.isEmpty {
                print("")
                print(patch, terminator: "")
            }
        }
    }
}
