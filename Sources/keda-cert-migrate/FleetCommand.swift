import ArgumentParser
import CGNUCalls
import CertMigration
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The words, help and completions of the library's defaults, without their key paths looked up at start (0.3 to 0.4
// million instructions a run, measured).
extension FleetSummaryFormatter.Format: NamedCaseArgument {}

extension KedaCertMigrate {
    /// `fleet`: every cluster of a fleet in one run, with a summary.
    struct Fleet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fleet",  // named, not derived from the type: saves a runtime type lookup at start
            abstract: "Plan (and write) the change for every cluster of a fleet, with a summary.",
            discussion: """
                FLEET is a folder with one sub-folder per cluster (its facts.yaml and its values files, layered in \
                name order without the extension), or a fleet index file listing each cluster's name, values and \
                facts. With --output-dir, each cluster's files (as `generate` writes them) go to OUT/<cluster>/ and \
                the summary also to OUT/fleet-summary.<format>; without it nothing is written. The summary goes to \
                stdout, errors to stderr, both in cluster order whatever --jobs is. Exit codes: 0 every cluster \
                went through; 1 a cluster failed (bad input, no strategy fits, a failed check or write); 2 with \
                --check, a cluster needs a change.
                """)

        @Argument(help: ArgumentHelp("A fleet folder or a fleet index file.", valueName: "fleet"))
        var fleet: String

        @Option(
            help: ArgumentHelp("Write each cluster's files into OUT/<cluster>/ (created if missing).", valueName: "dir")
        )
        var outputDir: String?

        @Flag(help: "Exit 2 when any cluster needs a change (without --output-dir nothing is written).")
        var check = false

        /// Nil without `--jobs`: every core, counted in ``run()`` only. (As a default value, the count was taken each
        /// time the parser made the command, five times a run, each reading the cgroup's CPU quota files.)
        @Option(help: ArgumentHelp("How many clusters to work on at once (default: every core).", valueName: "n"))
        var jobs: Int?

        @Option(help: "The summary's format: text, markdown, json or csv.")
        var format: FleetSummaryFormatter.Format = .text

        @Option(
            help: ArgumentHelp(
                "auto (the rules decide), cert-manager, disable-rotation or upgrade, for every cluster.",
                valueName: "strategy"))
        var strategy: String = "auto"

        @Option(
            help: ArgumentHelp(
                "The moment to judge certificate expiry against (RFC 3339); default: now.", valueName: "timestamp"))
        var now: String?

        @Option(
            help: ArgumentHelp("A folder of templates overriding the built-in ones file by file.", valueName: "dir"))
        var templates: String?

        /// The most clusters worked on at once.
        static let maximumJobs = 1024

        func validate() throws {
            if StrategyChoice(argument: strategy) == nil {
                throw ValidationError(
                    "--strategy must be auto, cert-manager, disable-rotation or upgrade, not `\(strategy)`")
            }
            if let now, Timestamp.date(now) == nil {
                throw ValidationError("--now must be an RFC 3339 timestamp such as 2026-11-25T12:00:00Z, not `\(now)`")
            }
            if let jobs, !(1...Self.maximumJobs).contains(jobs) {
                throw ValidationError("--jobs must be between 1 and \(Self.maximumJobs), not \(jobs)")
            }
        }

        func run() throws {
            let inventory = FleetInventory.read(fleet, outputDir: outputDir)
            var progress = ProgressBar(total: inventory.members.count)
            Terminal.printErrors(inventory.problems)
            if inventory.members.isEmpty { throw ExitCode(1) }
            if let outputDir, let out = AtomicFileWriter.realPath(outputDir),
                let real = AtomicFileWriter.realPath(fleet),
                AtomicFileWriter.samePath(out, real)
            {
                Terminal.printErrors([
                    Diagnostic(
                        id: "fleet.output-is-fleet", severity: .error,
                        message: "--output-dir is the fleet folder: each cluster's outputs would land among its inputs "
                            + "and be read as values next time", location: SourceLocation(file: outputDir),
                        fix: "write somewhere else, e.g. --output-dir out (a folder inside the fleet folder is fine)")
                ])
                throw ExitCode(1)
            }
            let summaryName = "fleet-summary.\(format.fileExtension)"
            if let clash = inventory.members.first(where: { $0.name == summaryName }), outputDir != nil {
                Terminal.printErrors([
                    Diagnostic(
                        id: "fleet.bad-cluster-name", severity: .error,
                        message: "the cluster `\(clash.name)` has the name of the summary file", location: nil,
                        fix: "rename the cluster")
                ])
                throw ExitCode(1)
            }
            let evaluator: FleetClusterEvaluator
            let summaryFile: AtomicFileStream?
            let output = outputDir.map { OutputDirectory(root: $0, flushesEachFile: false) }
            do {
                evaluator = FleetClusterEvaluator(
                    strategy: StrategyChoice(argument: strategy) ?? .auto, now: now.flatMap(Timestamp.date) ?? Date(),
                    generates: outputDir != nil,
                    generator: MigrationGenerator(
                        templates: try TemplateOverrides.load(from: templates), patchPath: PatchPaths().path(for:)))
                if let outputDir, let output {
                    try output.createRoot()
                    summaryFile = try AtomicFileStream(path: outputDir + "/" + summaryName)
                } else {
                    summaryFile = nil
                }
            } catch {
                Terminal.printErrors([error])
                throw ExitCode(1)
            }

            let formatter = FleetSummaryFormatter(format: format, clusterNames: inventory.members.lazy.map(\.name))
            var totals = FleetTotals()
            var failedToWrite: Diagnostic?
            func emit(_ text: String) {
                print(text, terminator: "")
                guard failedToWrite == nil else { return }
                do { try summaryFile?.append(text) } catch { failedToWrite = error }
            }
            emit(formatter.header())
            let members = inventory.members
            let jobs = jobs ?? min(ProcessInfo.processInfo.activeProcessorCount, Self.maximumJobs)
            let work = OrderedParallelMap(count: members.count, jobs: jobs) { index in
                Self.process(members[index], evaluator: evaluator, output: output)
            }
            work.run { index, outcome in
                progress.clear()  // rows and errors may go to the same terminal: print them above the bar
                if !outcome.diagnostics.isEmpty { Terminal.printErrors(outcome.diagnostics) }
                totals.add(outcome.row)
                emit(formatter.row(outcome.row, index: index))
                if progress.isShown { fflush(nil) }  // the row reaches the terminal before the bar
                progress.update(done: index + 1, failed: totals.count(.failed))
            }
            progress.clear()
            emit(formatter.footer(totals))
            do throws(Diagnostic) {
                if let failedToWrite { throw failedToWrite }
                try summaryFile?.commit()
                if let outputDir { try Self.flushFileSystem(of: outputDir) }
            } catch {
                Terminal.printErrors([error])
                throw ExitCode(1)
            }
            if totals.count(.failed) > 0 || !inventory.problems.isEmpty { throw ExitCode(1) }
            if check, totals.count(.changeNeeded) > 0 { throw ExitCode(2) }
        }

        /// One cluster, start to end: its files found and read, decided, generated and written (into its folder in
        /// `output`, built whole and renamed into place when it is new: see `OutputDirectory.writeFolder`).
        static func process(_ member: FleetInventory.Member, evaluator: FleetClusterEvaluator, output: OutputDirectory?)
            -> FleetClusterOutcome
        {
            let cluster: FleetCluster
            var problems: [Diagnostic] = []
            let (values, facts): ([InputFile], InputFile?)
            do {  // the cluster folder stays open while its files are read, and no longer
                switch member.cluster() {
                case .success(let found):
                    cluster = found.cluster
                    (values, facts) = found.readFiles(into: &problems)
                case .failure(let problem): return .failed(member.name, [problem])
                }
            }
            if cluster.factsPath == nil {
                problems.append(
                    Diagnostic(
                        id: "fleet.no-facts", severity: .error,
                        message: "the cluster `\(cluster.name)` has no facts file",
                        location: cluster.declaredAt,
                        fix: "add facts.yaml (see schemas/facts.schema.json; `keda-cert-migrate facts` writes one)"))
            }
            guard problems.isEmpty else { return .failed(cluster.name, problems) }
            var outcome = evaluator.evaluate(cluster: cluster.name, values: values, facts: facts)
            guard let output, !outcome.files.isEmpty else { return outcome }
            do {
                outcome.row.filesWritten += try output.writeFolder(cluster.name, files: outcome.files)
            } catch {
                return .failed(cluster.name, strategy: outcome.row.strategy, [error])
            }
            outcome.files = []
            return outcome
        }

        /// Flushes the written files to disk once, after every file was renamed into place (instead of a flush after
        /// each of tens of thousands of files): the file system holding `folder` (`syncfs`, Linux), or every file
        /// system (`sync`) elsewhere. Both wait for the writes; `sync` also waits for whatever else on the machine is
        /// unwritten, on every disk (milliseconds on a busy machine, for output on tmpfs that has nothing to flush).
        static func flushFileSystem(of folder: String) throws(Diagnostic) {
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            #if os(Linux)
                guard kcm_syncfs(descriptor) == 0 else {
                    throw AtomicFileWriter.failure(
                        folder, "cannot flush the written files to disk: \(AtomicFileWriter.systemMessage())",
                        fix: AtomicFileWriter.fix(for: errno))
                }
            #else
                sync()
            #endif
            guard fsync(descriptor) == 0 else {
                throw AtomicFileWriter.failure(
                    folder, "cannot flush the written files to disk: \(AtomicFileWriter.systemMessage())",
                    fix: AtomicFileWriter.fix(for: errno))
            }
        }
    }
}
