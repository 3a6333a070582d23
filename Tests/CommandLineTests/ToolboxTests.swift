import Foundation
import Testing

/// The shells the completion scripts are for, found on PATH.
///
/// A missing shell skips its test, unless `REQUIRE_COMPLETION_SHELLS` is set (CI installs bash, zsh and fish and sets
/// it), in which case the test fails instead.
enum CompletionShell: String, CaseIterable, CustomTestStringConvertible {
    case bash, zsh, fish

    var testDescription: String { rawValue }

    /// The shell's executable, or nil when it is not on PATH.
    var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(rawValue)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether a test that needs this shell runs here.
    var isAvailable: Bool {
        executable != nil || ProcessInfo.processInfo.environment["REQUIRE_COMPLETION_SHELLS"] != nil
    }

    /// Runs `script` with this shell (`-c`), the completion script's path as `$1`.
    func run(_ script: String, completionScript: String) throws -> ToolProcess.Result {
        let shell = try #require(executable, "\(rawValue) is not on PATH (REQUIRE_COMPLETION_SHELLS is set)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        // fish takes the script's arguments after it without a $0; bash and zsh take $0 first.
        process.arguments = self == .fish ? ["-c", script, completionScript] : ["-c", script, "sh", completionScript]
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolProcess.Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("shell completions generated from the argument parser")
struct CompletionScriptTests {
    /// The script the built binary prints for `shell`, saved to a temporary file.
    func completionScript(_ shell: CompletionShell) throws -> (text: String, path: String) {
        let result = try ToolProcess.run(["--generate-completion-script", shell.rawValue])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kcm-completion-\(UUID().uuidString).\(shell.rawValue)"
        ).path
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
        return (result.stdout, path)
    }

    @Test(
        "each script is produced and names the subcommands and their options",
        arguments: [
            (CompletionShell.bash, "complete -o filenames -F _keda-cert-migrate keda-cert-migrate\n"),
            (CompletionShell.zsh, "#compdef keda-cert-migrate\n"),
            (CompletionShell.fish, "complete -c 'keda-cert-migrate' "),
        ])
    func scriptNamesEverything(shell: CompletionShell, registration: String) throws {
        let script = try completionScript(shell).text
        #expect(script.contains(registration))
        // fish names long options without their dashes (`-l 'output-dir'`).
        for word in ["plan", "check", "generate", "values", "facts", "output-dir", "in-place", "dry-run", "output"] {
            #expect(script.contains(word), "\(shell) script lacks \(word)")
        }
    }

    /// The answers of a completion run, one list per query (queries separated by a `::` line).
    func answers(_ stdout: String) -> [[String]] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .split(separator: "::", omittingEmptySubsequences: false).map { $0.filter { !$0.isEmpty } }
    }

