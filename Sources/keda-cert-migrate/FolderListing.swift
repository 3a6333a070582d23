import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder's entries with what each is, in one pass over the folder (`opendir`/`readdir`).
///
/// The entry's type comes from the listing itself where the file system gives it; a symbolic link, or an entry of
/// unknown type, is looked up with `stat`, which follows links: a link to a folder counts as a folder, a dangling
/// link as missing. (Listing with `FileManager` and asking `fileExists(atPath:isDirectory:)` of every entry cost a
/// `stat` and about 15,000 instructions of path building per entry, for each of a fleet's clusters.)
enum FolderListing {
    /// What an entry is, links followed.
    enum Kind: Sendable, Equatable {
        case file
        case folder
        /// Something else that exists: a socket, a pipe, a device.
        case other
        /// A link that leads nowhere (or to what cannot be looked up).
        case missing
    }

    /// An entry: its name (without the folder) and kind. `.` and `..` are never listed.
    struct Entry: Sendable, Equatable {
        var name: String
        var kind: Kind
        /// Whether the kind was found by following the name: a symbolic link, or an entry whose type the listing did
        /// not give. Otherwise the entry is what its kind says, right there: a folder's real path is then the listed
        /// folder's real path and its name.
        var isFollowed = false
    }

    /// The folder could not be listed: the system's reason, as `strerror` words it.
    struct Failure: Error, Sendable {
        var reason: String
    }

    /// A folder listed and held open: files in it are opened relative to it (``descriptor``, for `openat`), without
    /// walking its path again. Closed with the last reference.
    final class Opened {
        #if canImport(Glibc)
            typealias Stream = OpaquePointer
        #else
            typealias Stream = UnsafeMutablePointer<DIR>
        #endif

        /// The entries, as ``FolderListing/entries(of:)`` gives them.
        let entries: [Entry]
        private let stream: Stream

        fileprivate init(entries: [Entry], stream: Stream) {
            self.entries = entries
            self.stream = stream
        }

        deinit { closedir(stream) }

        /// The open folder, while this value lives.
        var descriptor: Int32 { dirfd(stream) }
    }

    /// The entries of the folder at `path`, in the order the file system gives them.
    static func entries(of path: String) throws(Failure) -> [Entry] {
        try opened(path).entries
    }

    /// The folder at `path` listed (``entries(of:)``) and kept open.
    static func opened(_ path: String) throws(Failure) -> Opened {
        guard let folder = opendir(path) else { throw Failure(reason: String(cString: strerror(errno))) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            guard let name = name(of: entry) else { continue }
            var listed = Entry(name: name, kind: .other)
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): listed.kind = .file
            case Int32(DT_DIR): listed.kind = .folder
            case Int32(DT_LNK), Int32(DT_UNKNOWN):
                listed.kind = followedKind(path + "/" + name)
                listed.isFollowed = true
            default: break
            }
            entries.append(listed)
        }
        return Opened(entries: entries, stream: folder)
    }

    /// The names in the open folder `folder` (`.` and `..` left out), listed through a descriptor of its own; nil
    /// when it cannot be listed (or reading the listing fails part way), or when it holds more than `limit` names.
    static func names(in folder: Int32, atMost limit: Int) -> Set<String>? {
        let descriptor = openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard let stream = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(stream) }
        var names: Set<String> = []
        errno = 0
        while let entry = readdir(stream) {
            guard let name = name(of: entry) else { continue }
            guard names.count < limit else { return nil }
            names.insert(name)
        }
        return errno == 0 ? names : nil
    }

    /// A listed entry's name; nil for `.` and `..`.
    private static func name(of entry: UnsafeMutablePointer<dirent>) -> String? {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
        return name == "." || name == ".." ? nil : name
    }

    /// The kind of what `path` leads to, links followed.
    static func followedKind(_ path: String) -> Kind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }
}
