import CGNUCalls
import CertMigration
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place the tool writes files: all or nothing, only when the contents change, never outside a folder.
///
/// A write puts the bytes in a new temporary file beside the target (same folder, so the same file system), flushes
/// it to disk and renames it over the target: a reader sees the old file or the new one, never a mix, and a failure
/// at any step (read-only folder, full disk) removes the temporary file and leaves the target as it was. An
/// existing file keeps its permission mode (and, when running as root, its owner); a new file gets `0666` less the
/// umask.
///
/// The target's real path (symbolic links resolved, in the file name and in every folder above it) must lie inside
/// `allowedRoot`; a link that leads out is refused. A link that stays inside is followed: the file it points to is
/// replaced and the link itself is kept.
///
/// `expectingUnchanged` guards an in-place edit: the bytes the tool read at the start must still be on disk, checked
/// before the temporary file is written and again just before the rename (a change in the microseconds between that
/// last check and the rename cannot be seen; no POSIX call closes that window).
///
/// With `flushesEachFile` false the file and its folder are not flushed one by one: the rename is still atomic for
/// every reader, and the caller flushes the whole file system once at the end (`fleet` writes tens of thousands of
/// files; a flush costs about 5 ms each on this kind of disk).
struct AtomicFileWriter: Sendable {
    /// What a write did.
    enum Outcome: String, Sendable, Hashable {
        /// The file was created or replaced.
        case written
        /// The file already held exactly these bytes; nothing was touched.
        case unchanged
    }

    /// The folder every written file must lie in (after resolving symbolic links).
    var allowedRoot: String

    /// `allowedRoot` with its symbolic links resolved, when the caller has just resolved it; nil to resolve it at
    /// each write.
    var resolvedRoot: String?

    /// True to flush each file and its folder to disk before returning (the default).
    var flushesEachFile: Bool

    /// Creates a writer confined to a folder.
    init(allowedRoot: String, resolvedRoot: String? = nil, flushesEachFile: Bool = true) {
        self.allowedRoot = allowedRoot
        self.resolvedRoot = resolvedRoot
        self.flushesEachFile = flushesEachFile
    }

    /// Writes `bytes` to `path` atomically, when they differ from what is there.
    ///
    /// - Parameter expectingUnchanged: the file's bytes as read earlier; when given, the file must exist and still
    ///   hold exactly these bytes, or nothing is written.
    /// - Throws: a `Diagnostic` naming `path` (as given) that says what went wrong and how to fix it.
    @discardableResult
    func write(_ bytes: [UInt8], to path: String, expectingUnchanged original: [UInt8]? = nil) throws(Diagnostic)
        -> Outcome
    {
        let target = try resolvedTarget(path)
        let (folder, name) = Self.split(real: target)
        let place = Place(directory: AT_FDCWD, folder: folder, entry: target, name: name)
        return try write(bytes, at: place, as: path, expectingUnchanged: original)
    }

    /// ``write(_:to:expectingUnchanged:)`` of the file `name` in a folder the caller holds open, whose real path it
    /// resolved and checked to lie inside the root (``OutputDirectory`` does so once a folder): the file is looked
    /// up, read, created and renamed relative to the open folder, so no folder on its path is resolved again, and a
    /// folder swapped for a link after it was checked is not followed. The file itself is looked at at every write: a
    /// link (`path` as given) is resolved and checked like any, a folder refused, and a file found absent is not
    /// read.
    ///
    /// The file is opened (to be read) first, without following a link: what is there is then looked at through the
    /// descriptor, one call fewer than an `lstat` before the `open`. Nothing there is a new file; a folder is refused
    /// as before; anything the open refuses (a link, a socket, no permission) is looked at with `lstat` first, as
    /// ever, for the same outcome and the same words.
    ///
    /// `likelyAbsent` (the folder was made by this run, so nothing was in it) skips that first look: the file is put
    /// in place only if nothing is there (see ``placeIfAbsent(_:named:inFolder:realFolder:)``), and otherwise written
    /// as above. It is a hint: a wrong one costs time, never a different outcome.
    @discardableResult
    func write(
        _ bytes: [UInt8], named name: String, inFolder directory: Int32, realFolder: String, as path: String,
        likelyAbsent: Bool = false
    ) throws(Diagnostic) -> Outcome {
        if likelyAbsent, placeIfAbsent(bytes, named: name, inFolder: directory, realFolder: realFolder) {
            return .written
        }
        let place = Place(directory: directory, folder: realFolder, entry: name, name: name)
        let descriptor = openat(directory, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            if errno == ENOENT { return try write(bytes, at: place, as: path, existing: false) }
            return try write(bytes, lookingFirstAt: name, inFolder: directory, realFolder: realFolder, as: path)
        }
        let current = try Self.contents(ofOpen: descriptor, as: path, refusingFolder: true)
        return try write(bytes, at: place, as: path, current: current)
    }

