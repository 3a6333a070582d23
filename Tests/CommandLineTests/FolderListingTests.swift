import Foundation
import Testing

@testable import keda_cert_migrate

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fleet folder's and a cluster folder's entries, listed in one pass with links followed.
@Suite("FolderListing: a folder's entries and what each is")
struct FolderListingTests {
    func freshFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-listing-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("files, folders, hidden entries, links to each, a dangling link and a pipe; never . or ..")
    func kinds() throws {
        let folder = try freshFolder()
        let manager = FileManager.default
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/values.yaml"))
        try Data().write(to: URL(fileURLWithPath: folder + "/.hidden"))
        try manager.createDirectory(atPath: folder + "/cluster-a", withIntermediateDirectories: false)
        try manager.createSymbolicLink(atPath: folder + "/link-to-folder", withDestinationPath: folder + "/cluster-a")
        try manager.createSymbolicLink(atPath: folder + "/link-to-file", withDestinationPath: folder + "/values.yaml")
        try manager.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: folder + "/no-such-thing")
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)

        let entries = try FolderListing.entries(of: folder)
        let kinds = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.kind) })
        #expect(
            kinds == [
                "values.yaml": .file, ".hidden": .file, "cluster-a": .folder, "link-to-folder": .folder,
                "link-to-file": .file, "dangling": .missing, "pipe": .other,
            ])
        #expect(entries.count == kinds.count)
        let followed = Set(entries.filter(\.isFollowed).map(\.name))
        #expect(followed == ["link-to-folder", "link-to-file", "dangling"], "links, found by following them")
    }

    @Test("a folder of more entries than one read of the listing holds: every entry once, as FileManager lists them")
    func manyEntries() throws {
        let folder = try freshFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 1,200 names of 60 bytes: records of 80 bytes, about 94 KiB, more than one read of readdir's 32 KiB buffer.
        let names = (0..<1_200).map { "cluster-" + String(repeating: "x", count: 47) + String(format: "%05d", $0) }
        for (index, name) in names.enumerated() {
            if index % 2 == 0 {
                #expect(mkdir(folder + "/" + name, 0o755) == 0)
            } else {
                #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: nil))
            }
        }
        let entries = try FolderListing.entries(of: folder)
        #expect(entries.map(\.name).sorted() == names)
        #expect(Set(entries.map(\.name)) == Set(try FileManager.default.contentsOfDirectory(atPath: folder)))
        let folders = Set(entries.filter { $0.kind == .folder }.map(\.name))
        #expect(folders == Set(names.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)))
        #expect(!entries.contains { $0.isFollowed })
    }

    @Test("a folder listed and kept open: the same entries, and files in it opened relative to it")
    func openedFolder() throws {
        let folder = try freshFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/values.yaml"))
        #expect(mkdir(folder + "/cluster-a", 0o755) == 0)
        let opened = try FolderListing.opened(folder)
        #expect(opened.entries == (try FolderListing.entries(of: folder)))
        #expect(opened.entries.count == 2)
        let file = openat(opened.descriptor, "values.yaml", O_RDONLY | O_CLOEXEC)
        #expect(file >= 0)
        var status = stat()
        #expect(fstat(file, &status) == 0 && status.st_size == 5)
        close(file)
        #expect(throws: FolderListing.Failure.self) { try FolderListing.opened(folder + "/missing") }
    }

    @Test("a folder that does not exist, or a file, cannot be listed: the system's reason")
    func failures() throws {
        let folder = try freshFolder()
        #expect(throws: FolderListing.Failure.self) { try FolderListing.entries(of: folder + "/missing") }
        do {
            _ = try FolderListing.entries(of: folder + "/missing")
        } catch {
            #expect(error.reason == String(cString: strerror(ENOENT)))
        }
        try Data().write(to: URL(fileURLWithPath: folder + "/file"))
        do {
            _ = try FolderListing.entries(of: folder + "/file")
            Issue.record("a file was listed as a folder")
        } catch {
            #expect(error.reason == String(cString: strerror(ENOTDIR)))
        }
    }
}
