import CertMigration
import Foundation
import Testing

@testable import keda_cert_migrate

/// `OutputDirectory` reads an output name's components from its bytes in one pass; the refusals, their order and
/// the paths must be those of splitting the name into component strings.
@Suite struct OutputDirectoryNameTests {
    /// The reasons in the order the checks run: `..` anywhere wins over an empty component, which wins over a name
    /// of dots only.
    @Test(arguments: [
        ("", "it is empty"), ("a\u{0}b", "it holds a NUL byte"), ("/a", "it is an absolute path"),
        ("..", "it leads out of the folder with `..`"), ("a//../b", "it leads out of the folder with `..`"),
        ("a//b", "it has an empty path component"), ("a/", "it has an empty path component"),
        ("./", "it has an empty path component"), (".", "it names the folder itself"),
        ("././.", "it names the folder itself"),
    ])
    func refusals(name: String, reason: String) {
        let error = #expect(throws: Diagnostic.self) { try OutputDirectory(root: "/out").path(for: name) }
        #expect(error?.message == "refusing the output name \(name.debugDescription): \(reason)")
    }

    /// Names whose components only look like `.` or `..` (a combining mark, a dot leader) are ordinary names.
    @Test(arguments: [
        "..\u{301}/x.yaml", ".\u{301}", "\u{2025}/x", "...", "a/.b", "é/ü.yaml", "./a", "gitops/./e.yaml",
    ])
    func namesThatOnlyLookLikeDots(name: String) throws {
        #expect(try OutputDirectory(root: "/out").path(for: name) == "/out/" + name)
        #expect(try OutputDirectory(root: "/out/").path(for: name) == "/out/" + name)
    }

    @Test func aNameWithMultibyteFoldersIsWrittenAtItsExactBytes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-names-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = OutputDirectory(root: root, flushesEachFile: false)
        let name = "e\u{301}/..\u{301}/ü.yaml"
        #expect(try output.write(Array("x\n".utf8), to: name) == .written)
        #expect(try output.write(Array("x\n".utf8), to: name) == .unchanged)
        let listed = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(listed.map { Array($0.utf8) } == [Array("e\u{301}".utf8)])
        #expect(FileManager.default.contents(atPath: root + "/" + name) == Data("x\n".utf8))
    }
}
