import Foundation
import Testing

@testable import keda_cert_migrate

/// `values.patch` names files so that `git apply` accepts them: it refuses an absolute path (`a//home/...`).
@Suite("values.patch names a file read by an absolute path from a folder it can be applied in")
struct PatchPathTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    /// A fresh folder `repo/` holding `clusters/east/values.yaml` and `facts.yaml` (the shipped example), with a
    /// `.git` folder at its top when `workTree` is set.
    func repository(workTree: Bool) throws -> URL {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-patch-\(UUID().uuidString)")
            .appendingPathComponent("repo")
        let cluster = top.appendingPathComponent("clusters/east")
        try FileManager.default.createDirectory(at: cluster, withIntermediateDirectories: true)
        for name in ["values.yaml", "facts.yaml"] {
            try FileManager.default.copyItem(
                at: Self.examples.appendingPathComponent(name), to: cluster.appendingPathComponent(name))
        }
        if workTree {
            try FileManager.default.createDirectory(
                at: top.appendingPathComponent(".git"), withIntermediateDirectories: false)
        }
        return top
    }

    /// A fresh folder beside the repository's, not above it.
    func elsewhere() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The first line of the `values.patch` that `generate` writes for the example read by absolute paths, run in
    /// `folder`.
    func firstPatchLine(_ top: URL, runIn folder: URL) throws -> String {
        let cluster = top.appendingPathComponent("clusters/east")
        let output = top.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString)")
        let result = try ToolProcess.run(
            [
                "generate", "--values", cluster.appendingPathComponent("values.yaml").path, "--facts",
                cluster.appendingPathComponent("facts.yaml").path, "--output-dir", output.path,
            ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let patch = try String(contentsOf: output.appendingPathComponent("values.patch"), encoding: .utf8)
        return String(patch.prefix(while: { $0 != "\n" }))
    }

    @Test("run inside the repository: the path from the folder the tool ran in")
    func insideCurrentFolder() throws {
        let top = try repository(workTree: false)
        #expect(
            try firstPatchLine(top, runIn: top)
                == "diff --git a/clusters/east/values.yaml b/clusters/east/values.yaml")
        #expect(
            try firstPatchLine(top, runIn: top.appendingPathComponent("clusters"))
                == "diff --git a/east/values.yaml b/east/values.yaml")
    }

    @Test("run elsewhere: the path from the top of the Git work tree holding the file")
    func fromWorkTreeTop() throws {
        let top = try repository(workTree: true)
        #expect(
            try firstPatchLine(top, runIn: try elsewhere())
                == "diff --git a/clusters/east/values.yaml b/clusters/east/values.yaml")
    }

    @Test("run elsewhere, outside any work tree: the absolute path, as given")
    func outsideEverything() throws {
        let top = try repository(workTree: false)
        let values = top.appendingPathComponent("clusters/east/values.yaml").path
        #expect(try firstPatchLine(top, runIn: try elsewhere()) == "diff --git a/\(values) b/\(values)")
    }

    @Test("fleet names each cluster's file the same way")
    func fleet() throws {
        let top = try repository(workTree: false)
        let output = top.deletingLastPathComponent().appendingPathComponent("fleet-out")
        let result = try ToolProcess.run(
            [
                "fleet", top.appendingPathComponent("clusters").path, "--output-dir", output.path, "--now",
                "2026-11-25T09:00:00Z",
            ], in: top)
        #expect(result.status == 0, "\(result.stderr)")
        let patch = try String(contentsOf: output.appendingPathComponent("east/values.patch"), encoding: .utf8)
        #expect(patch.hasPrefix("diff --git a/clusters/east/values.yaml b/clusters/east/values.yaml\n"))
    }

    /// The folder of a path is Foundation's `deletingLastPathComponent`, worked out on bytes: compared on every
    /// path of up to four components drawn from odd ones (empty, `.`, `..`, spaces, non-ASCII, a decomposed accent),
    /// each with and without a trailing slash, the first component not empty. Paths led by several slashes are
    /// checked against Foundation's answers written out: Foundation's own code stops the process on some of them
    /// (`///a//`, swift-corelibs-foundation on this toolchain), which the byte version does not.
    @Test func theFolderOfAPathIsFoundationsDeletingLastPathComponent() {
        let parts = ["", "a", ".", "..", "b c", "caf\u{E9}", "cafe\u{301}", "values.yaml", "x.y.z"]
        var paths: [String] = []
        func extend(_ path: String, _ depth: Int) {
            paths.append(path)
            paths.append(path + "/")
            guard depth < 4 else { return }
            for part in parts { extend(path + "/" + part, depth + 1) }
        }
        for first in parts where !first.isEmpty { extend("/" + first, 1) }
        for path in paths {
            #expect(PatchPaths.folder(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
        }
        #expect(paths.count > 10_000)
        let ledBySlashes = [
            "/": "/", "//a//": "/", "//a/": "/", "///a/": "/", "///a//": "/", "//a/b//": "/a",
            "//x/values.yaml": "/x", "///x/values.yaml": "/x", "//a//b": "/a",
        ]
        for (path, folder) in ledBySlashes { #expect(PatchPaths.folder(of: path) == folder, "\(path)") }
    }
}
