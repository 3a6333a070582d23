import CertMigration
import Foundation

/// Reads the user's files for the commands, refusing what the tool should not read (too large, a directory,
/// missing, unreadable) with a diagnostic that names the file.
///
/// One `open`, `fstat` and `read` loop a file: asking FileManager for the size read the owner's and group's names
/// (`/etc/passwd`, `/etc/group`) for every input, a quarter of a million instructions a file in a fleet. A path given
/// as a stream (`<(kubectl ...)`, a pipe) is read too, and refused once it passes the limit.
struct InputFiles {
    /// The largest file read, in bytes; larger ones are refused before reading (a stream, once it passes it).
    var maximumBytes = 16 << 20

    func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        read(path, opened: (open(path, O_RDONLY | O_CLOEXEC), errno))
    }

    /// ``read(_:)`` of the file at `path`, named `name` relative to the open folder `folder`: opened with `openat`,
    /// without walking the folder's path again (a walk of a fleet cluster's absolute path cost about as much as the
    /// rest of opening the file).
    func read(_ name: String, inFolder folder: Int32, as path: String) -> Result<[UInt8], Diagnostic> {
        read(path, opened: (openat(folder, name, O_RDONLY | O_CLOEXEC), errno))
    }

    /// Reads the file `path` just opened: a descriptor, or -1 and the `errno` of the failure.
    private func read(_ path: String, opened: (descriptor: Int32, errno: Int32)) -> Result<[UInt8], Diagnostic> {
        func problem(_ message: String, _ fix: String) -> Result<[UInt8], Diagnostic> {
            .failure(
                Diagnostic(
                    id: "input.unreadable", severity: .error, message: message,
                    location: SourceLocation(file: path), fix: fix))
        }
        let tooLargeFix = "a Helm values file is rarely over a megabyte; check that this is the file you meant"
        let descriptor = opened.descriptor
        guard descriptor >= 0 else {
            switch opened.errno {
            case ENOENT, ENOTDIR: return problem("no such file", "check the path")
            default: return problem("the file cannot be read", "check its permissions")
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return problem("the file cannot be read", "check its permissions")
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { return problem("this is a directory, not a file", "name a YAML file") }
        let size = Int(status.st_size)
        if kind == S_IFREG, size > maximumBytes {
            return problem("the file is \(size) bytes, more than the limit of \(maximumBytes) bytes", tooLargeFix)
        }
        switch DescriptorReader.readAll(descriptor, sizeHint: kind == S_IFREG ? size : 0, limit: maximumBytes) {
        case .bytes(let bytes): return .success(bytes)
        case .failed: return problem("the file cannot be read", "check its permissions")
        case .overLimit: return problem("the input is more than the limit of \(maximumBytes) bytes", tooLargeFix)
        }
    }
}
