import CertMigration
import Foundation

/// `--templates DIR`: the built-in templates, overridden file by file from a folder.
enum TemplateOverrides {
    /// The built-in templates, with each file of `folder` (when given) replacing the one of the same name.
    static func load(from folder: String?) throws(Diagnostic) -> TemplateSet {
        guard let folder else { return .embedded }
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            let path = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                name != "README.md"
            else { continue }
            switch InputFiles().read(path) {
            case .success(let bytes): files[name] = bytes
            case .failure(let problem): throw problem
            }
        }
        do {
            return try TemplateSet.embedded.overriding(files, from: folder)
        } catch {
            throw Diagnostic(
                id: "generate.template", severity: .error, message: error.description,
                location: SourceLocation(file: folder), fix: "name only templates the tool has (see templates/)")
        }
    }
}