    /// Puts a new file at `name` in an open folder only if nothing is there, without looking first: the bytes go to a
    /// temporary file, which a rename that refuses to replace (``RenameWithoutReplacing``) puts in place. True when
    /// it did. False, with nothing left behind, when anything stood in the way: something at the name (the rename
    /// refuses), no such rename on this system or file system, any failure at all. The caller then writes the usual
    /// way, which looks at what is there and reports as ever.
    ///
    /// Skipping the look loses nothing: the rename is the look, made at the last moment and atomically. What exists
    /// at the name, whenever it appeared, is never replaced here, so a file with the same bytes is still reported
    /// unchanged, one with other bytes keeps its mode, a link is resolved and checked, a folder refused in the usual
    /// words, all by the usual path; and a failure here (a folder that cannot be written, a full disk) is met again
    /// there and reported in its words. What this puts in place is a new file (`0666` less the umask, as any new
    /// file). The temporary file is created `O_EXCL | O_NOFOLLOW` (never through a link planted at its name), and a
    /// rename does not follow a link at either name.
    private func placeIfAbsent(_ bytes: [UInt8], named name: String, inFolder directory: Int32, realFolder: String)
        -> Bool
    {
        let temporary = Place(directory: directory, folder: realFolder, entry: name, name: name).temporaryEntry
        let descriptor = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard descriptor >= 0 else { return false }
        do {
            try fill(descriptor, with: bytes, keeping: nil, name)
        } catch {
            unlinkat(directory, temporary, 0)
            return false
        }
        guard RenameWithoutReplacing.rename(directory, temporary, directory, name) == 0 else {
            unlinkat(directory, temporary, 0)
            return false
        }
        flushFolder(realFolder)
        return true
    }

