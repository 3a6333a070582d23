import CertMigration
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How `values.patch` names a values file, so that `git apply` (or `patch -p1`) run in the right folder finds it.
///
/// `git apply` refuses an absolute path (`a//home/ci/repo/values.yaml` is an "invalid path"), so a file named by an
/// absolute path, as a bot or a script often names it, is named from a folder the patch can be applied in:
///
/// - a relative path stays as given: the patch applies in the folder the tool ran in;
/// - an absolute path inside the current folder becomes relative to it, the same rule;
/// - an absolute path elsewhere becomes relative to the top of the Git work tree holding it (the nearest folder up
///   with a `.git` entry): the patch applies at that top;
/// - an absolute path outside both stays absolute: no folder is known to apply it in.
///
/// Only the patch's names change: error messages and reports keep each file's name as given.
struct PatchPaths: Sendable {
    /// The folder the tool runs in, without a trailing slash.
    let currentDirectory: String
    /// The Git work tree top found for each folder asked about (nil: none), shared by `fleet`'s workers.
    private let workTreeTops = Locked<[String: String?]>([:])

    init(currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.currentDirectory = currentDirectory
    }

    /// The name the patch gives to the values file `fileName`.
    func path(for fileName: String) -> String {
        guard fileName.hasPrefix("/") else { return fileName }
        if let relative = Self.relative(fileName, below: currentDirectory) { return relative }
        if let top = workTreeTop(above: Self.folder(of: fileName)),
            let relative = Self.relative(fileName, below: top)
        {
            return relative
        }
        return fileName
    }

    /// `path` without the leading `folder/`, when `path` lies below `folder` (inside it, and not the folder itself).
    static func relative(_ path: String, below folder: String) -> String? {
        guard !AtomicFileWriter.samePath(path, folder), AtomicFileWriter.isInside(path, root: folder) else {
            return nil
        }
        // Cut after the folder's bytes and the `/` that follows them (`/` alone for the root).
        let folderBytes = folder.utf8.count
        return String(
            Substring(path.utf8.dropFirst(folder.utf8.last == UInt8(ascii: "/") ? folderBytes : folderBytes + 1)))
    }

    /// The folder part of an absolute path (`/` for a file at the root), as Foundation's
    /// `deletingLastPathComponent` gives it: empty components (`//`, a trailing `/`) are dropped before the last one
    /// is, and the rest is joined with single slashes. Worked out on the path's bytes: bridging each path to
    /// `NSString` cost about 25,000 instructions a call, twice a cluster for a fleet outside the current folder.
    static func folder(of path: String) -> String {
        // The usual path, with no empty component (no `//`, no trailing `/`): everything before its last `/`. One
        // pass over the bytes, where splitting into components and joining them again cost about 7,600 instructions.
        let utf8 = path.utf8
        let slash = UInt8(ascii: "/")
        var lastSlash: String.UTF8View.Index?
        var afterSlash = false
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let isSlash = utf8[index] == slash
            if isSlash {
                if afterSlash { break }
                lastSlash = index
            }
            afterSlash = isSlash
            utf8.formIndex(after: &index)
        }
        if index == utf8.endIndex, !afterSlash, let lastSlash, utf8.first == slash {
            return lastSlash == utf8.startIndex ? "/" : String(path[..<lastSlash])
        }
        var components = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        guard !components.isEmpty else { return "/" }
        components.removeLast()
        var folder = ""
        for component in components {
            folder += "/"
            folder += Substring(component)
        }
        return folder.isEmpty ? "/" : folder
    }

    /// The nearest folder at or above `folder` that holds a `.git` entry (a folder, or the file a linked work tree
    /// or a submodule has), remembered per folder.
    func workTreeTop(above folder: String) -> String? {
        if let known = workTreeTops.withLock({ $0[folder] }) { return known }
        let top: String? =
            if access(folder == "/" ? "/.git" : folder + "/.git", F_OK) == 0 {
                folder
            } else if folder == "/" {
                nil
            } else {
                workTreeTop(above: Self.folder(of: folder))
            }
        workTreeTops.withLock { $0[folder] = top }
        return top
    }
}
