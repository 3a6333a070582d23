import CertMigration
import Foundation
import Testing

@testable import keda_cert_migrate

/// Reading the user's input files: whole regular files and streams, and each refusal with its message.
@Suite struct InputFilesTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "input-files-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func failure(_ result: Result<[UInt8], Diagnostic>) -> String? {
        if case .failure(let diagnostic) = result { return diagnostic.message }
        return nil
    }

    @Test func readsAWholeFileAnEmptyOneAndASymlinkedOne() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = folder + "/values.yaml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try InputFiles().read(path).get() == bytes)
        try Data().write(to: URL(fileURLWithPath: folder + "/empty.yaml"))
        #expect(try InputFiles().read(folder + "/empty.yaml").get() == [])
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.yaml", withDestinationPath: path)
        #expect(try InputFiles().read(folder + "/link.yaml").get() == bytes)
    }

    @Test func refusesWhatItShouldNotRead() throws {
        #expect(failure(InputFiles().read(folder + "/missing.yaml")) == "no such file")
        #expect(failure(InputFiles().read(folder + "/missing/values.yaml")) == "no such file")
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.yaml", withDestinationPath: "/nowhere")
        #expect(failure(InputFiles().read(folder + "/dangling.yaml")) == "no such file")
        #expect(failure(InputFiles().read(folder)) == "this is a directory, not a file")
        let path = folder + "/big.yaml"
        try Data(count: 101).write(to: URL(fileURLWithPath: path))
        let tooLarge = "the file is 101 bytes, more than the limit of 100 bytes"
        #expect(failure(InputFiles(maximumBytes: 100).read(path)) == tooLarge)
        #expect(try InputFiles(maximumBytes: 101).read(path).get().count == 101)
    }

    /// `fleet` reads a cluster's files relative to its open folder: the same bytes and the same refusals as by path,
    /// for a plain file, a link (relative, out of the folder), a missing or dangling name, a folder, one too large.
    @Test func readsRelativeToAnOpenFolderAsByPath() throws {
        let cluster = folder + "/cluster"
        try FileManager.default.createDirectory(atPath: cluster + "/sub", withIntermediateDirectories: true)
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: cluster + "/values.yaml"))
        try Data("shared: true\n".utf8).write(to: URL(fileURLWithPath: folder + "/shared.yaml"))
        try Data(count: 101).write(to: URL(fileURLWithPath: cluster + "/big.yaml"))
        #expect(symlink("../shared.yaml", cluster + "/link.yaml") == 0)
        #expect(symlink("nowhere", cluster + "/dangling.yaml") == 0)
        let open = try FolderListing.opened(cluster)
        let files = InputFiles(maximumBytes: 100)
        let names = ["values.yaml", "link.yaml", "missing.yaml", "dangling.yaml", "sub", "big.yaml", "sub/missing"]
        for name in names {
            let path = cluster + "/" + name
            let relative = files.read(name, inFolder: open.descriptor, as: path)
            let byPath = files.read(path)
            switch (relative, byPath) {
            case (.success(let one), .success(let other)): #expect(one == other, "\(name)")
            case (.failure(let one), .failure(let other)): #expect(one == other, "\(name)")
            default: Issue.record("\(name): \(relative) read by path is \(byPath)")
            }
        }
        let linked = files.read("link.yaml", inFolder: open.descriptor, as: "x")
        #expect(try linked.get() == Array("shared: true\n".utf8))
        #expect(failure(files.read("sub", inFolder: open.descriptor, as: "x")) == "this is a directory, not a file")
    }

    @Test func readsAStreamAndStopsOneOverTheLimit() throws {
        // A named pipe, as `--values <(kubectl get ...)` gives: no size to check first.
        let pipe = folder + "/stream"
        #expect(mkfifo(pipe, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: pipe)
            handle?.write(Data(repeating: UInt8(ascii: "a"), count: 300_000))
            try? handle?.close()
        }
        writer.start()
        #expect(try InputFiles().read(pipe).get().count == 300_000)

        let overflowing = Thread {
            let handle = FileHandle(forWritingAtPath: pipe)
            // 1,000 bytes fit in the pipe's buffer, so the write ends even though the reader stops early.
            handle?.write(Data(repeating: UInt8(ascii: "b"), count: 1_000))
            try? handle?.close()
        }
        overflowing.start()
        #expect(failure(InputFiles(maximumBytes: 500).read(pipe)) == "the input is more than the limit of 500 bytes")
    }
}
