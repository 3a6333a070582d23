import CertMigration
import Foundation
import Testing

/// `fleet` as a process, on the golden fleet `golden/fleet/` (14 cluster folders, a fleet index).
@Suite("fleet as a process")
struct FleetCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let expected = root.appendingPathComponent("golden/fleet/expected")
    static let now = "2026-11-25T09:00:00Z"
    static var isUpdating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// Runs `fleet` from the package root, so the paths in its output are the same on every machine.
    static func fleet(_ arguments: [String]) throws -> ToolProcess.Result {
        try ToolProcess.run(["fleet"] + arguments + ["--now", now], in: root)
    }

    /// Compares text with a golden file (re-recorded under `UPDATE_GOLDEN=1`).
    static func expectGolden(_ text: String, _ name: String) throws {
        let url = expected.appendingPathComponent(name)
        if isUpdating {
            try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "golden/fleet/expected/\(name) differs; UPDATE_GOLDEN=1 re-records it")
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file under a folder, by relative path, with its bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test(
        "the summary of the golden fleet in every format, its errors on stderr in cluster order, exit 1",
        arguments: ["text", "markdown", "json", "csv"])
    func summaryInEveryFormat(format: String) throws {
        let result = try Self.fleet(["golden/fleet/clusters", "--format", format, "--jobs", "3"])
        #expect(result.status == 1)  // broken-tabs, eks-prod-eu, eks-unknown-expiry and no-facts fail
        let ext = ["text": "txt", "markdown": "md", "json": "json", "csv": "csv"][format]!
        try Self.expectGolden(result.stdout, "summary.\(ext)")
        try Self.expectGolden(result.stderr, "errors.txt")
        if format == "json" {
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let clusters = try #require(object?["clusters"] as? [[String: Any]])
            #expect(clusters.count == 14)
            #expect((object?["totals"] as? [String: Any])?["clusters"] as? Int == 14)
        }
    }

    @Test("the fleet index: layered values from shared files, paths relative to the index")
    func index() throws {
        let result = try Self.fleet(["golden/fleet/index.yaml"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        try Self.expectGolden(result.stdout, "index-summary.txt")
    }

    @Test("--jobs 1 and --jobs 4 write the same bytes: summary, errors and every output file")
    func sameBytesWhateverJobs() throws {
        let one = try Self.scratch()
        let four = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: four)
        }
        let first = try Self.fleet(["golden/fleet/clusters", "--jobs", "1", "--output-dir", one.path])
        let second = try Self.fleet(["golden/fleet/clusters", "--jobs", "4", "--output-dir", four.path])
        #expect(first.status == 1)
        #expect(second.status == 1)
        #expect(first.stdout == second.stdout)
        #expect(first.stderr == second.stderr)
        let (treeOne, treeFour) = (try Self.tree(one), try Self.tree(four))
        #expect(treeOne.count > 30)
        #expect(treeOne == treeFour)
        #expect(treeOne["fleet-summary.txt"] == Data(first.stdout.utf8))
        // Failed clusters get no folder; the others get what `generate` writes.
        #expect(!treeOne.keys.contains { $0.hasPrefix("broken-tabs/") || $0.hasPrefix("no-facts/") })
        try Self.expectGolden(treeOne.keys.sorted().joined(separator: "\n") + "\n", "written-files.txt")
    }

    /// The first run makes every cluster's folder (its files are put in place without looking for earlier ones);
    /// the second finds the folders there and each file unchanged.
    @Test("a second run into the same output folder finds every file unchanged: none written, none touched")
    func secondRunFindsFilesUnchanged() throws {
        let out = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        /// `files_written` of each cluster, from the CSV summary.
        func filesWritten(_ csv: String) -> [String: Int] {
            var counts: [String: Int] = [:]
            for line in csv.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                if fields.count > 7, let count = Int(fields[7]) { counts[String(fields[0])] = count }
            }
            return counts
        }
        let arguments = ["golden/fleet/clusters", "--jobs", "2", "--format", "csv", "--output-dir", out.path]
        let first = try Self.fleet(arguments)
        var written = try Self.tree(out)
        #expect(written.removeValue(forKey: "fleet-summary.csv") == Data(first.stdout.utf8))
        let names = written.keys.sorted()
        func inodes() -> [ino_t] {
            names.map { name in
                var status = stat()
                return stat(out.path + "/" + name, &status) == 0 ? status.st_ino : 0
            }
        }
        let before = inodes()
        let second = try Self.fleet(arguments)
        #expect(first.status == 1)
        #expect(second.status == 1)
        #expect(first.stderr == second.stderr)
        let (firstCounts, secondCounts) = (filesWritten(first.stdout), filesWritten(second.stdout))
        #expect(firstCounts.count == 14)
        #expect(firstCounts.values.reduce(0, +) == written.count, "every cluster file, written once")
        #expect(written.count > 30)
        #expect(secondCounts.count == 14)
        #expect(secondCounts.values.allSatisfy { $0 == 0 }, "\(secondCounts)")
        var again = try Self.tree(out)
        #expect(again.removeValue(forKey: "fleet-summary.csv") == Data(second.stdout.utf8))
        #expect(again == written)
        #expect(inodes() == before, "no file replaced")
        #expect(!before.contains(0))
    }

    /// A cluster's files are read relative to its open folder: a cluster folder that is a link, and files that are
    /// links with relative targets out of it, must read as the same files as by their paths.
    @Test("a linked cluster folder and linked files are read as by their paths: the same summary and outputs")
    func linkedClusterFilesReadAsByPath() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fleet = folder.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        for name in ["aks-dev", "argocd-sources"] {
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("golden/fleet/clusters/\(name)"),
                to: fleet.appendingPathComponent(name))
        }
        let plainOut = folder.appendingPathComponent("plain-out")
        let plain = try Self.fleet([fleet.path, "--output-dir", plainOut.path])
        // The same files again, reached through links: aks-dev's folder is a link to a folder elsewhere, its values
        // a link (relative) to a shared file; argocd-sources's facts a relative link out of its folder.
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        func move(_ from: String, _ to: String) throws {
            try FileManager.default.moveItem(atPath: folder.path + "/" + from, toPath: folder.path + "/" + to)
        }
        try move("fleet/aks-dev", "elsewhere/aks-dev")
        #expect(symlink("../elsewhere/aks-dev", fleet.path + "/aks-dev") == 0)
        try move("elsewhere/aks-dev/values.yaml", "elsewhere/values.yaml")
        #expect(symlink("../values.yaml", elsewhere.path + "/aks-dev/values.yaml") == 0)
        try move("fleet/argocd-sources/facts.yaml", "elsewhere/facts.yaml")
        #expect(symlink("../../elsewhere/facts.yaml", fleet.path + "/argocd-sources/facts.yaml") == 0)
        let linkedOut = folder.appendingPathComponent("linked-out")
        let linked = try Self.fleet([fleet.path, "--output-dir", linkedOut.path])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(linked.status == plain.status)
        #expect(linked.stdout == plain.stdout)
        #expect(linked.stderr == plain.stderr)
        #expect(try Self.tree(linkedOut) == (try Self.tree(plainOut)))
        #expect(try Self.tree(plainOut).count > 5)
    }

    @Test("a cluster's outputs are exactly what `generate` writes for its files")
    func outputsAreGenerateOutputs() throws {
        let fleetOut = try Self.scratch()
        let generateOut = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: fleetOut)
            try? FileManager.default.removeItem(at: generateOut)
        }
        _ = try Self.fleet(["golden/fleet/clusters", "--output-dir", fleetOut.path])
        let cluster = "golden/fleet/clusters/gke-asia"
        let generated = try ToolProcess.run(
            [
                "generate", "--values", "\(cluster)/10-defaults.yaml", "\(cluster)/20-prod.yaml",
                "\(cluster)/30-gke-prod-asia.yaml", "--facts", "\(cluster)/facts.yaml", "--output-dir",
                generateOut.path, "--now", Self.now,
            ], in: Self.root)
        #expect(generated.status == 0, "\(generated.stderr)")
        let fromGenerate = try Self.tree(generateOut)
        #expect(!fromGenerate.isEmpty)
        #expect(try Self.tree(fleetOut.appendingPathComponent("gke-asia")) == fromGenerate)
    }

    @Test("--check without --output-dir writes nothing and exits 2 when a cluster needs a change, 0 when none does")
    func checkExitCodes() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clusters = Self.root.appendingPathComponent("golden/fleet/clusters").path
        func index(_ names: [String]) throws -> String {
            let entries = names.map { name in
                let files = try! FileManager.default.contentsOfDirectory(atPath: "\(clusters)/\(name)")
                let selection = try! FleetFolderLayout.select(fileNames: files).get()
                let values = selection.values.map { "\(clusters)/\(name)/\($0)" }
                return "  - name: \(name)\n    values: [\(values.joined(separator: ", "))]\n"
                    + "    facts: \(clusters)/\(name)/facts.yaml\n"
            }
            let url = folder.appendingPathComponent("index-\(names.count).yaml")
            try Data(("clusters:\n" + entries.joined()).utf8).write(to: url)
            return url.path
        }
        let before = try Self.tree(folder)
        let needsChange = try Self.fleet([try index(["aks-dev", "other-rotation-off"]), "--check"])
        #expect(needsChange.status == 2)
        let settled = try Self.fleet([
            try index(["other-rotation-off", "eks-cluster-issuer", "gke-cert-manager-in-charge"]), "--check",
        ])
        #expect(settled.status == 0)
        #expect(settled.stdout.contains("3 nothing to change, 0 change needed, 0 failed"))
        let failing = try Self.fleet(["golden/fleet/clusters", "--check"])
        #expect(failing.status == 1)  // a failure outranks a needed change
        #expect(try Self.tree(folder).count == before.count + 2)  // only the two index files written above
    }

    @Test("a progress bar only on a terminal, cleared before each row, and never with CI set")
    func progressBarOnTerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("needs util-linux `script` (Debian: bsdutils) to run the tool on a terminal")
            return
        }
        func onTerminal(ci: Bool) throws -> String {
            let command =
                (ci ? "CI=true " : "env -u CI ") + "'\(ToolProcess.binary.path)' fleet golden/fleet/index.yaml "
                + "--now \(Self.now) --jobs 1"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.currentDirectoryURL = Self.root
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let shown = try onTerminal(ci: false)
        #expect(shown.contains("[##########--------------------] 1/3 clusters\r\u{1B}[Kpayments  change-needed"))
        #expect(shown.contains("[##############################] 3/3 clusters\r\u{1B}[K\r\n3 clusters:"))
        #expect(!(try onTerminal(ci: true)).contains("\u{1B}[K"))
    }

    @Test("an output folder inside the fleet folder is not taken for a cluster on the next run")
    func outputInsideFleet() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fleet = folder.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        for name in ["aks-dev", "other-rotation-off"] {
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("golden/fleet/clusters/\(name)"),
                to: fleet.appendingPathComponent(name))
        }
        let out = fleet.appendingPathComponent("out").path
        let first = try Self.fleet([fleet.path, "--output-dir", out])
        let second = try Self.fleet([fleet.path, "--output-dir", out])
        #expect(first.status == 0)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("2 clusters:"))
        // Named another way (the fleet with a trailing slash, the output through `.`), and reached through a link
        // in the fleet folder to an output folder outside it: still not a cluster on the next run.
        try FileManager.default.removeItem(atPath: out)
        let dotted = fleet.path + "/./out2"
        #expect(try Self.fleet([fleet.path, "--output-dir", dotted]).status == 0)
        let third = try Self.fleet([fleet.path + "/", "--output-dir", dotted])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("2 clusters:"))
        try FileManager.default.removeItem(atPath: fleet.path + "/out2")
        let outside = folder.appendingPathComponent("outside").path
        let link = fleet.appendingPathComponent("zz-linked-out").path
        #expect(symlink("../outside", link) == 0)
        #expect(try Self.fleet([fleet.path, "--output-dir", outside]).status == 0)
        let linked = try Self.fleet([fleet.path, "--output-dir", outside])
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(linked.stdout.contains("2 clusters:"))
        #expect(unlink(link) == 0)
        // The fleet folder itself as the output: refused before anything is written.
        let before = try Self.tree(fleet)
        let itself = try Self.fleet([fleet.path, "--output-dir", fleet.path + "/."])
        #expect(itself.status == 1)
        #expect(itself.stderr.contains("error: --output-dir is the fleet folder"))
        #expect(try Self.tree(fleet) == before)
    }

    @Test("a bad fleet index is refused at its line and column, and nothing is written")
    func badIndex() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = folder.appendingPathComponent("fleet.yaml")
        try Data(
            "clusters:\n  - name: ../evil\n    values: [values.yaml]\n  - name: x\n    fact: x.yaml\n    values: []\n"
                .utf8
        ).write(to: index)
        let out = folder.appendingPathComponent("out")
        let result = try Self.fleet([index.path, "--output-dir", out.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains(
                "\(index.path):2:11: error: `../evil` cannot be a cluster name: it starts with `.`"))
        #expect(result.stderr.contains("\(index.path):5:5: error: unknown key `fact` in a cluster entry"))
        #expect(result.stderr.contains("fix: write `facts`"))
        #expect(result.stderr.contains("\(index.path):6:13: error: `values` lists no files"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("an empty or missing fleet is an error naming it")
    func emptyFleet() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try Self.fleet([folder.path])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("\(folder.path): error: the fleet folder holds no cluster folders"))
        let missing = try Self.fleet([folder.appendingPathComponent("nope").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope: error: no such folder or fleet index file"))
    }

    @Test("--jobs outside 1 to 1024 is refused before anything is read", arguments: ["0", "-3", "1025"])
    func jobsOutOfRange(jobs: String) throws {
        let result = try Self.fleet(["golden/fleet/index.yaml", "--jobs=\(jobs)"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: --jobs must be between 1 and 1024, not \(jobs)"))
        #expect(result.stdout.isEmpty)
    }

    @Test("without --jobs every core works, and the summary is the one --jobs 1 gives")
    func jobsDefault() throws {
        let everyCore = try Self.fleet(["golden/fleet/index.yaml"])
        let one = try Self.fleet(["golden/fleet/index.yaml", "--jobs", "1"])
        #expect(everyCore.status == 0)
        #expect(everyCore.stdout == one.stdout)
        #expect(everyCore.stderr == one.stderr)
    }

    @Test("a link out planted where a cluster's subfolder goes fails that cluster alone, and nothing goes through it")
    func linkPlantedAtClusterSubfolder() throws {
        let folder = try Self.scratch()
        let outside = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: outside)
        }
        let arguments = ["golden/fleet/index.yaml", "--output-dir", folder.path, "--format", "csv"]
        #expect(try Self.fleet(arguments).status == 0)
        let nested = try #require(Self.tree(folder).keys.sorted().first { $0.split(separator: "/").count == 3 })
        let parts = nested.split(separator: "/").map(String.init)
        let cluster = parts[0]
        let subfolder = folder.appendingPathComponent(cluster).appendingPathComponent(parts[1])
        try FileManager.default.removeItem(at: subfolder)
        #expect(symlink(outside.path, subfolder.path) == 0)
        let result = try Self.fleet(arguments)
        #expect(result.status == 1)
        let refusal = "refusing to write \(parts[1])/\(parts[2]): the folder \(subfolder.path) is a symbolic link"
        #expect(result.stderr.contains(refusal + " that leads out"))
        #expect(result.stdout.contains("\n\(cluster),failed,"))
        #expect((try FileManager.default.contentsOfDirectory(atPath: outside.path)).isEmpty)
    }

    @Test("a link out planted where a cluster's own folder goes fails that cluster alone, and nothing goes through it")
    func linkPlantedAtClusterFolder() throws {
        let folder = try Self.scratch()
        let outside = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: outside)
        }
        let place = folder.appendingPathComponent("payments")
        #expect(symlink(outside.path, place.path) == 0)
        let result = try Self.fleet(["golden/fleet/index.yaml", "--output-dir", folder.path, "--format", "csv"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the folder \(place.path) is a symbolic link that leads out of \(folder.path)"))
        #expect(result.stdout.contains("\npayments,failed,"))
        #expect((try FileManager.default.contentsOfDirectory(atPath: outside.path)).isEmpty)
        #expect(try Self.tree(folder).keys.contains("dev/PULL_REQUEST.md"))
    }

    @Test("a cluster whose output folder cannot be made fails alone, clearly, and the user's file stays")
    func unwritableClusterFolder() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("payments")
        try Data("mine\n".utf8).write(to: blocker)  // a file where the cluster's folder should go
        let result = try Self.fleet(["golden/fleet/index.yaml", "--output-dir", folder.path, "--format", "csv"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(folder.path)/payments is a file where a folder should be"))
        #expect(result.stdout.contains("\npayments,failed,disable-rotation,1,"))
        #expect(try Data(contentsOf: blocker) == Data("mine\n".utf8))
        let written = try Self.tree(folder).keys.sorted()
        #expect(written.contains("dev/PULL_REQUEST.md"))
        #expect(written.contains("asia/PULL_REQUEST.md"))
        #expect(!written.contains { $0.hasPrefix(".") || $0.contains("/.") })  // no temporary file left behind
    }
}
