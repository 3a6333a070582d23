import CGNUCalls
import CertMigration
import Foundation
import Testing

@testable import keda_cert_migrate

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("AtomicFileWriter and OutputDirectory: safe writes on a real file system")
struct AtomicFileWriterTests {
    @Test("a new file is written with exactly the bytes, and no temporary file is left")
    func writesNewFile() throws {
        let folder = try ScratchFolder()
        let writer = AtomicFileWriter(allowedRoot: folder.path)
        let bytes = Array("a: 1\r\nb: ü\n".utf8)
        #expect(try writer.write(bytes, to: folder.path + "/values.yaml") == .written)
        #expect(folder.read("values.yaml") == bytes)
        #expect(folder.entries() == ["values.yaml"])
    }

    @Test("the same bytes again: unchanged, and the file is not touched (same inode)")
    func unchangedIsNotTouched() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/values.yaml"
        let writer = AtomicFileWriter(allowedRoot: folder.path)
        try writer.write(Array("a: 1\n".utf8), to: path)
        let inode = folder.status("values.yaml").st_ino
        #expect(try writer.write(Array("a: 1\n".utf8), to: path) == .unchanged)
        #expect(folder.status("values.yaml").st_ino == inode)
        #expect(try writer.write(Array("a: 2\n".utf8), to: path) == .written)
        #expect(folder.status("values.yaml").st_ino != inode, "a changed file is a new file renamed into place")
    }

    @Test("an existing file keeps its permission mode", arguments: [0o600, 0o640, 0o644, 0o755, 0o444] as [mode_t])
    func keepsMode(mode: mode_t) throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/values.yaml"
        try folder.create("values.yaml", "a: 1\n")
        chmod(path, mode)
        try AtomicFileWriter(allowedRoot: folder.path).write(Array("a: 2\n".utf8), to: path)
        #expect(folder.status("values.yaml").st_mode & 0o7777 == mode)
        #expect(folder.read("values.yaml") == Array("a: 2\n".utf8))
    }

    @Test("a file changed after it was read is refused, and the change on disk is kept")
    func changedSinceRead() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/values.yaml"
        try folder.create("values.yaml", "a: 1\n")
        let readAtStart = folder.read("values.yaml")
        try folder.create("values.yaml", "a: 1\n# edited by someone else\n")
        let error = #expect(throws: Diagnostic.self) {
            try AtomicFileWriter(allowedRoot: folder.path).write(
                Array("a: 2\n".utf8), to: path, expectingUnchanged: readAtStart)
        }
        #expect(error?.id == "output.changed-on-disk")
        #expect(
            error?.description == """
                \(path): error: the file changed after the tool read it; nothing was written
                  fix: run the tool again on the file as it is now
                """)
        #expect(folder.read("values.yaml") == Array("a: 1\n# edited by someone else\n".utf8))
        #expect(folder.entries() == ["values.yaml"])
    }

    @Test("a file removed after it was read is refused; an unchanged one is written")
    func removedSinceRead() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/values.yaml"
        try folder.create("values.yaml", "a: 1\n")
        let readAtStart = folder.read("values.yaml")
        let writer = AtomicFileWriter(allowedRoot: folder.path)
        #expect(try writer.write(Array("a: 2\n".utf8), to: path, expectingUnchanged: readAtStart) == .written)
        unlink(path)
        let error = #expect(throws: Diagnostic.self) {
            try writer.write(Array("a: 3\n".utf8), to: path, expectingUnchanged: readAtStart)
        }
        #expect(error?.message == "the file was removed after the tool read it; nothing was written")
        #expect(folder.entries().isEmpty)
    }

    @Test("a symbolic link inside the root is followed: the linked file changes, the link stays")
    func followsLinkInside() throws {
        let folder = try ScratchFolder()
        try folder.create("real.yaml", "a: 1\n")
        symlink("real.yaml", folder.path + "/values.yaml")
        try AtomicFileWriter(allowedRoot: folder.path).write(Array("a: 2\n".utf8), to: folder.path + "/values.yaml")
        #expect(folder.read("real.yaml") == Array("a: 2\n".utf8))
        #expect(folder.status("values.yaml", followLink: false).st_mode & S_IFMT == S_IFLNK)
    }

    @Test("a symbolic link out of the root (file or folder) is refused, and the outside file is untouched")
    func refusesLinkOutside() throws {
        let root = try ScratchFolder()
        let outside = try ScratchFolder()
        try outside.create("values.yaml", "secret: 1\n")
        symlink(outside.path + "/values.yaml", root.path + "/values.yaml")
        symlink(outside.path, root.path + "/linked-folder")
        let writer = AtomicFileWriter(allowedRoot: root.path)
        for path in [root.path + "/values.yaml", root.path + "/linked-folder/values.yaml", root.path + "/../x.yaml"] {
            let error = #expect(throws: Diagnostic.self) { try writer.write(Array("x\n".utf8), to: path) }
            #expect(error?.id == "output.outside-root", "\(path)")
            #expect(error?.location?.file == path)
        }
        #expect(outside.read("values.yaml") == Array("secret: 1\n".utf8))
        #expect(outside.entries() == ["values.yaml"])
    }

    /// Linux names folders by their bytes: `café` written with U+00E9 and with `e` + U+0301 are two folders, though
    /// Swift's `String` compares them equal. A link from the first to a file in the second leads out of the root.
    @Test("a link to a folder whose name only looks like the root's (another Unicode form) is refused")
    func refusesLinkToLookAlikeFolder() throws {
        let scratch = try ScratchFolder()
        let composed = scratch.path + "/caf\u{E9}"
        let decomposed = scratch.path + "/cafe\u{301}"
        #expect(composed == decomposed, "Swift's String equality is canonical equivalence")
        #expect(mkdir(composed, 0o755) == 0 && mkdir(decomposed, 0o755) == 0)
        try Data("secret: 1\n".utf8).write(to: URL(fileURLWithPath: decomposed + "/values.yaml"))
        symlink(decomposed + "/values.yaml", composed + "/values.yaml")
        symlink(decomposed, composed + "/linked-folder")
        let writer = AtomicFileWriter(allowedRoot: composed)
        for path in [composed + "/values.yaml", composed + "/linked-folder/values.yaml"] {
            let error = #expect(throws: Diagnostic.self) { try writer.write(Array("x\n".utf8), to: path) }
            #expect(error?.id == "output.outside-root", "\(path)")
        }
        let folderLink = #expect(throws: Diagnostic.self) {
            try OutputDirectory(root: composed).write(Array("x\n".utf8), to: "linked-folder/overlay.yaml")
        }
        #expect(folderLink?.id == "output.outside-root")
        #expect(FileManager.default.contents(atPath: decomposed + "/values.yaml") == Data("secret: 1\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: decomposed + "/overlay.yaml"))
        #expect(!AtomicFileWriter.isInside(decomposed + "/values.yaml", root: composed))
        #expect(!AtomicFileWriter.isInside(decomposed, root: composed))
        #expect(AtomicFileWriter.isInside(composed + "/values.yaml", root: composed))
        #expect(AtomicFileWriter.isInside(composed, root: composed))
        #expect(!AtomicFileWriter.isInside(composed + "x/values.yaml", root: composed))
        #expect(AtomicFileWriter.isInside("/anything", root: "/"))
    }

    @Test("values.patch names a file below a folder by the bytes after it, and not below a look-alike folder")
    func patchPathsCutByBytes() {
        #expect(PatchPaths.relative("/r/caf\u{E9}/v.yaml", below: "/r/caf\u{E9}") == "v.yaml")
        #expect(PatchPaths.relative("/r/caf\u{E9}/n\u{E9}/v.yaml", below: "/r") == "caf\u{E9}/n\u{E9}/v.yaml")
        #expect(PatchPaths.relative("/r/v.yaml", below: "/") == "r/v.yaml")
        #expect(PatchPaths.relative("/r/cafe\u{301}/v.yaml", below: "/r/caf\u{E9}") == nil)
        #expect(PatchPaths.relative("/r/caf\u{E9}", below: "/r/caf\u{E9}") == nil)
        #expect(PatchPaths.relative("/r/caf\u{E9}x/v.yaml", below: "/r/caf\u{E9}") == nil)
    }

    @Test("a dangling link, a folder and a missing folder are clear errors")
    func otherRefusals() throws {
        let folder = try ScratchFolder()
        symlink("missing.yaml", folder.path + "/dangling.yaml")
        mkdir(folder.path + "/a-folder", 0o755)
        let writer = AtomicFileWriter(allowedRoot: folder.path)
        let cases = [
            ("dangling.yaml", "this is a symbolic link to a file that does not exist"),
            ("a-folder", "this is a folder, not a file"),
            ("no-such-folder/values.yaml", "the folder \(folder.path)/no-such-folder does not exist"),
        ]
        for (name, message) in cases {
            let error = #expect(throws: Diagnostic.self) {
                try writer.write(Array("x\n".utf8), to: folder.path + "/" + name)
            }
            #expect(error?.message == message)
        }
    }

    /// Root may create files anywhere a permission bit forbids, so a read-only folder is made honestly: sysfs, which
    /// refuses new files to everyone, and (where the process may mount) a tmpfs mounted read-only. As another user,
    /// a folder with mode 0555.
    @Test("a read-only folder is a clear error naming the path, and nothing is created")
    func readOnlyFolder() throws {
        var folders: [(path: String, cleanup: () -> Void)] = []
        if geteuid() == 0 {
            var status = stat()
            if stat("/sys/kernel", &status) == 0 { folders.append(("/sys/kernel", {})) }
            if let mount = try TemporaryMount(options: "size=64k", readOnly: true) {
                folders.append((mount.path, mount.remove))
            }
        } else {
            let folder = try ScratchFolder()
            chmod(folder.path, 0o555)
            folders.append(
                (
                    folder.path,
                    {
                        chmod(folder.path, 0o755); _ = folder
                    }
                ))
        }
        #expect(!folders.isEmpty, "no way to make a read-only folder on this machine")
        for (folder, cleanup) in folders {
            defer { cleanup() }
            let path = folder + "/keda-values.yaml"
            let before = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let error = #expect(throws: Diagnostic.self) {
                try AtomicFileWriter(allowedRoot: folder).write(Array("a: 1\n".utf8), to: path)
            }
            #expect(error?.id == "output.write-failed")
            #expect(error?.location?.file == path)
            #expect(error?.message.hasPrefix("cannot create a file in the folder \(folder): ") == true)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] == before)
        }
    }

    @Test(
        "a full disk is a clear error: the old file stays whole and the temporary file is removed",
        .enabled(if: geteuid() == 0, "mounting a small tmpfs needs root"))
    func fullDisk() throws {
        guard let mount = try TemporaryMount(options: "size=16k", readOnly: false) else {
            print("skipped: this process may not mount a tmpfs, so a full disk cannot be made")
            return
        }
        defer { mount.remove() }
        let path = mount.path + "/values.yaml"
        let old = Array("a: 1\n".utf8)
        try Data(old).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: Diagnostic.self) {
            try AtomicFileWriter(allowedRoot: mount.path).write([UInt8](repeating: 0x61, count: 256 << 10), to: path)
        }
        #expect(error?.id == "output.write-failed")
        #expect(error?.message.contains("No space left on device") == true)
        #expect(error?.fix == "free space on that file system, or write somewhere else")
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == old)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: mount.path)) == ["values.yaml"])
    }

    // MARK: OutputDirectory

    @Test(
        "output names that lead out of the folder are refused",
        arguments: ["../values.yaml", "manifests/../../x.yaml", "/etc/passwd", "", "a//b.yaml", ".", "x\u{0}y"])
    func refusesEscapingNames(name: String) throws {
        let folder = try ScratchFolder()
        let output = OutputDirectory(root: folder.path + "/out")
        let error = #expect(throws: Diagnostic.self) { try output.write(Array("x\n".utf8), to: name) }
        #expect(error?.id == "output.bad-name")
        #expect(error?.message.hasPrefix("refusing the output name \(name.debugDescription): ") == true)
        #expect(folder.entries().isEmpty, "nothing is created, not even the output folder")
    }

    @Test("output names resolve inside the folder, creating it and its subfolders")
    func writesInsideFolder() throws {
        let folder = try ScratchFolder()
        let output = OutputDirectory(root: folder.path + "/out/cluster-a")
        #expect(try output.path(for: "manifests/issuer.yaml") == folder.path + "/out/cluster-a/manifests/issuer.yaml")
        #expect(try output.write(Array("kind: Issuer\n".utf8), to: "manifests/issuer.yaml") == .written)
        #expect(try output.write(Array("kind: Issuer\n".utf8), to: "manifests/issuer.yaml") == .unchanged)
        #expect(try output.write(Array("x\n".utf8), to: "./values.patch") == .written)
        #expect(folder.read("out/cluster-a/manifests/issuer.yaml") == Array("kind: Issuer\n".utf8))
        #expect(folder.read("out/cluster-a/values.patch") == Array("x\n".utf8))
    }

    @Test("a subfolder that is a link out of the output folder is refused")
    func refusesLinkedSubfolder() throws {
        let folder = try ScratchFolder()
        let outside = try ScratchFolder()
        mkdir(folder.path + "/out", 0o755)
        symlink(outside.path, folder.path + "/out/manifests")
        let error = #expect(throws: Diagnostic.self) {
            try OutputDirectory(root: folder.path + "/out").write(Array("x\n".utf8), to: "manifests/issuer.yaml")
        }
        #expect(error?.id == "output.outside-root")
        #expect(outside.entries().isEmpty)
    }

    @Test("later writes go into the folders as first checked: a folder swapped for a link out is not followed")
    func swappedFolderIsNotFollowed() throws {
        let folder = try ScratchFolder()
        let outside = try ScratchFolder()
        let output = OutputDirectory(root: folder.path + "/out")
        #expect(try output.write(Array("a\n".utf8), to: "manifests/a.yaml") == .written)
        #expect(rename(folder.path + "/out/manifests", folder.path + "/out/moved") == 0)
        #expect(symlink(outside.path, folder.path + "/out/manifests") == 0)
        #expect(try output.write(Array("b\n".utf8), to: "manifests/b.yaml") == .written)
        #expect(outside.entries().isEmpty, "nothing written through the link")
        #expect(folder.read("out/moved/b.yaml") == Array("b\n".utf8), "written into the folder that was checked")
        let fresh = OutputDirectory(root: folder.path + "/out")
        let error = #expect(throws: Diagnostic.self) { try fresh.write(Array("c\n".utf8), to: "manifests/c.yaml") }
        #expect(error?.id == "output.outside-root", "a new directory value checks the folder again")
    }

    @Test("many files in a folder and its subfolders: each written once, unchanged after, links inside followed")
    func manyWritesInOneDirectory() throws {
        let folder = try ScratchFolder()
        let output = OutputDirectory(root: folder.path + "/out", flushesEachFile: false)
        let names = ["a.yaml", "gitops/b.yaml", "gitops/c.yaml", "./d.yaml", "gitops/./e.yaml", "x/y/z.yaml"]
        for name in names { #expect(try output.write(Array(name.utf8), to: name) == .written, "\(name)") }
        for name in names { #expect(try output.write(Array(name.utf8), to: name) == .unchanged, "\(name)") }
        for name in names { #expect(folder.read("out/" + name) == Array(name.utf8), "\(name)") }
        symlink("a.yaml", folder.path + "/out/link.yaml")
        #expect(try output.write(Array("via link\n".utf8), to: "link.yaml") == .written)
        #expect(folder.read("out/a.yaml") == Array("via link\n".utf8))
        #expect(folder.status("out/link.yaml", followLink: false).st_mode & S_IFMT == S_IFLNK)
        mkdir(folder.path + "/out/gitops/sub", 0o755)
        let error = #expect(throws: Diagnostic.self) { try output.write(Array("x\n".utf8), to: "gitops/sub") }
        #expect(error?.message == "this is a folder, not a file")
        let hidden = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path + "/out")) ?? []
        #expect(!hidden.contains { $0.hasSuffix(".tmp") }, "no temporary file left")
    }

    @Test("a folder made below the open root (a fleet cluster's): its files and subfolders written, unchanged after")
    func subdirectoryOfOpenRoot() throws {
        let folder = try ScratchFolder()
        let output = OutputDirectory(root: folder.path + "/out", flushesEachFile: false)
        try output.createRoot()
        let names = ["values.yaml", "gitops/patch.yaml", "gitops/deep/x.yaml", "./a.yaml"]
        for round in [AtomicFileWriter.Outcome.written, .unchanged] {
            let cluster = output.subdirectory("cluster-a", flushesEachFile: false)
            #expect(try cluster.path(for: "values.yaml") == folder.path + "/out/cluster-a/values.yaml")
            for name in names { #expect(try cluster.write(Array(name.utf8), to: name) == round, "\(name)") }
        }
        for name in names { #expect(folder.read("out/cluster-a/" + name) == Array(name.utf8), "\(name)") }
        #expect(folder.status("out/cluster-a").st_mode & S_IFMT == S_IFDIR)
    }

    /// A folder the directory made itself (`mkdirat` succeeded) is written into without looking for earlier files
    /// first, by a rename that refuses to replace: whatever is at a name all the same must meet the outcome, the
    /// words and the tree it meets in a folder that was already there.
    @Test(
        "in a folder made by this run, whatever is at a name all the same is handled as in a folder that was there",
        arguments: [
            "nothing", "the same file twice", "a file with the same bytes", "a file with other bytes",
            "a link inside", "a link out", "a folder",
        ])
    func newFolderAsExistingOne(planted: String) throws {
        let folder = try ScratchFolder()
        let outside = try ScratchFolder()
        /// Makes the cluster folder (before the directory value does, or by it), plants the thing, writes, and returns
        /// what happened with the tree after (modes and link targets included).
        func run(folderWasThere: Bool) throws -> [String] {
            try? FileManager.default.removeItem(atPath: folder.path + "/out")
            for name in outside.entries() { unlink(outside.path + "/" + name) }
            let output = OutputDirectory(root: folder.path + "/out", flushesEachFile: false)
            try output.createRoot()
            if folderWasThere { #expect(mkdir(folder.path + "/out/cluster-a", 0o755) == 0) }
            let cluster = output.subdirectory("cluster-a", flushesEachFile: false)
            let place = folder.path + "/out/cluster-a/"
            var happened: [String] = []
            func write(_ text: String, to name: String) {
                do {
                    happened.append("\(name): \(try cluster.write(Array(text.utf8), to: name))")
                } catch {
                    happened.append("\(name): \(error.id) \(error.message) (\(error.fix ?? ""))")
                }
            }
            write("v\n", to: "values.yaml")
            write("p\n", to: "gitops/patch.yaml")
            switch planted {
            case "the same file twice":
                write("v\n", to: "values.yaml")
                write("p\n", to: "gitops/patch.yaml")
                write("w\n", to: "values.yaml")
            case "a file with the same bytes", "a file with other bytes":
                try folder.create("out/cluster-a/plan.json", "{}\n")
                chmod(place + "plan.json", 0o640)
                write(planted == "a file with the same bytes" ? "{}\n" : "{ }\n", to: "plan.json")
            case "a link inside":
                #expect(symlink("values.yaml", place + "linked.yaml") == 0)
                write("l\n", to: "linked.yaml")
            case "a link out":
                try outside.create("mine.yaml", "mine\n")
                #expect(symlink(outside.path + "/mine.yaml", place + "out.yaml") == 0)
                write("o\n", to: "out.yaml")
            case "a folder":
                #expect(mkdir(place + "PULL_REQUEST.md", 0o755) == 0)
                write("r\n", to: "PULL_REQUEST.md")
            default:
                write("r\n", to: "PULL_REQUEST.md")
            }
            let tree = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path + "/out")) ?? []
            for name in tree.sorted() {
                let status = folder.status("out/" + name, followLink: false)
                let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/out/" + name))
                let isFile = status.st_mode & S_IFMT == S_IFREG
                let bytes = isFile ? String(decoding: folder.read("out/" + name), as: UTF8.self) : ""
                happened.append("\(name) \(String(status.st_mode, radix: 8)) \(link ?? "") \(bytes.debugDescription)")
            }
            return happened + outside.entries().map { "outside: \($0) \(outside.read($0))" }
        }
        let made = try run(folderWasThere: false)
        let there = try run(folderWasThere: true)
        #expect(made == there)
        #expect(!made.contains { $0.contains(".tmp") }, "no temporary file left")
        let expected: [String: [String]] = [
            "nothing": ["values.yaml: written", "gitops/patch.yaml: written", "PULL_REQUEST.md: written"],
            "the same file twice": ["values.yaml: unchanged", "gitops/patch.yaml: unchanged", "values.yaml: written"],
            "a file with the same bytes": ["plan.json: unchanged"],
            "a file with other bytes": ["plan.json: written", "cluster-a/plan.json 100640 "],
            "a link inside": ["linked.yaml: written", "cluster-a/linked.yaml 120777 values.yaml", #""l\n""#],
            "a link out": ["out.yaml: output.outside-root", "outside: mine.yaml"],
            "a folder": ["PULL_REQUEST.md: output.write-failed this is a folder, not a file"],
        ]
        for sign in try #require(expected[planted]) {
            #expect(made.contains { $0.contains(sign) }, "\(sign) in \(made)")
        }
    }

    /// The rename a new folder's files are put in place with: it refuses (`EEXIST`) to replace anything.
    @Test("a rename without replacing puts a file where nothing is, and refuses a file, a link or a folder there")
    func renameWithoutReplacing() throws {
        #if os(Linux)
            let folder = try ScratchFolder()
            func renamed(to target: String) -> Int32 {
                RenameWithoutReplacing.rename(AT_FDCWD, folder.path + "/new", AT_FDCWD, folder.path + "/" + target)
            }
            try folder.create("new", "new\n")
            #expect(renamed(to: "a") == 0)
            #expect(folder.entries() == ["a"])
            try folder.create("new", "new\n")
            #expect(symlink("missing", folder.path + "/link") == 0)
            #expect(mkdir(folder.path + "/folder", 0o755) == 0)
            for target in ["a", "link", "folder"] {
                errno = 0
                #expect(renamed(to: target) == -1)
                #expect(errno == EEXIST, "\(target)")
            }
            #expect(folder.read("a") == Array("new\n".utf8))
            #expect(folder.read("new") == Array("new\n".utf8))
            #expect(folder.status("link", followLink: false).st_mode & S_IFMT == S_IFLNK)
        #endif
    }

    /// `fleet` flushes its output's file system with `syncfs` (declared in `CGNUCalls`), not every disk with `sync`.
    @Test("syncfs flushes a folder's file system and refuses a bad descriptor; fleet's flush succeeds")
    func syncFileSystem() throws {
        let folder = try ScratchFolder()
        #if os(Linux)
            let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { close(descriptor) }
            #expect(kcm_syncfs(descriptor) == 0)
            #expect(kcm_syncfs(-1) == -1 && errno == EBADF)
        #endif
        try KedaCertMigrate.Fleet.flushFileSystem(of: folder.path)
    }

    @Test("a link planted at a subfolder after the cluster folder was opened is checked: out refused, in followed")
    func linkPlantedBelowOpenedClusterFolder() throws {
        let folder = try ScratchFolder()
        let outside = try ScratchFolder()
        let output = OutputDirectory(root: folder.path + "/out", flushesEachFile: false)
        try output.createRoot()
        let cluster = output.subdirectory("cluster-a", flushesEachFile: false)
        #expect(try cluster.write(Array("v\n".utf8), to: "values.yaml") == .written)
        #expect(symlink(outside.path, folder.path + "/out/cluster-a/gitops") == 0)
        let error = #expect(throws: Diagnostic.self) { try cluster.write(Array("x\n".utf8), to: "gitops/patch.yaml") }
        #expect(error?.id == "output.outside-root")
        #expect(
            error?.message == "refusing to write gitops/patch.yaml: the folder \(folder.path)/out/cluster-a/gitops "
                + "is a symbolic link that leads out of \(folder.path)/out/cluster-a")
        #expect(outside.entries().isEmpty, "nothing written through the link")
        #expect(mkdir(folder.path + "/out/cluster-a/real", 0o755) == 0)
        #expect(symlink("real", folder.path + "/out/cluster-a/manifests") == 0)
        #expect(try cluster.write(Array("m\n".utf8), to: "manifests/m.yaml") == .written)
        #expect(folder.read("out/cluster-a/real/m.yaml") == Array("m\n".utf8))
        #expect(folder.status("out/cluster-a/manifests", followLink: false).st_mode & S_IFMT == S_IFLNK)
    }

    @Test(
        "whatever stands where a cluster folder goes, it is handled as by a directory named by its path, but for a link",
        arguments: ["file", "dangling link", "nothing"])
    func subdirectoryAsNamedRoot(planted: String) throws {
        let folder = try ScratchFolder()
        /// Plants the thing, writes two files through `directory` and returns what happened, with the tree after.
        func run(_ directory: (OutputDirectory) -> OutputDirectory) throws -> [String] {
            try? FileManager.default.removeItem(atPath: folder.path + "/out")
            try? FileManager.default.removeItem(atPath: folder.path + "/elsewhere")
            let output = OutputDirectory(root: folder.path + "/out", flushesEachFile: false)
            try output.createRoot()
            #expect(mkdir(folder.path + "/elsewhere", 0o755) == 0)
            let place = folder.path + "/out/cluster-a"
            switch planted {
            case "file": try folder.create("out/cluster-a", "mine\n")
            case "dangling link": #expect(symlink("missing", place) == 0)
            case "link to a folder": #expect(symlink("../elsewhere", place) == 0)
            case "link out": #expect(symlink(folder.path + "/elsewhere", place) == 0)
            default: break
            }
            var happened: [String] = []
            let cluster = directory(output)
            for name in ["values.yaml", "gitops/patch.yaml"] {
                do {
                    happened.append("\(name): \(try cluster.write(Array(name.utf8), to: name))")
                } catch {
                    happened.append("\(name): \(error.id) \(error.message) (\(error.fix ?? ""))")
                }
            }
            let tree = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
            return happened + tree.sorted()
        }
        let named = try run { OutputDirectory(root: $0.root + "/cluster-a", flushesEachFile: false) }
        let opened = try run { $0.subdirectory("cluster-a", flushesEachFile: false) }
        #expect(opened == named)
        #expect(named.count > 2)
    }

    /// A link planted where a cluster's folder goes, leading out of the output folder: the cluster's files are refused
    /// (a folder named by the user as its root may be a link; a cluster folder the tool derives may not lead out).
    @Test("a link planted where a cluster folder goes: refused when it leads out of the output folder, followed inside")
    func clusterFolderLinkOut() throws {
        let folder = try ScratchFolder()
        let output = OutputDirectory(root: folder.path + "/out", flushesEachFile: false)
        try output.createRoot()
        #expect(mkdir(folder.path + "/elsewhere", 0o755) == 0)
        #expect(mkdir(folder.path + "/out/inside", 0o755) == 0)
        #expect(symlink(folder.path + "/elsewhere", folder.path + "/out/cluster-a") == 0)
        #expect(symlink("inside", folder.path + "/out/cluster-b") == 0)
        let outside = output.subdirectory("cluster-a", flushesEachFile: false)
        for name in ["values.yaml", "gitops/patch.yaml"] {
            #expect {
                try outside.write(Array(name.utf8), to: name)
            } throws: { error in
                guard let diagnostic = error as? Diagnostic else { return false }
                return diagnostic.id == "output.outside-root"
                    && diagnostic.message.contains("\(folder.path)/out/cluster-a is a symbolic link that leads out of")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/elsewhere").isEmpty)
        let inside = output.subdirectory("cluster-b", flushesEachFile: false)
        #expect(try inside.write(Array("v\n".utf8), to: "values.yaml") == .written)
        #expect(folder.read("out/inside/values.yaml") == Array("v\n".utf8))
    }

    @Test("in an open folder: a file unchanged untouched, changed keeping its mode; a non-file refused as by path")
    func existingEntriesInOpenFolder() throws {
        let folder = try ScratchFolder()
        let output = OutputDirectory(root: folder.path, flushesEachFile: false)
        #expect(try output.write(Array("a: 1\n".utf8), to: "values.yaml") == .written)
        chmod(folder.path + "/values.yaml", 0o640)
        let inode = folder.status("values.yaml").st_ino
        #expect(try output.write(Array("a: 1\n".utf8), to: "values.yaml") == .unchanged)
        #expect(folder.status("values.yaml").st_ino == inode)
        #expect(try output.write(Array("a: 2\n".utf8), to: "values.yaml") == .written)
        #expect(folder.status("values.yaml").st_ino != inode)
        #expect(folder.status("values.yaml").st_mode & 0o7777 == 0o640)
        #expect(folder.read("values.yaml") == Array("a: 2\n".utf8))

        mkdir(folder.path + "/a-folder", 0o755)
        symlink("missing.yaml", folder.path + "/dangling.yaml")
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let socketPath = folder.path + "/socket.yaml"
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        let byPath = AtomicFileWriter(allowedRoot: folder.path)
        for name in ["a-folder", "dangling.yaml", "socket.yaml"] {
            let opened = #expect(throws: Diagnostic.self) { try output.write(Array("x\n".utf8), to: name) }
            let named = #expect(throws: Diagnostic.self) {
                try byPath.write(Array("x\n".utf8), to: folder.path + "/" + name)
            }
            #expect(opened?.message == named?.message, "\(name)")
            #expect(opened?.fix == named?.fix, "\(name)")
        }
    }

    @Test("a file where a folder should be is a clear error")
    func fileWhereFolderShouldBe() throws {
        let folder = try ScratchFolder()
        try folder.create("manifests", "I am a file\n")
        let error = #expect(throws: Diagnostic.self) {
            try OutputDirectory(root: folder.path).write(Array("x\n".utf8), to: "manifests/issuer.yaml")
        }
        #expect(error?.message == "\(folder.path)/manifests is a file where a folder should be")
        #expect(error?.fix == "a file stands where a folder should be: remove or rename it")
        #expect(folder.read("manifests") == Array("I am a file\n".utf8))
    }
}