    @Test("bash offers the subcommands, then generate's --output-dir, then plan's formats")
    func bashCompletes() throws {
        try #require(CompletionShell.bash.isAvailable)
        let path = try completionScript(.bash).path
        let complete = """
            source "$1"
            offer() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
                _keda-cert-migrate keda-cert-migrate "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
                printf '%s\\n' "${COMPREPLY[@]}"; echo ::; }
            offer keda-cert-migrate ''
            offer keda-cert-migrate generate --output-
            offer keda-cert-migrate plan --output ''
            """
        let result = try CompletionShell.bash.run(complete, completionScript: path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let offered = answers(result.stdout)
        try #require(offered.count == 4)
        #expect(Set(offered[0]).isSuperset(of: ["plan", "check", "generate", "help", "--help", "--version"]))
        #expect(offered[1] == ["--output-dir"])
        #expect(offered[2] == ["text", "markdown", "json"])
    }

    @Test("fish offers the subcommands with their summaries, generate's --output-dir, check's formats")
    func fishCompletes() throws {
        try #require(CompletionShell.fish.isAvailable)
        let path = try completionScript(.fish).path
        let complete = """
            source $argv[1]
            complete -C 'keda-cert-migrate '
            echo ::
            complete -C 'keda-cert-migrate generate --output-'
            echo ::
            complete -C 'keda-cert-migrate check --output '
            """
        let result = try CompletionShell.fish.run(complete, completionScript: path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let offered = answers(result.stdout)
        try #require(offered.count == 3)
        #expect(
            Set(offered[0]).isSuperset(of: [
                "check\tSay in one line whether the values need a change.",
                "generate\tWrite the plan as files: values overlay, in-place patch, GitOps rules, pull-request body.",
                "plan\tDiagnose a cluster's KEDA certificate handling and plan the way out.",
            ]))
        #expect(offered[1] == ["--output-dir\tThe folder to write into (created if missing)."])
        let formats = "Output format: text (one line) or json (one JSON line; errors stay on stderr)."
        #expect(offered[2] == ["text\t\(formats)", "json\t\(formats)"])
    }

    @Test("zsh's compinit picks the script up from fpath as _keda-cert-migrate, as the README installs it")
    func zshRegisters() throws {
        try #require(CompletionShell.zsh.isAvailable)
        let script = try completionScript(.zsh).path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-zsh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: script, toPath: folder.appendingPathComponent("_keda-cert-migrate").path)
        let result = try CompletionShell.zsh.run(
            #"fpath=("$1" $fpath); autoload -U compinit; compinit -u -D; print -r -- ${_comps[keda-cert-migrate]}"#,
            completionScript: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == "_keda-cert-migrate\n")
        let syntax = try CompletionShell.zsh.run(#"zsh -n "$1""#, completionScript: script)
        #expect(syntax.status == 0)
        #expect(syntax.stderr.isEmpty)
    }

    @Test("the parser's description, the man page generator's input, lists every subcommand")
    func dumpHelpNamesSubcommands() throws {
        let result = try ToolProcess.run(["--experimental-dump-help"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let command = try #require(object["command"] as? [String: Any])
        let subcommands = try #require(command["subcommands"] as? [[String: Any]])
        let names = subcommands.compactMap { $0["commandName"] as? String }
        #expect(Set(names).isSuperset(of: ["plan", "check", "generate", "help"]))
    }
}

@Suite("--output json of plan, check and generate, run as processes")
struct OutputJSONTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let values = root.appendingPathComponent("examples/values.yaml").path
    static let facts = root.appendingPathComponent("examples/facts.yaml").path
    static let now = "2026-01-01T00:00:00Z"

    /// A new empty folder for one test.
    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// `text` written as `name` in a new folder; returns its path.
    func temporaryFile(_ text: String, name: String = "values.yaml") throws -> String {
        let path = try temporaryFolder() + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The JSON object a command printed, with its keys.
    func object(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }

    @Test("plan --output json prints exactly what plan --format json prints")
    func planOutputIsFormat() throws {
        let common = ["plan", "-f", Self.values, "--facts", Self.facts, "--now", Self.now]
        let format = try ToolProcess.run(common + ["--format", "json"])
        let output = try ToolProcess.run(common + ["--output", "json"])
        #expect(output.status == 0)
        #expect(output.stdout == format.stdout)
        #expect(try object(output.stdout)["schemaVersion"] as? Int == 1)
        let markdown = try ToolProcess.run(common + ["--output", "markdown"])
        #expect(markdown.stdout == (try ToolProcess.run(common + ["--format", "markdown"])).stdout)
    }

    @Test("check --output json: one line with sorted keys when a change is needed, exit 2")
    func checkChangeNeeded() throws {
        let result = try ToolProcess.run([
            "check", "-f", Self.values, "--facts", Self.facts, "--now", Self.now, "--output", "json",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix(#"{"changes":1,"reason":"cert-manager cannot take over here"#))
        #expect(
            result.stdout.hasSuffix(
                #"","schemaVersion":1,"status":"change-needed","strategy":"disable-rotation"}"# + "\n"))
        #expect(result.stdout.filter { $0 == "\n" }.count == 1)
        let json = try object(result.stdout)
        #expect(Set(json.keys) == ["changes", "reason", "schemaVersion", "status", "strategy"])
    }

    @Test("check --output json when nothing changes: status nothing-to-change, exit 0")
    func checkNothingToChange() throws {
        let off = try temporaryFile("certificates:\n  autoGenerated: false\n")
        let result = try ToolProcess.run(["check", "-f", off, "--chart-version", "2.16.1", "--output", "json"])
        #expect(result.status == 0)
        let json = try object(result.stdout)
        #expect(json["status"] as? String == "nothing-to-change")
        #expect(json["changes"] as? Int == 0)
        #expect(json["strategy"] as? String == "none")
        #expect((json["reason"] as? String)?.hasPrefix("Not affected") == true)
    }

    @Test("check --output json on bad input: an error line on stdout, the compiler-style error on stderr, exit 1")
    func checkBadInput() throws {
        let broken = try temporaryFile("certificates:\n  autoGenerated: [true\n")
        let result = try ToolProcess.run(["check", "-f", broken, "--output", "json"])
        #expect(result.status == 1)
        #expect(
            result.stdout
                == #"{"changes":0,"reason":"the input has errors (see stderr)","schemaVersion":1,"status":"error","strategy":null}"#
                + "\n")
        #expect(result.stderr.hasPrefix("\(broken):3:1: error: "))
        #expect(result.stderr.contains("\n  fix: close the flow sequence"))
    }

    @Test("check --output json when no strategy fits: status error, strategy null, the reason; the error on stderr")
    func checkNoStrategy() throws {
        let result = try ToolProcess.run([
            "check", "-f", Self.values, "--facts", Self.facts, "--strategy", "cert-manager", "--output", "json",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: no strategy fits: The strategy cert-manager cannot be used here."))
        let json = try object(result.stdout)
        #expect(json["status"] as? String == "error")
        #expect(json["strategy"] is NSNull)
        #expect((json["reason"] as? String)?.hasPrefix("The strategy cert-manager cannot be used here.") == true)
    }

    @Test("check without --output prints the same one line as before")
    func checkTextUnchanged() throws {
        let result = try ToolProcess.run(["check", "-f", Self.values, "--facts", Self.facts, "--output", "text"])
        #expect(result.status == 2)
        #expect(result.stdout == "change needed: disable-rotation (1 value to change)\n")
    }

    @Test("generate --output json lists every file and its outcome: written, then unchanged on a second run")
    func generateWritten() throws {
        let folder = try temporaryFolder() + "/out"
        let arguments = [
            "generate", "-f", Self.values, "--facts", Self.facts, "--now", Self.now, "--output-dir", folder,
            "--output", "json",
        ]
        let names = [
            "values-overlay.yaml", "values.patch", "gitops/argocd-application-patch.yaml", "PULL_REQUEST.md",
            "plan.json",
        ]
        for expected in ["written", "unchanged"] {
            let result = try ToolProcess.run(arguments)
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            let json = try object(result.stdout)
            #expect(Set(json.keys) == ["files", "outputDir", "patched", "schemaVersion", "status", "strategy"])
            #expect(json["status"] as? String == "written")
            #expect(json["strategy"] as? String == "disable-rotation")
            #expect(json["outputDir"] as? String == folder)
            let files = try #require(json["files"] as? [[String: Any]])
            #expect(files.compactMap { $0["path"] as? String } == names.map { "\(folder)/\($0)" })
            #expect(files.allSatisfy { $0["outcome"] as? String == expected })
            for file in files {
                let path = try #require(file["path"] as? String)
                let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
                #expect(file["bytes"] as? Int == size, "\(path)")
            }
            #expect((json["patched"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("generate --output json --dry-run --in-place: would-write and would-patch, nothing written")
    func generateDryRun() throws {
        let values = try temporaryFile("certificates:\n  autoGenerated: true # keep\n")
        let folder = try temporaryFolder() + "/out"
        let result = try ToolProcess.run([
            "generate", "-f", values, "--facts", Self.facts, "--now", Self.now, "--output-dir", folder, "--dry-run",
            "--in-place", "--output", "json",
        ])
        #expect(result.status == 0)
        let json = try object(result.stdout)
        #expect(json["status"] as? String == "dry-run")
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0["outcome"] as? String == "would-write" })
        let patched = try #require(json["patched"] as? [[String: Any]])
        #expect(patched.count == 1)
        #expect(patched.first?["path"] as? String == values)
        #expect(patched.first?["outcome"] as? String == "would-patch")
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(try String(contentsOfFile: values, encoding: .utf8) == "certificates:\n  autoGenerated: true # keep\n")
    }

    @Test("generate --output json --in-place reports the patched values file")
    func generateInPlace() throws {
        let values = try temporaryFile("certificates:\n  autoGenerated: true # keep\n")
        let folder = try temporaryFolder() + "/out"
        let result = try ToolProcess.run([
            "generate", "-f", values, "--facts", Self.facts, "--now", Self.now, "--output-dir", folder, "--in-place",
            "--output", "json",
        ])
        #expect(result.status == 0)
        let json = try object(result.stdout)
        let patched = try #require(json["patched"] as? [[String: Any]])
        #expect(patched.first?["outcome"] as? String == "patched")
        let text = try String(contentsOfFile: values, encoding: .utf8)
        #expect(patched.first?["bytes"] as? Int == text.utf8.count)
        #expect(text.contains("# keep"))
    }

    @Test("generate --output json on bad input: status error, no files, compiler-style error on stderr, exit 1")
    func generateBadInput() throws {
        let broken = try temporaryFile("certificates:\n  autoGenerated: [true\n")
        let folder = try temporaryFolder() + "/out"
        let result = try ToolProcess.run(["generate", "-f", broken, "--output-dir", folder, "--output", "json"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(broken):3:1: error: "))
        #expect(
            result.stdout == """
                {
                  "files" : [

                  ],
                  "outputDir" : "\(folder)",
                  "patched" : [

                  ],
                  "schemaVersion" : 1,
                  "status" : "error",
                  "strategy" : null
                }

                """)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test("generate --output json when writing fails: status error with the strategy, the error on stderr, exit 1")
    func generateWriteFails() throws {
        let blocker = try temporaryFile("a file where the output folder should be\n", name: "out")
        let result = try ToolProcess.run([
            "generate", "-f", Self.values, "--facts", Self.facts, "--now", Self.now, "--output-dir", blocker,
            "--output", "json",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(blocker): error: "))
        let json = try object(result.stdout)
        #expect(json["status"] as? String == "error")
        #expect(json["strategy"] as? String == "disable-rotation")
        #expect((json["files"] as? [Any])?.isEmpty == true)
    }

    @Test("generate --output json when no strategy fits: status error, strategy null, nothing written, exit 1")
    func generateNoStrategy() throws {
        let folder = try temporaryFolder() + "/out"
        let result = try ToolProcess.run([
            "generate", "-f", Self.values, "--facts", Self.facts, "--strategy", "cert-manager", "--output-dir", folder,
            "--output", "json",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: no strategy fits: The strategy cert-manager cannot be used here."))
        let json = try object(result.stdout)
        #expect(json["status"] as? String == "error")
        #expect(json["strategy"] is NSNull)
        #expect((json["files"] as? [Any])?.isEmpty == true)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
