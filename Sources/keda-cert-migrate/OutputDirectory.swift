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
///
/// Each folder is checked, created, resolved (symbolic links followed) and opened at its first write only, and
/// kept open for the directory's later writes: a file then costs its own checks (an `lstat` relative to the open
/// folder, the temporary file, the rename), not a `realpath` of every folder above it twice. Being relative to the
/// open folder, a later write cannot be led out of the root by a folder swapped for a link after it was checked (a
/// path-based check leaves that window open between the check and the write).
///
/// A folder below the open root is made and opened relative to the open folder above it (`mkdirat`, then `openat`
/// without following a link, only as a folder): what that opens is a real folder inside the root, so it needs no
/// `lstat` before and no path resolved after. Anything else there (a link, a file) takes the path-based walk, with its
/// checks and its messages. A folder its `mkdirat` made (the usual case for `fleet` into a new output folder) held
/// nothing then: its files are put in place without first looking for an earlier one with the same bytes, by a rename
/// that refuses to replace anything, which falls back to that look when something is there after all.
struct OutputDirectory: Sendable {
    /// The folder, as the user named it.
    let root: String
    /// Whether each file is flushed to disk as it is written (see ``AtomicFileWriter/flushesEachFile``).
    var flushesEachFile: Bool
    /// The folders already checked, created and opened, by folder path.
    private let resolved = ResolvedFolders()
    /// For a folder made by ``subdirectory(_:flushesEachFile:)``: the output folder it was made in, as named and
    /// resolved. Its root, found to be a link, must lead to a place inside that folder.
    private var enclosing: (root: String, realRoot: String)?

    /// Creates an output folder (nothing is created on disk until a write).
    init(root: String, flushesEachFile: Bool = true) {
        self.root = root
        self.flushesEachFile = flushesEachFile
    }

    /// The path of a relative output name inside the root, after checking the name.
    func path(for name: String) throws(Diagnostic) -> String {
        try checked(name).path
    }

    /// A name checked, with its path inside the root, its folders (the name before its last `/`, empty when it has
    /// none) and its file name (after the last `/`).
    private func checked(_ name: String) throws(Diagnostic) -> (path: String, folders: String, fileName: String) {
        let (folders, fileName) = try split(name)
        return (root.hasSuffix("/") ? root + name : root + "/" + name, folders, fileName)
    }

