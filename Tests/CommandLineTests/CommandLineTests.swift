import CertMigration
import Foundation
import Testing

/// Runs the built `keda-cert-migrate` binary, which SwiftPM builds beside the test bundle.
struct ToolProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBundle.deletingLastPathComponent()
        // On macOS the runner sits inside an .xctest bundle; on Linux beside the products.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("keda-cert-migrate").path),
            directory.pathComponents.count > 1
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("keda-cert-migrate")
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("keda-cert-migrate as a process")
struct CommandLineTests {
    @Test("--version prints the version alone on stdout and exits 0")
    func version() throws {
        let result = try ToolProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == ToolVersion.current + "\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("--help says what the tool is for and exits 0")
    func help() throws {
        let result = try ToolProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: Plan and write the way out of KEDA's certificate-rotation failures."))
        #expect(result.stdout.contains("USAGE: keda-cert-migrate"))
    }

    @Test("an unknown option is an error on stderr with a non-zero exit")
    func unknownOption() throws {
        let result = try ToolProcess.run(["--no-such-option"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unknown option '--no-such-option'"))
    }
}
