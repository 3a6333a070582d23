import CertMigration
import Foundation

/// Reads the user's files for the commands, refusing what the tool should not read (too large, a directory,
/// missing, unreadable) with a diagnostic that names the file.
struct InputFiles {
    /// The largest file read, in bytes; larger ones are refused before reading.
    var maximumBytes = 16 << 20

    func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        func problem(_ message: String, _ fix: String) -> Result<[UInt8], Diagnostic> {
            .failure(
                Diagnostic(
                    id: "input.unreadable", severity: .error, message: message,
                    location: SourceLocation(file: path), fix: fix))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return problem("no such file", "check the path")
        }
        if isDirectory.boolValue { return problem("this is a directory, not a file", "name a YAML file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
            return problem(
                "the file is \(size) bytes, more than the limit of \(maximumBytes) bytes",
                "a Helm values file is rarely over a megabyte; check that this is the file you meant")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return problem("the file cannot be read", "check its permissions")
        }
        return .success([UInt8](data))
    }
}
