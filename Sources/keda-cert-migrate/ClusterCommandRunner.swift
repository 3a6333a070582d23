import CertMigration
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a ``ClusterCommand``: the tool found in PATH, the arguments passed as a list to the program (no shell), stdin
/// empty, stdout and stderr captured, and the process stopped when it outlives the timeout.
///
/// A tool missing from PATH, a program that cannot start, and a timeout are diagnostics that name the command; a
/// non-zero exit status is returned in the ``CommandResult`` for the caller to judge.
struct ClusterCommandRunner: Sendable {
    /// How long one command may run, in seconds.
    var timeout: Double
    /// The environment the command runs with (PATH is also where the tool is looked up; KUBECONFIG, HOME).
    var environment: [String: String]

    /// Creates a runner with the tool's own environment.
    init(timeout: Double = 30, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeout = timeout
        self.environment = environment
    }

    /// The first executable file named `tool` in the environment's PATH.
    func executable(for tool: String) -> String? {
        let path = environment["PATH"] ?? ""
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(folder)/\(tool)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                access(candidate, X_OK) == 0
            {
                return candidate
            }
        }
        return nil
    }

    /// Runs the command to its end, or stops it at the timeout.
    func run(_ command: ClusterCommand) throws(Diagnostic) -> CommandResult {
        guard let path = executable(for: command.tool) else {
            throw Diagnostic(
                id: "cluster.tool-missing", severity: .error,
                message: "`\(command)` cannot run: \(command.tool) is not on PATH",
                location: SourceLocation(file: command.tool),
                fix:
                    "install \(command.tool) or put it on PATH, or capture the outputs elsewhere and use --captured DIR"
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = command.arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw Diagnostic(
                id: "cluster.command-failed", severity: .error,
                message: "`\(command)` cannot start: \(error.localizedDescription)",
                location: SourceLocation(file: command.tool), fix: "check that \(path) is a working \(command.tool)")
        }
        let collected = CollectedOutput()
        let readers = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            let handle = pipe.fileHandleForReading
            readers.enter()
            DispatchQueue.global().async {
                collected.store(handle.readDataToEndOfFile(), isError: isError)
                readers.leave()
            }
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            _ = readers.wait(timeout: .now() + 2)
            throw Diagnostic(
                id: "cluster.timeout", severity: .error,
                message: "`\(command)` did not finish within \(Self.seconds(timeout)) and was stopped",
                location: SourceLocation(file: command.tool),
                fix: "check that the cluster is reachable (VPN, credentials), or allow more time with --timeout SECONDS"
            )
        }
        // A child the tool started (a credential plugin) may hold the pipes open after the tool itself has ended.
        if readers.wait(timeout: .now() + 5) == .timedOut {
            throw Diagnostic(
                id: "cluster.command-failed", severity: .error,
                message: "`\(command)` ended, but a process it started kept its output open",
                location: SourceLocation(file: command.tool),
                fix: "run the command by hand to see what it leaves running")
        }
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let (out, err) = collected.contents
        return CommandResult(command: command, status: status, stdout: out, stderr: err)
    }

    /// `30 s`, `0.5 s`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// The two streams, filled from two reading threads.
private final class CollectedOutput: Sendable {
    private let streams = Locked<(stdout: [UInt8], stderr: [UInt8])>(([], []))

    func store(_ data: Data, isError: Bool) {
        streams.withLock { streams in
            if isError { streams.stderr = [UInt8](data) } else { streams.stdout = [UInt8](data) }
        }
    }

    var contents: ([UInt8], [UInt8]) {
        streams.withLock { ($0.stdout, $0.stderr) }
    }
}