    /// ``write(_:named:inFolder:realFolder:as:likelyAbsent:)`` with the file looked at with `lstat` before it is
    /// opened.
    private func write(
        _ bytes: [UInt8], lookingFirstAt name: String, inFolder directory: Int32, realFolder: String, as path: String
    ) throws(Diagnostic) -> Outcome {
        var status = stat()
        guard fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            guard errno == ENOENT else { return try write(bytes, to: path) }
            let place = Place(directory: directory, folder: realFolder, entry: name, name: name)
            return try write(bytes, at: place, as: path, existing: false)
        }
        if status.st_mode & S_IFMT == S_IFLNK { return try write(bytes, to: path) }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw Self.failure(path, "this is a folder, not a file", fix: "name a file")
        }
        return try write(bytes, at: Place(directory: directory, folder: realFolder, entry: name, name: name), as: path)
    }

    /// Where a file is written: `entry` relative to the folder `directory` (a descriptor, or `AT_FDCWD` with an
    /// absolute `entry`), in the real folder `folder`, under the file name `name`.
    private struct Place {
        var directory: Int32
        var folder: String
        var entry: String
        var name: String

        /// A new temporary file's entry beside the file.
        var temporaryEntry: String {
            let temporary = TemporaryNames.beside(name)
            guard directory == AT_FDCWD else { return temporary }
            return folder == "/" ? "/" + temporary : folder + "/" + temporary
        }
    }

    /// Writes at a checked place; `existing` false when the file was just seen absent (it is then not read).
    /// `current`: the file's bytes and status when the caller has just read them.
    private func write(
        _ bytes: [UInt8], at place: Place, as path: String, expectingUnchanged original: [UInt8]? = nil,
        existing: Bool = true, current known: (bytes: [UInt8], status: stat)? = nil
    ) throws(Diagnostic) -> Outcome {
        var current = known
        if current == nil, existing || original != nil { current = try contents(of: place, as: path) }
        if let original {
            try requireUnchanged(current?.bytes, original, path)
        }
        if current?.bytes == bytes { return .unchanged }

        let temporary = place.temporaryEntry
        let descriptor = openat(place.directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard descriptor >= 0 else {
            throw Self.failure(
                path, "cannot create a file in the folder \(place.folder): \(Self.systemMessage())",
                fix: Self.fix(for: errno))
        }
        var renamed = false
        defer { if !renamed { unlinkat(place.directory, temporary, 0) } }
        try fill(descriptor, with: bytes, keeping: current?.status, path)
        if let original {
            let now = try contents(of: place, as: path)
            try requireUnchanged(now?.bytes, original, path)
        }
        guard renameat(place.directory, temporary, place.directory, place.entry) == 0 else {
            throw Self.failure(path, "cannot replace the file: \(Self.systemMessage())", fix: Self.fix(for: errno))
        }
        renamed = true
        flushFolder(place.folder)
        return .written
    }

    /// Flushes a folder that a file was just renamed into, when each file is flushed.
    private func flushFolder(_ folder: String) {
        let descriptor = flushesEachFile ? open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    /// The real path to write: the target with every symbolic link resolved, checked to lie inside the root. It is
    /// absolute, without `.`, `..`, repeated or trailing slashes (see ``split(real:)``).
    func resolvedTarget(_ path: String) throws(Diagnostic) -> String {
        guard let root = resolvedRoot ?? Self.realPath(allowedRoot) else {
            throw Self.failure(
                path, "the folder \(allowedRoot) does not exist or cannot be read",
                fix: "create it, or name another folder")
        }
        var status = stat()
        let target: String
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            guard let real = Self.realPath(path) else {
                throw Self.failure(
                    path, "this is a symbolic link to a file that does not exist",
                    fix: "point the link at the real file, or name the real file")
            }
            target = real
        } else {
            let folder = (path as NSString).deletingLastPathComponent
            guard let realFolder = Self.realPath(folder.isEmpty ? "." : folder) else {
                throw Self.failure(
                    path, "the folder \(folder.isEmpty ? "." : folder) does not exist",
                    fix: "create the folder first, or name another path")
            }
            let name = (path as NSString).lastPathComponent
            target = realFolder == "/" ? "/\(name)" : "\(realFolder)/\(name)"
        }
        guard Self.isInside(target, root: root) else {
            throw Diagnostic(
                id: "output.outside-root", severity: .error,
                message: "refusing to write \(target): it is outside \(root) (a symbolic link or a path leads out)",
                location: SourceLocation(file: path),
                fix: "write the file inside \(root), or replace the symbolic link with the file itself")
        }
        if stat(target, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw Self.failure(path, "this is a folder, not a file", fix: "name a file")
        }
        return target
    }

    /// The file's bytes and status, or nil when it does not exist.
    private func contents(of place: Place, as path: String) throws(Diagnostic) -> (bytes: [UInt8], status: stat)? {
        let descriptor = openat(place.directory, place.entry, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Self.failure(path, "cannot read the file: \(Self.systemMessage())", fix: Self.fix(for: errno))
        }
        return try Self.contents(ofOpen: descriptor, as: path)
    }

    /// The bytes and status of the file open at `descriptor`, which is closed after; a folder is refused as one when
    /// `refusingFolder`, and anything else not a regular file as such.
    private static func contents(ofOpen descriptor: Int32, as path: String, refusingFolder: Bool = false)
        throws(Diagnostic) -> (bytes: [UInt8], status: stat)
    {
        defer { close(descriptor) }
        var status = stat()
        let found = fstat(descriptor, &status) == 0
        if found, refusingFolder, status.st_mode & S_IFMT == S_IFDIR {
            throw Self.failure(path, "this is a folder, not a file", fix: "name a file")
        }
        guard found, status.st_mode & S_IFMT == S_IFREG else {
            throw Self.failure(path, "this is not a regular file", fix: "name a regular file")
        }
        switch DescriptorReader.readAll(descriptor, sizeHint: Int(status.st_size)) {
        case .bytes(let bytes):
            return (bytes, status)
        case .failed(let number):
            throw Self.failure(
                path, "cannot read the file: \(String(cString: strerror(number)))", fix: Self.fix(for: number))
        case .overLimit:  // no limit was asked for
            throw Self.failure(path, "cannot read the file: it is too large", fix: "name a smaller file")
        }
    }

    private func requireUnchanged(_ current: [UInt8]?, _ original: [UInt8], _ path: String) throws(Diagnostic) {
        guard current != original else { return }
        throw Diagnostic(
            id: "output.changed-on-disk", severity: .error,
            message: current == nil
                ? "the file was removed after the tool read it; nothing was written"
                : "the file changed after the tool read it; nothing was written",
            location: SourceLocation(file: path),
            fix: "run the tool again on the file as it is now")
    }

    /// Writes the temporary file's contents, gives it the existing file's mode and owner, flushes and closes it.
    private func fill(_ descriptor: Int32, with bytes: [UInt8], keeping existing: stat?, _ path: String)
        throws(Diagnostic)
    {
        defer { close(descriptor) }
        if let existing {
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
            if geteuid() == 0 { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
        }
        try Self.writeAll(bytes, to: descriptor, path)
        guard !flushesEachFile || fsync(descriptor) == 0 else {
            throw Self.failure(
                path, "cannot flush the new contents: \(Self.systemMessage())", fix: Self.fix(for: errno))
        }
    }

    /// Creates a new hidden temporary file in `folder` (`""` for the current one), the folder of the file `name` it
    /// will replace (so a rename moves it onto that file), never following a link and never reusing a name; a
    /// failure names `shown`.
    static func createTemporary(in folder: String, beside name: String, shown: String) throws(Diagnostic) -> (
        path: String, descriptor: Int32
    ) {
        let prefix = folder.isEmpty ? "." : folder == "/" ? "" : folder
        let temporary = "\(prefix)/" + TemporaryNames.beside(name)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard descriptor >= 0 else {
            throw failure(
                shown, "cannot create a file in the folder \(folder): \(systemMessage())", fix: fix(for: errno))
        }
        return (temporary, descriptor)
    }

    /// Writes every byte to a descriptor, retrying after interruptions; a failure names `path`.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, _ path: String) throws(Diagnostic) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(
                    path, "cannot write the new contents: \(Self.systemMessage()); the file was left as it was",
                    fix: Self.fix(for: errno))
            }
            written += count
        }
    }

    static func failure(_ path: String, _ message: String, fix: String) -> Diagnostic {
        Diagnostic(
            id: "output.write-failed", severity: .error, message: message, location: SourceLocation(file: path),
            fix: fix)
    }

    static func fix(for code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: "free space on that file system, or write somewhere else"
        case EROFS: "the file system is read-only: write somewhere else"
        case EACCES, EPERM: "check the folder's permissions, or write somewhere else"
        case ENOTDIR: "a file stands where a folder should be: remove or rename it"
        default: "check the path and the file system"
        }
    }

    static func systemMessage() -> String { String(cString: strerror(errno)) }

    /// The folder and the name of a real path (as `realpath` gives, or ``resolvedTarget(_:)``: absolute, no `.`,
    /// `..`, repeated or trailing slash), split at its last slash: `/a/b` is `/a` and `b`, `/b` is `/` and `b`.
    /// (NSString's path methods do the same for such a path, at a bridge and a copy per call.)
    static func split(real path: String) -> (folder: String, name: String) {
        let utf8 = path.utf8
        precondition(utf8.first == UInt8(ascii: "/"), "not a real path: \(path)")
        let slash = utf8.lastIndex(of: UInt8(ascii: "/"))!
        let folder = slash == utf8.startIndex ? "/" : String(path[..<slash])
        return (folder, String(path[path.index(after: slash)...]))
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether two paths are the same path: the same bytes. Linux names files by their bytes, where `String`'s `==`
    /// is canonical equivalence (`café` spelled with U+00E9 and with `e` and U+0301 are equal strings, two folders).
    static func samePath(_ path: String, _ other: String) -> Bool {
        path.utf8.elementsEqual(other.utf8)
    }

    /// Whether `path` is `root` or lies below it, compared by bytes (see ``samePath(_:_:)``): a folder whose name
    /// only looks like the root's is not inside it.
    static func isInside(_ path: String, root: String) -> Bool {
        if samePath(root, "/") { return true }
        let path = path.utf8
        let root = root.utf8
        guard path.starts(with: root) else { return false }
        return path.count == root.count || path[path.index(path.startIndex, offsetBy: root.count)] == UInt8(ascii: "/")
    }
}

