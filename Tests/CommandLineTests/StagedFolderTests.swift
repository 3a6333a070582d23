import CertMigration
import Foundation
import Testing

@testable import keda_cert_migrate

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fleet`'s cluster folders: a new one built whole under a temporary name and renamed into place (`StagedFolder`),
/// an existing one (or one that appears meanwhile) written file by file, with the same outcomes and tree either way.
@Suite("StagedFolder and OutputDirectory.writeFolder: a cluster folder written whole")
struct StagedFolderTests {
    /// A cluster's files as `generate` names them, a subfolder among them.
    static let files = [
        GeneratedFile(name: "values-overlay.yaml", bytes: Array("a: 1\n".utf8)),
        GeneratedFile(name: "values.patch", bytes: Array("--- a\n+++ b\n".utf8)),
        GeneratedFile(name: "gitops/argocd-application-patch.yaml", bytes: Array("spec: {}\n".utf8)),
        GeneratedFile(name: "PULL_REQUEST.md", bytes: Array("KEDA: ü\r\n".utf8)),
        GeneratedFile(name: "plan.json", bytes: []),
    ]

    /// Every entry under a folder, sorted: its relative path, kind and mode, link target and bytes.
    static func tree(_ path: String) -> [String] {
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { name in
            var status = stat()
            lstat(path + "/" + name, &status)
            let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: path + "/" + name)) ?? ""
            let bytes = FileManager.default.contents(atPath: path + "/" + name).map { [UInt8]($0) } ?? []
            return "\(name) \(String(status.st_mode, radix: 8)) \(link) \(bytes)"
        }
    }

    /// The files written one by one into `subdirectory`, the path `fleet` took before folders were built whole.
    static func writeFileByFile(_ files: [GeneratedFile], into output: OutputDirectory, _ name: String)
        throws(Diagnostic)
        -> Int
    {
        let folder = output.subdirectory(name, flushesEachFile: false)
        var written = 0
        for file in files where try folder.write(file.bytes, to: file.name) == .written { written += 1 }
        return written
    }

    @Test("a new folder is built whole: the tree (bytes, modes, the gitops subfolder) of the file-by-file path")
    func newFolderAsFileByFile() throws {
        let scratch = try ScratchFolder()
        let staged = OutputDirectory(root: scratch.path + "/staged", flushesEachFile: false)
        let byFile = OutputDirectory(root: scratch.path + "/by-file", flushesEachFile: false)
        try staged.createRoot()
        try byFile.createRoot()
        var wasStaged = false
        #expect(try staged.writeFolder("cluster-a", files: Self.files, beforePlacing: { wasStaged = true }) == 5)
        #expect(wasStaged, "a new folder takes the staged path")
        #expect(try Self.writeFileByFile(Self.files, into: byFile, "cluster-a") == Self.files.count)
        let tree = Self.tree(scratch.path + "/staged")
        #expect(tree == Self.tree(scratch.path + "/by-file"))
        #expect(tree.count == 7, "cluster-a, gitops and five files: \(tree)")
        #expect(!tree.contains { $0.contains(".tmp") }, "no temporary folder or file left")
    }

    @Test("StagedFolder puts a new folder in place with every file, and nothing else")
    func placesNewFolder() throws {
        #if os(Linux)
            let scratch = try ScratchFolder()
            let parent = open(scratch.path, O_RDONLY | O_DIRECTORY)
            defer { close(parent) }
            let files = [
                StagedFolder.File(folders: "", fileName: "a.yaml", bytes: Array("a\n".utf8)),
                StagedFolder.File(folders: "x/y", fileName: "b.yaml", bytes: Array("b\n".utf8)),
                StagedFolder.File(folders: "x", fileName: "c.yaml", bytes: Array("c\n".utf8)),
            ]
            #expect(StagedFolder.place(files, as: "cluster-a", in: parent) == .placed)
            #expect(scratch.entries() == ["cluster-a"])
            #expect(scratch.read("cluster-a/a.yaml") == Array("a\n".utf8))
            #expect(scratch.read("cluster-a/x/y/b.yaml") == Array("b\n".utf8))
            #expect(scratch.read("cluster-a/x/c.yaml") == Array("c\n".utf8))
        #endif
    }

    /// Whatever stops a staged folder leaves nothing behind, and what stood at the name is untouched.
    @Test(
        "StagedFolder gives up, leaving nothing, when the name is taken or a file name is not a plain one",
        arguments: [
            "a folder", "a file", "a dangling link", "two files at one name", "a dot component", "a folder name",
        ]
    )
    func givesUpLeavingNothing(obstacle: String) throws {
        let scratch = try ScratchFolder()
        let parent = open(scratch.path, O_RDONLY | O_DIRECTORY)
        defer { close(parent) }
        var files = [
            StagedFolder.File(folders: "gitops", fileName: "a.yaml", bytes: Array("a\n".utf8)),
            StagedFolder.File(folders: "", fileName: "b.yaml", bytes: Array("b\n".utf8)),
        ]
        switch obstacle {
        case "a folder": #expect(mkdir(scratch.path + "/cluster-a", 0o755) == 0)
        case "a file": try scratch.create("cluster-a", "mine\n")
        case "a dangling link": #expect(symlink("missing", scratch.path + "/cluster-a") == 0)
        case "two files at one name": files.append(files[1])
        case "a dot component": files.append(.init(folders: "gitops/.", fileName: "c.yaml", bytes: []))
        default: files.append(.init(folders: "", fileName: "gitops", bytes: []))
        }
        let before = Self.tree(scratch.path)
        #expect(StagedFolder.place(files, as: "cluster-a", in: parent) == .gaveUp)
        #expect(Self.tree(scratch.path) == before, "nothing made is left, nothing there touched")
    }

    /// The folder appears after `writeFolder` looked at its name and before the staged one is renamed (the test
    /// seam runs there): the rename refuses, and the files are written into the folder that appeared as into one that
    /// was there from the start.
    @Test("a folder that appears after the look: written file by file, as into a folder that was there")
    func folderAppearingMeanwhile() throws {
        let scratch = try ScratchFolder()
        func run(appearsAfterLook: Bool) throws -> (written: Int, tree: [String], staged: Bool) {
            let root = scratch.path + (appearsAfterLook ? "/after" : "/before")
            let output = OutputDirectory(root: root, flushesEachFile: false)
            try output.createRoot()
            var staged = false
            func plant() {
                #expect(mkdir(root + "/cluster-b", 0o750) == 0)
                #expect(throws: Never.self) {
                    try scratch.create((appearsAfterLook ? "after" : "before") + "/cluster-b/plan.json", "")
                    try scratch.create((appearsAfterLook ? "after" : "before") + "/cluster-b/values.patch", "old\n")
                }
                chmod(root + "/cluster-b/values.patch", 0o640)
            }
            if !appearsAfterLook { plant() }
            let written = try output.writeFolder(
                "cluster-b", files: Self.files,
                beforePlacing: {
                    staged = true
                    if appearsAfterLook { plant() }
                })
            return (written, Self.tree(root), staged)
        }
        let after = try run(appearsAfterLook: true)
        let before = try run(appearsAfterLook: false)
        #expect(after.staged, "the name was free at the look: the folder was staged, and then it appeared")
        #expect(!before.staged, "the folder was there at the look: nothing was staged")
        #expect(after.written == Self.files.count - 1, "plan.json was there with the same bytes: unchanged")
        #expect(after.written == before.written)
        #expect(after.tree == before.tree)
        #expect(after.tree.contains { $0.hasPrefix("cluster-b 40750 ") }, "the folder that appeared is kept")
        #expect(
            after.tree.contains { $0.hasPrefix("cluster-b/values.patch 100640 ") }, "a replaced file keeps its mode")
        #expect(!after.tree.contains { $0.contains(".tmp") }, "no temporary folder or file left")
    }

    /// The root is listed once, at the first folder written: a name it did not hold then is staged without a look,
    /// and a folder made there since (by someone else) makes the rename refuse; the files then go into that folder
    /// file by file, as when the look finds it.
    @Test("a folder made after the root was listed: staged, refused by the rename, then written file by file")
    func folderMadeAfterTheListing() throws {
        let scratch = try ScratchFolder()
        func plant(_ root: String) throws {
            #expect(mkdir(root + "/cluster-b", 0o750) == 0)
            try scratch.create(String(root.dropFirst(scratch.path.count + 1)) + "/cluster-b/plan.json", "")
        }
        let listed = OutputDirectory(root: scratch.path + "/listed", flushesEachFile: false)
        try listed.createRoot()
        #expect(try listed.writeFolder("cluster-a", files: Self.files) == Self.files.count)
        try plant(scratch.path + "/listed")
        var staged = false
        let written = try listed.writeFolder("cluster-b", files: Self.files, beforePlacing: { staged = true })
        #expect(staged, "cluster-b was not in the root when it was listed: no look, the folder was staged")
        let looked = OutputDirectory(root: scratch.path + "/looked", flushesEachFile: false)
        try looked.createRoot()
        try plant(scratch.path + "/looked")
        #expect(try looked.writeFolder("cluster-a", files: Self.files) == Self.files.count)
        var stagedAfterLook = false
        #expect(
            try looked.writeFolder("cluster-b", files: Self.files, beforePlacing: { stagedAfterLook = true }) == written
        )
        #expect(!stagedAfterLook, "cluster-b was in the root when it was listed: looked at and written into")
        #expect(written == Self.files.count - 1, "plan.json was there with the same bytes: unchanged")
        #expect(Self.tree(scratch.path + "/listed") == Self.tree(scratch.path + "/looked"))
        #expect(!Self.tree(scratch.path + "/listed").contains { $0.contains(".tmp") }, "no temporary folder left")
    }

    @Test("FolderListing.names lists an open folder's names (files, folders, links), without `.` and `..`")
    func namesOfAnOpenFolder() throws {
        let scratch = try ScratchFolder()
        try scratch.create("a.yaml", "a\n")
        #expect(mkdir(scratch.path + "/b", 0o755) == 0)
        #expect(symlink("missing", scratch.path + "/c") == 0)
        let folder = open(scratch.path, O_RDONLY | O_DIRECTORY)
        defer { close(folder) }
        #expect(FolderListing.names(in: folder, atMost: 3) == ["a.yaml", "b", "c"])
        #expect(FolderListing.names(in: folder, atMost: 2) == nil)  // more names than it may keep
        #expect(FolderListing.names(in: -1, atMost: 3) == nil)
    }

    @Test("a second run into the same output folder: every file unchanged and untouched (the same inode)")
    func rerunLeavesFilesUntouched() throws {
        let scratch = try ScratchFolder()
        let first = OutputDirectory(root: scratch.path + "/out", flushesEachFile: false)
        try first.createRoot()
        #expect(try first.writeFolder("cluster-a", files: Self.files) == Self.files.count)
        let inode = scratch.status("out/cluster-a/plan.json").st_ino
        let second = OutputDirectory(root: scratch.path + "/out", flushesEachFile: false)
        var wasStaged = false
        #expect(try second.writeFolder("cluster-a", files: Self.files, beforePlacing: { wasStaged = true }) == 0)
        #expect(!wasStaged, "an existing folder is written file by file")
        #expect(scratch.status("out/cluster-a/plan.json").st_ino == inode)
        var changed = Self.files
        changed[4].bytes = Array("{}\n".utf8)
        #expect(try second.writeFolder("cluster-a", files: changed) == 1)
        #expect(scratch.read("out/cluster-a/plan.json") == Array("{}\n".utf8))
        #expect(!Self.tree(scratch.path + "/out").contains { $0.contains(".tmp") })
    }

    @Test("a refused file name: the file-by-file path's error and tree, no temporary folder left")
    func refusedNameAsFileByFile() throws {
        let scratch = try ScratchFolder()
        var files = Self.files
        files.insert(GeneratedFile(name: "gitops/../../escape.yaml", bytes: []), at: 2)
        let staged = OutputDirectory(root: scratch.path + "/staged", flushesEachFile: false)
        let byFile = OutputDirectory(root: scratch.path + "/by-file", flushesEachFile: false)
        try staged.createRoot()
        try byFile.createRoot()
        let stagedError = #expect(throws: Diagnostic.self) { try staged.writeFolder("cluster-a", files: files) }
        let byFileError = #expect(throws: Diagnostic.self) {
            try Self.writeFileByFile(files, into: byFile, "cluster-a")
        }
        #expect(stagedError?.id == "output.bad-name")
        #expect(stagedError?.message == byFileError?.message.replacingOccurrences(of: "by-file", with: "staged"))
        #expect(Self.tree(scratch.path + "/staged") == Self.tree(scratch.path + "/by-file"))
    }

    @Test("with each file flushed (generate's way), a new folder is written file by file, to the same tree")
    func flushingWritesFileByFile() throws {
        let scratch = try ScratchFolder()
        let output = OutputDirectory(root: scratch.path + "/out")
        try output.createRoot()
        #expect(try output.writeFolder("cluster-a", files: Self.files) == Self.files.count)
        #expect(Self.tree(scratch.path + "/out").count == 7)
    }
}
