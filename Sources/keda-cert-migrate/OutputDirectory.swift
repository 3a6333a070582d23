import CertMigration
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `--output-dir` folder: turns relative output names (`manifests/certificate.yaml`) into paths inside it and
/// writes them through `AtomicFileWriter`, never outside it.
///
/// A name is refused when it is empty, absolute, holds a `..` component, an empty component or a NUL byte, whatever
/// a template or a cluster name put into it. Missing folders inside the root are created (mode `0777` less the
/// umask); an existing folder on the way that is a symbolic link must lead to a place inside the root, and a file
/// standing where a folder should be is an error.
struct OutputDirectory: Sendable {
    /// The folder, as the user named it.
    var root: String
    /// Whether each file is flushed to disk as it is written (see ``AtomicFileWriter/flushesEachFile``).
    var flushesEachFile: Bool

    /// Creates an output folder (nothing is created on disk until a write).
    init(root: String, flushesEachFile: Bool = true) {
        self.root = root
        self.flushesEachFile = flushesEachFile
    }

    /// The path of a relative output name inside the root, after checking the name.
    func path(for name: String) throws(Diagnostic) -> String {
        func refuse(_ reason: String) -> Diagnostic {
            Diagnostic(
                id: "output.bad-name", severity: .error,
                message: "refusing the output name \(name.debugDescription): \(reason)",
                location: SourceLocation(file: root),
                fix:
                    "output names are relative paths inside --output-dir without `..`; check the template or the value that produced it"
            )
        }
        guard !name.isEmpty else { throw refuse("it is empty") }
        guard !name.utf8.contains(0) else { throw refuse("it holds a NUL byte") }
        guard !name.hasPrefix("/") else { throw refuse("it is an absolute path") }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.contains("..") else { throw refuse("it leads out of the folder with `..`") }
        guard !components.contains(where: \.isEmpty) else { throw refuse("it has an empty path component") }
        guard !components.allSatisfy({ $0 == "." }) else { throw refuse("it names the folder itself") }
        return root.hasSuffix("/") ? root + name : root + "/" + name
    }

    /// Writes one output file, creating the root and the folders inside it as needed.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws(Diagnostic) -> AtomicFileWriter.Outcome {
        let path = try path(for: name)
        try createFolder(root, shown: root)
        guard let realRoot = AtomicFileWriter.realPath(root) else {
            throw AtomicFileWriter.failure(root, "the output folder cannot be read", fix: "check its permissions")
        }
        var folder = root
        for component in name.split(separator: "/").dropLast() {
            folder += "/" + component
            var status = stat()
            if lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
                guard let real = AtomicFileWriter.realPath(folder), AtomicFileWriter.isInside(real, root: realRoot)
                else {
                    throw Diagnostic(
                        id: "output.outside-root", severity: .error,
                        message:
                            "refusing to write \(name): the folder \(folder) is a symbolic link that leads out of \(root)",
                        location: SourceLocation(file: path), fix: "remove the link, or choose another --output-dir")
                }
            }
            try createFolder(folder, shown: path)
        }
        return try AtomicFileWriter(allowedRoot: realRoot, resolvedRoot: realRoot, flushesEachFile: flushesEachFile)
            .write(bytes, to: path)
    }

    /// Creates the root folder (and the folders above it) unless it is there.
    func createRoot() throws(Diagnostic) {
        try createFolder(root, shown: root)
    }

    /// Creates one folder (and, for the root, the folders above it) unless it is there.
    private func createFolder(_ folder: String, shown: String) throws(Diagnostic) {
        var status = stat()
        if stat(folder, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw AtomicFileWriter.failure(
                    shown, "\(folder) is a file where a folder should be", fix: AtomicFileWriter.fix(for: ENOTDIR))
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
            throw AtomicFileWriter.failure(
                shown, "cannot create the folder \(folder): \(error.localizedDescription)",
                fix: AtomicFileWriter.fix(for: code.map { Int32($0) } ?? 0))
        }
    }
}
