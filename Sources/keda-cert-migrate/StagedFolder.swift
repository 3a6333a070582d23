import CertMigration

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A new folder built whole under a hidden temporary name and put in place by one rename that refuses to replace
/// anything: `fleet`'s way to write a cluster folder that was not there.
///
/// The folder is made (`mkdirat`, `0777` less the umask, as any new output folder) under a name from
/// ``TemporaryNames/beside(_:)`` inside the open output folder, and opened without following a link; its subfolders
/// likewise, each relative to the one above it. Each file is created in it directly (`O_CREAT | O_EXCL | O_NOFOLLOW`,
/// `0666` less the umask, as any new file; never through a link planted at its name): no reader looks inside a new
/// hidden folder, so a file needs no temporary file and no rename of its own. The folder then takes its name by
/// `renameat2` with `RENAME_NOREPLACE`: a reader sees no folder, or the folder with every file whole.
///
/// ``place(_:as:in:)`` gives up, removing what it made, on anything unusual: a name with a `.` component, two files at
/// one name, something already at the folder's name when it is renamed (it appeared after the caller looked), no such
/// rename on this system or file system, any failed call. The caller then writes the files one by one as into an
/// existing folder, whose outcomes and messages are the ones to report. Only an interrupted run (a crash, Ctrl-C)
/// leaves the temporary folder behind, named `.CLUSTER.PID-RANDOM-COUNT.tmp` like the temporary files.
enum StagedFolder {
    /// A file to write: its folders inside the staged folder (empty for none; `/`-separated) and its file name, as
    /// `OutputDirectory` checked them, and its bytes.
    struct File {
        var folders: String
        var fileName: String
        var bytes: [UInt8]
    }

    /// What ``place(_:as:in:)`` did.
    enum Outcome: Equatable {
        /// The folder is in place with every file.
        case placed
        /// It gave up, and left nothing behind.
        case gaveUp
        /// It gave up, and left nothing behind, because this system or file system cannot rename without replacing
        /// (`EINVAL`, `ENOSYS`): no later folder in the same place can be placed either.
        case cannotRename
    }

    /// Builds the folder `name` in the open folder `parent` with `files` and renames it into place.
    static func place(_ files: [File], as name: String, in parent: Int32) -> Outcome {
        let temporary = TemporaryNames.beside(name)
        guard mkdirat(parent, temporary, 0o777) == 0 else { return .gaveUp }
        var build = Build()
        defer { build.closeFolders() }
        build.made.append((parent, temporary, isFolder: true))
        let top = openat(parent, temporary, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard top >= 0 else {
            build.removeMade()
            return .gaveUp
        }
        build.folders.append(("", top))
        for file in files {
            guard let folder = build.folder(file.folders), build.create(file.fileName, in: folder, with: file.bytes)
            else {
                build.removeMade()
                return .gaveUp
            }
        }
        guard RenameWithoutReplacing.rename(parent, temporary, parent, name) == 0 else {
            let unsupported = errno == EINVAL || errno == ENOSYS
            build.removeMade()
            return unsupported ? .cannotRename : .gaveUp
        }
        return .placed
    }

    /// What a build made and holds open.
    private struct Build {
        /// The folders open, by their path inside the staged folder (`""` for itself).
        var folders: [(path: String, descriptor: Int32)] = []
        /// Everything made, in order: the folder it is in (open), its name, whether it is a folder.
        var made: [(folder: Int32, name: String, isFolder: Bool)] = []

        /// The open subfolder at `path` (empty: the staged folder), made and opened at its first use, component by
        /// component. Nil for a `.` component or a failed call.
        mutating func folder(_ path: String) -> Int32? {
            if let known = folders.first(where: { $0.path == path }) { return known.descriptor }
            var parent = folders[0].descriptor
            var walked = ""
            for component in OutputDirectory.components(of: path) {
                walked += walked.isEmpty ? component : "/" + component
                if let known = folders.first(where: { $0.path == walked }) {
                    parent = known.descriptor
                    continue
                }
                guard component != ".", mkdirat(parent, component, 0o777) == 0 else { return nil }
                made.append((parent, component, isFolder: true))
                let descriptor = openat(parent, component, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                guard descriptor >= 0 else { return nil }
                folders.append((walked, descriptor))
                parent = descriptor
            }
            return parent
        }

        /// Creates the file `name` in an open folder with exactly `bytes`. False when any call fails.
        mutating func create(_ name: String, in folder: Int32, with bytes: [UInt8]) -> Bool {
            let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            guard descriptor >= 0 else { return false }
            made.append((folder, name, isFolder: false))
            var written = (try? AtomicFileWriter.writeAll(bytes, to: descriptor, name)) != nil
            written = close(descriptor) == 0 && written
            return written
        }

        /// Removes everything made, last first, each relative to the open folder it is in.
        mutating func removeMade() {
            for entry in made.reversed() { unlinkat(entry.folder, entry.name, entry.isFolder ? AT_REMOVEDIR : 0) }
            made = []
        }

        func closeFolders() {
            for folder in folders { close(folder.descriptor) }
        }
    }
}
