import Foundation
import Testing

/// Where the package's golden cases live, and how a golden file is compared or re-recorded.
///
/// `UPDATE_GOLDEN=1 swift test` writes every expected file anew; the re-record is reviewed like code.
enum GoldenFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let goldenRoot = packageRoot.appendingPathComponent("golden")

    static var isUpdating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// The names of the case folders, sorted.
    static func caseNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenRoot.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(
                atPath: goldenRoot.appendingPathComponent($0).appendingPathComponent("case.yaml").path)
        }.sorted()
    }

    /// Compares `actual` with the expected file (or writes it when re-recording), recording a readable difference.
    static func check(_ actual: String, expected url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        if isUpdating {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "missing golden file \(url.path); run UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record(
                "\(url.path) differs:\n\(firstDifference(expected: expected, actual: actual))",
                sourceLocation: sourceLocation)
        }
    }

    /// Records an issue for every file under `folder` that the case no longer produces (or deletes it when
    /// re-recording), so a stale expected file cannot linger.
    static func checkNoOtherFiles(
        in folder: URL, than names: Set<String>, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var stale: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, !names.contains(name) { stale.append(name) }
        }
        if isUpdating {
            for name in stale { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        } else if !stale.isEmpty {
            Issue.record(
                "\(folder.path) holds files the case no longer produces: \(stale.sorted())",
                sourceLocation: sourceLocation)
        }
    }

    /// The first differing line of two texts, with its neighbours.
    static func firstDifference(expected: String, actual: String) -> String {
        let left = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let right = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = (0..<min(left.count, right.count)).first { left[$0] != right[$0] } ?? min(left.count, right.count)
        let from = max(0, index - 2)
        var lines = ["line \(index + 1):"]
        for line in left[from..<min(left.count, index + 3)] { lines.append("- " + line) }
        for line in right[from..<min(right.count, index + 3)] { lines.append("+ " + line) }
        return lines.joined(separator: "\n")
    }
}