    /// A name checked and split into its folders (before its last `/`, empty when it has none) and its file name.
    ///
    /// The bytes are read in one pass, without a string for each component: `/` and `.` are single bytes in UTF-8
    /// that no other character contains, so a component is `..`, `.` or empty exactly when its bytes are.
    private func split(_ name: String) throws(Diagnostic) -> (folders: String, fileName: String) {
        func refuse(_ reason: String) -> Diagnostic {
            Diagnostic(
                id: "output.bad-name", severity: .error,
                message: "refusing the output name \(name.debugDescription): \(reason)",
                location: SourceLocation(file: root),
                fix:
                    "output names are relative paths inside --output-dir without `..`; check the template or the value that produced it"
            )
        }
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var text = name
        // What the pass found: a NUL byte, a `..`, an empty component, nothing but `.` components, the last `/`.
        let (hasNUL, leadsOut, hasEmptyComponent, onlyDots, lastSlash) = text.withUTF8 { bytes in
            var (hasNUL, leadsOut, hasEmptyComponent, onlyDots) = (false, false, false, true)
            var lastSlash: Int?
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : slash
                hasNUL = hasNUL || byte == 0
                guard byte == slash else { continue }
                let length = index - start
                let isDot = length == 1 && bytes[start] == dot
                leadsOut = leadsOut || (length == 2 && bytes[start] == dot && bytes[start + 1] == dot)
                hasEmptyComponent = hasEmptyComponent || length == 0
                onlyDots = onlyDots && isDot
                if index < bytes.count { lastSlash = index }
                start = index + 1
            }
            return (hasNUL, leadsOut, hasEmptyComponent, onlyDots, lastSlash)
        }
        guard !name.isEmpty else { throw refuse("it is empty") }
        guard !hasNUL else { throw refuse("it holds a NUL byte") }
        guard !name.hasPrefix("/") else { throw refuse("it is an absolute path") }
        guard !leadsOut else { throw refuse("it leads out of the folder with `..`") }
        guard !hasEmptyComponent else { throw refuse("it has an empty path component") }
        guard !onlyDots else { throw refuse("it names the folder itself") }
        guard let lastSlash else { return ("", name) }
        let utf8 = name.utf8
        let slashIndex = utf8.index(utf8.startIndex, offsetBy: lastSlash)
        return (
            String(decoding: utf8[..<slashIndex], as: UTF8.self),
            String(decoding: utf8[utf8.index(after: slashIndex)...], as: UTF8.self)
        )
    }

    /// A name's components between `/` (empty ones kept), split by bytes: `/` is one byte in UTF-8 that no other
    /// character contains, so this is the character split without its cost.
    static func components(of name: String) -> [String] {
        name.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    /// Writes one output file, creating the root and the folders inside it as needed.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws(Diagnostic) -> AtomicFileWriter.Outcome {
        let (path, folders, fileName) = try checked(name)
        let folder = try realFolder(of: folders, name: name, path: path)
        let writer = AtomicFileWriter(
            allowedRoot: folder.root, resolvedRoot: folder.root, flushesEachFile: flushesEachFile)
        guard folder.descriptor >= 0 else { return try writer.write(bytes, to: path) }
        return try writer.write(
            bytes, named: fileName, inFolder: folder.descriptor, realFolder: folder.folder, as: path,
            likelyAbsent: folder.isNew)
    }

    /// The root's real path and the real path of the folder a name goes in, with the folder held open (a descriptor,
    /// or -1 when it cannot be opened: each write then resolves its whole path): checked, created, resolved and
    /// opened at the folder's first write, remembered after.
    private func realFolder(of folders: String, name: String, path: String) throws(Diagnostic)
        -> ResolvedFolders.Folder
    {
        let folderPath = folders.isEmpty ? root : root + "/" + folders
        if let known = resolved.lookUp(folderPath) { return known }
        if !folders.isEmpty, let opened = try openedBelowRoot(folders, name: name, path: path) { return opened }
        return try walkedFolder(folders, at: folderPath, name: name, path: path)
    }

    /// The folder a name goes in, made and opened one component at a time relative to the open folder above it
    /// (`mkdirat` whatever is there, then `openat` without following a link and only as a folder), starting at the
    /// open root: a folder this opens is a real folder where it was asked for, so its real path is its parent's plus
    /// its name, and no path is resolved again. Nil when a component is `.`, or is not a plain folder (a link, a file,
    /// nothing that could be made): ``walkedFolder(_:at:name:path:)`` then checks the whole name the usual way,
    /// links resolved and checked, errors worded as ever.
    private func openedBelowRoot(_ folders: String, name: String, path: String) throws(Diagnostic)
        -> ResolvedFolders.Folder?
    {
        var parent = try realFolder(of: "", name: name, path: path)
        var folderPath = root
        for component in Self.components(of: folders) {
            folderPath += "/" + component
            if let known = resolved.lookUp(folderPath) {
                parent = known
                continue
            }
            guard component != ".", let opened = Self.openFolder(component, in: parent) else { return nil }
            parent = resolved.remember(folderPath, as: opened)
        }
        return parent
    }

    /// The folder `component` (one path component, not `.` or `..`) inside an open folder: made unless it is there
    /// (what `openat` finds is what counts; the outcome of `mkdirat` only says whether the folder is new), then opened
    /// without following a link and only if it is a folder. Nil when it cannot be opened so.
    private static func openFolder(_ component: String, in parent: ResolvedFolders.Folder) -> ResolvedFolders.Folder? {
        guard parent.descriptor >= 0 else { return nil }
        let made = mkdirat(parent.descriptor, component, 0o777) == 0
        let descriptor = openat(parent.descriptor, component, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        return folder(component, in: parent, openedAt: descriptor, isNew: made)
    }

    /// The folder `component` of an open folder, opened at `descriptor` (without following a link, only as a
    /// folder); nil for -1. Its real path is its parent's plus its name.
    private static func folder(
        _ component: String, in parent: ResolvedFolders.Folder, openedAt descriptor: Int32, isNew: Bool
    ) -> ResolvedFolders.Folder? {
        guard descriptor >= 0 else { return nil }
        let real = parent.folder == "/" ? "/" + component : parent.folder + "/" + component
        return .init(root: parent.root, folder: real, descriptor: descriptor, isNew: isNew)
    }

    /// Writes `files` (relative names, as for ``write(_:to:)``) into the folder `name` inside the root (a cluster's
    /// folder, for `fleet`), and returns how many were written (not found unchanged).
    ///
    /// When files are not flushed one by one, the name is looked at once, relative to the open root: a folder there
    /// is opened by that look (not followed if it is a link) and written into file by file, each file compared with
    /// what is there, as ``subdirectory(_:flushesEachFile:)`` does; nothing there, and the folder is built whole under
    /// a temporary name and renamed into place (``StagedFolder``): one rename for the cluster, not one a file. A name
    /// the root did not hold when it was first listed (once a run) is taken as free without that look: the rename,
    /// which refuses to replace, is the look (a name taken since makes staging give up, as below).
    /// Anything else at the name (a link, a file), flushing, and every case where staging gives up (the name taken
    /// since the look, a file name it does not take) go through ``subdirectory(_:flushesEachFile:)`` as ever: same
    /// outcomes, same messages. A file system that cannot rename without replacing is found at the first folder;
    /// later ones skip staging.
    ///
    /// - Parameter beforePlacing: runs after the look and before the staged folder is renamed (tests make the name
    ///   appear there); the command line never passes it.
    func writeFolder(_ name: String, files: [GeneratedFile], beforePlacing: () -> Void = {}) throws(Diagnostic) -> Int {
        var existing: Int32 = -1
        if !flushesEachFile, resolved.stagesFolders, isSingleComponent(name),
            let top = resolved.lookUp(root) ?? (try? realFolder(of: "", name: name, path: root)), top.descriptor >= 0
        {
            // A name the root did not hold at its listing is most likely free: it is not looked at (the rename
            // refuses if it was taken since). Any other is looked at, and opened if it is a folder.
            var isFree = resolved.namesInRoot(top.descriptor)?.contains(name) == false
            if !isFree {
                existing = openat(top.descriptor, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                isFree = existing < 0 && errno == ENOENT
            }
            if isFree, let staged = stagedFiles(files) {
                beforePlacing()
                switch StagedFolder.place(staged, as: name, in: top.descriptor) {
                case .placed: return files.count
                case .gaveUp: break
                case .cannotRename: resolved.stopStaging()
                }
            }
        }
        let folder = subdirectory(name, flushesEachFile: flushesEachFile, existing: existing)
        var written = 0
        for file in files where try folder.write(file.bytes, to: file.name) == .written { written += 1 }
        return written
    }

    /// The files checked and split for ``StagedFolder``, or nil when a name is refused (the file-by-file path then
    /// refuses it in its words).
    private func stagedFiles(_ files: [GeneratedFile]) -> [StagedFolder.File]? {
        var staged: [StagedFolder.File] = []
        staged.reserveCapacity(files.count)
        for file in files {
            guard let (folders, fileName) = try? split(file.name) else { return nil }
            staged.append(.init(folders: folders, fileName: fileName, bytes: file.bytes))
        }
        return staged
    }

    /// Whether `name` is one path component that names an entry (not empty, `.` or `..`, no `/` or NUL).
    private func isSingleComponent(_ name: String) -> Bool {
        (try? split(name))?.folders.isEmpty ?? false
    }

    /// The folder `name` (a cluster's name: one component, not `.` or `..`) inside the root, as an output directory
    /// of its own (`root/name`) for `fleet`: made and opened relative to this open root when it is a real folder, so
    /// its path is not resolved again (its real path is the root's plus its name), otherwise (a link there, a file)
    /// left to be checked at its first write like any root, and then refused if it is a link that leads out of this
    /// root: a cluster's files never land outside the output folder, whatever a link planted there says.
    func subdirectory(_ name: String, flushesEachFile: Bool) -> OutputDirectory {
        subdirectory(name, flushesEachFile: flushesEachFile, existing: -1)
    }

    /// ``subdirectory(_:flushesEachFile:)`` of a folder the caller may have opened in the open root already
    /// (`existing`, without following a link and only as a folder; -1 when it did not), which is then not made and
    /// opened again. `existing` is closed with the directory.
    private func subdirectory(_ name: String, flushesEachFile: Bool, existing: Int32) -> OutputDirectory {
        var directory = OutputDirectory(root: root + "/" + name, flushesEachFile: flushesEachFile)
        guard isSingleComponent(name),
            let top = resolved.lookUp(root) ?? (try? realFolder(of: "", name: name, path: root))
        else {
            if existing >= 0 { close(existing) }
            return directory
        }
        directory.enclosing = (root, top.root)
        let opened =
            existing >= 0
            ? Self.folder(name, in: top, openedAt: existing, isNew: false) : Self.openFolder(name, in: top)
        guard let opened else { return directory }
        _ = directory.resolved.remember(
            directory.root,
            as: .init(root: opened.folder, folder: opened.folder, descriptor: opened.descriptor, isNew: opened.isNew))
        return directory
    }

    /// The folder a name goes in, checked component by component by path from the root: a link resolved and checked
    /// to stay inside the root, a missing folder created, a file there refused; then opened by its real path.
    private func walkedFolder(_ folders: String, at folderPath: String, name: String, path: String) throws(Diagnostic)
        -> ResolvedFolders.Folder
    {
        let realRoot: String
        if let known = resolved.realRoot {
            realRoot = known
        } else {
            try createFolder(root, shown: root)
            guard let real = AtomicFileWriter.realPath(root) else {
                throw AtomicFileWriter.failure(root, "the output folder cannot be read", fix: "check its permissions")
            }
            if let enclosing, !AtomicFileWriter.isInside(real, root: enclosing.realRoot) {
                throw Diagnostic(
                    id: "output.outside-root", severity: .error,
                    message:
                        "refusing to write \(name): the folder \(root) is a symbolic link that leads out of "
                        + enclosing.root,
                    location: SourceLocation(file: path), fix: "remove the link, or choose another --output-dir")
            }
            realRoot = real
        }
        // Each folder's real path is its parent's plus its name, unless it is a link (resolved and checked) or `.`:
        // the walk `realpath` would make again with a `readlink` a component.
        var folder = root
        var realFolder = realRoot
        for component in folders.isEmpty ? [] : Self.components(of: folders) {
            folder += "/" + component
            var status = stat()
            let found = lstat(folder, &status) == 0
            let absent = !found && errno == ENOENT
            if found, status.st_mode & S_IFMT == S_IFLNK {
                guard let real = AtomicFileWriter.realPath(folder), AtomicFileWriter.isInside(real, root: realRoot)
                else {
                    throw Diagnostic(
                        id: "output.outside-root", severity: .error,
                        message:
                            "refusing to write \(name): the folder \(folder) is a symbolic link that leads out of \(root)",
                        location: SourceLocation(file: path), fix: "remove the link, or choose another --output-dir")
                }
                try createFolder(folder, shown: path)
                realFolder = real
            } else {
                try createFolder(folder, shown: path, missing: absent)
                if component != "." { realFolder = realFolder == "/" ? "/" + component : realFolder + "/" + component }
            }
        }
        // Opened by its real path, not following a link there: the folder just checked, or nothing.
        let descriptor = open(realFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        return resolved.remember(folderPath, as: .init(root: realRoot, folder: realFolder, descriptor: descriptor))
    }

    /// Creates the root folder (and the folders above it) unless it is there.
    func createRoot() throws(Diagnostic) {
        try createFolder(root, shown: root)
    }

    /// Creates one folder (and, for the root, the folders above it) unless it is there.
    ///
    /// `missing` says the caller just saw that nothing is there: `mkdir` is tried first, and the usual checks follow
    /// only when it fails.
    private func createFolder(_ folder: String, shown: String, missing: Bool = false) throws(Diagnostic) {
        if missing, mkdir(folder, 0o777) == 0 { return }
        var status = stat()
        if stat(folder, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw AtomicFileWriter.failure(
                    shown, "\(folder) is a file where a folder should be", fix: AtomicFileWriter.fix(for: ENOTDIR))
            }
            return
        }
        if !missing, errno == ENOENT, mkdir(folder, 0o777) == 0 { return }
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

/// The folders an ``OutputDirectory`` checked, resolved and opened, shared by the copies of one directory value; the
/// folders are closed with the last copy.
private final class ResolvedFolders: Sendable {
    /// A checked folder: the real root, the folder's real path and an open descriptor of it (-1 when it could not be
    /// opened).
    struct Folder {
        var root: String
        var folder: String
        var descriptor: Int32
        /// Whether this directory value made the folder (its `mkdirat` succeeded): nothing was in it then, so a file
        /// written there is most likely new. A hint for ``AtomicFileWriter`` (`likelyAbsent`), never trusted: a
        /// file there all the same (written twice, or by someone else since) is found and handled as anywhere.
        var isNew = false
    }

    /// The folders by folder path, and the real root.
    private let state = Locked<(folders: [String: Folder], realRoot: String?)>(([:], nil))
    /// Whether folders are built whole (``StagedFolder``): until ``stopStaging()``.
    private let staging = Locked(true)
    /// The names in the root at its first listing (``namesInRoot(_:)``), nil when it could not be listed; `listed`
    /// false until then.
    private let rootListing = Locked<(listed: Bool, names: Set<String>?)>((false, nil))
    /// The most names of the root kept from its listing.
    static let listedNamesLimit = 4096

    deinit {
        state.withLock { state in
            for folder in state.folders.values where folder.descriptor >= 0 { close(folder.descriptor) }
        }
    }

    /// The checked folder at a path.
    func lookUp(_ path: String) -> Folder? {
        state.withLock { $0.folders[path] }
    }

    /// Whether folders are built whole here.
    var stagesFolders: Bool {
        staging.withLock { $0 }
    }

    /// The names in the root (open at `descriptor`), listed once, at the first call: nil when it cannot be listed,
    /// or when it holds more than ``listedNamesLimit`` names (memory stays flat however big an `OUT` a run
    /// reuses; every name is then looked at, as without a listing).
    ///
    /// A hint for ``OutputDirectory/writeFolder(_:files:beforePlacing:)``, never trusted: a name missing from it is
    /// staged without first looking for it (one listing for a fleet's run, not a failed `openat` a cluster), and
    /// something at that name all the same (made since the listing) makes the staged folder's rename refuse, after
    /// which the folder is written file by file as when the look finds it.
    func namesInRoot(_ descriptor: Int32) -> Set<String>? {
        rootListing.withLock { listing in
            if !listing.listed {
                listing = (true, FolderListing.names(in: descriptor, atMost: Self.listedNamesLimit))
            }
            return listing.names
        }
    }

    /// No folder is built whole from now on: this file system cannot rename one into place without replacing.
    func stopStaging() {
        staging.withLock { $0 = false }
    }

    /// The real root found at an earlier write.
    var realRoot: String? {
        state.withLock { $0.realRoot }
    }

    /// Remembers a checked folder and returns the one remembered (another thread's, when it was first).
    func remember(_ path: String, as folder: Folder) -> Folder {
        state.withLock { state in
            state.realRoot = folder.root
            if let known = state.folders[path] {
                if folder.descriptor >= 0 { close(folder.descriptor) }
                return known
            }
            state.folders[path] = folder
            return folder
        }
    }
}