/// A fresh folder under the temporary folder, removed at the end.
final class ScratchFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = AtomicFileWriter.realPath(url.path) ?? url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func create(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    func read(_ name: String) -> [UInt8] {
        FileManager.default.contents(atPath: path + "/" + name).map { [UInt8]($0) } ?? []
    }

    func entries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    func status(_ name: String, followLink: Bool = true) -> stat {
        var status = stat()
        _ = followLink ? stat(path + "/" + name, &status) : lstat(path + "/" + name, &status)
        return status
    }
}

/// A small tmpfs mounted on a scratch folder (root only): a real read-only or full file system.
private struct TemporaryMount {
    let path: String
    private let folder: ScratchFolder

    /// Mounts one, or returns nil when this process may not mount.
    init?(options: String, readOnly: Bool) throws {
        folder = try ScratchFolder()
        path = folder.path
        let readOnlyFlag: UInt = 1  // MS_RDONLY
        guard mount("tmpfs", path, "tmpfs", readOnly ? readOnlyFlag : 0, options) == 0 else { return nil }
    }

    func remove() {
        umount2(path, 2)  // MNT_DETACH
    }
}

/// `AtomicFileWriter.split(real:)` splits a real path as NSString's path methods do, without them.
@Suite struct RealPathSplitTests {
    @Test(arguments: ["/a/b", "/b", "/tmp/out/cluster-00042/values.yaml", "/a/.hidden", "/a/b c/ü.yaml"])
    func splitsAsNSStringDoes(path: String) {
        let (folder, name) = AtomicFileWriter.split(real: path)
        #expect(folder == (path as NSString).deletingLastPathComponent)
        #expect(name == (path as NSString).lastPathComponent)
    }
}
