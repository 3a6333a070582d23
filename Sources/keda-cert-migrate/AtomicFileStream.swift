import CertMigration
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written a piece at a time and put in place whole: the pieces go to a temporary file beside the target,
/// which is renamed over it by ``commit()``. Until then the target is untouched; a stream dropped without a commit
/// (an error, a crash of the run) leaves no temporary file behind and the old target as it was.
final class AtomicFileStream {
    /// The target, as the user named it.
    let path: String
    private let temporary: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []

    /// Creates the temporary file beside `path` (the folder must exist).
    init(path: String) throws(Diagnostic) {
        self.path = path
        (temporary, descriptor) = try AtomicFileWriter.createTemporary(
            in: (path as NSString).deletingLastPathComponent, beside: (path as NSString).lastPathComponent, shown: path)
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary)
        }
    }

    /// Adds text at the end (buffered; written in 64 KiB pieces).
    func append(_ text: String) throws(Diagnostic) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flushBuffer() }
    }

    /// Writes what is buffered, flushes the file to disk and renames it over the target.
    func commit() throws(Diagnostic) {
        try flushBuffer()
        guard fsync(descriptor) == 0 else {
            throw AtomicFileWriter.failure(
                path, "cannot flush the file: \(AtomicFileWriter.systemMessage())",
                fix: AtomicFileWriter.fix(for: errno))
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw AtomicFileWriter.failure(
                path, "cannot put the file in place: \(String(cString: strerror(code)))",
                fix: AtomicFileWriter.fix(for: code))
        }
    }

    private func flushBuffer() throws(Diagnostic) {
        try AtomicFileWriter.writeAll(buffer, to: descriptor, path)
        buffer.removeAll(keepingCapacity: true)
    }
}