/// The unique part of temporary file names: the process id and a random number, both taken once a run (each was a
/// system call at every file), and a count of the names handed out. `O_EXCL` still refuses any name that exists.
enum TemporaryNames {
    private static let run = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    /// The names handed out so far.
    private static let count = Locked(0)

    /// A name part no other call in this run returns.
    static func next() -> String {
        "\(run)-\(count.withLock { count in count += 1; return count })"
    }

    /// A hidden temporary name for something that will be renamed to `name` (a file, or a folder built whole):
    /// `.NAME.PID-RANDOM-COUNT.tmp`, which no output name has, so a leftover of an interrupted run is recognisable.
    static func beside(_ name: String) -> String {
        ".\(name).\(next()).tmp"
    }
}

/// `renameat2(2)` with `RENAME_NOREPLACE`: a rename that fails (`EEXIST`) rather than replace what is at its target,
/// in one step. Glibc declares it only for `_GNU_SOURCE`, which Swift's Glibc module is not built with, so it comes
/// from `CGNUCalls`. A kernel or file system that cannot rename so fails the call (`ENOSYS`, `EINVAL`), as on a
/// system without it (macOS here): a caller then looks before it renames, as everywhere else.
enum RenameWithoutReplacing {
    /// Renames `from` in `fromFolder` to `to` in `toFolder` unless something is at `to`; 0 when it did, else -1 with
    /// `errno` set.
    static func rename(_ fromFolder: Int32, _ from: String, _ toFolder: Int32, _ to: String) -> Int32 {
        #if os(Linux)
            kcm_renameat2(fromFolder, from, toFolder, to, KCM_RENAME_NOREPLACE)
        #else
            errno = ENOSYS
            return -1
        #endif
    }
}

/// `write(2)`, under a name the writers' own `write` methods do not hide.
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
