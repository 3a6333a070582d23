import CertMigration
import Foundation

/// The clusters of a fleet as the command line finds them: the sub-folders of a fleet folder, or the entries of a
/// fleet index file. Folders are only listed here; each is read by the worker that takes it.
struct FleetInventory: Sendable {
    /// One cluster, as found.
    enum Member: Sendable {
        /// A cluster folder of the fleet layout: its name, inside the fleet folder (one string shared by every
        /// member, so a large fleet holds no path per cluster).
        case folder(name: String, fleet: String)
        /// A cluster listed in a fleet index, with its files.
        case listed(FleetCluster)

        /// The cluster's name.
        var name: String {
            switch self {
            case .folder(let name, _): name
            case .listed(let cluster): cluster.name
            }
        }

        /// The cluster with its files: the folder's files picked by ``FleetFolderLayout``, or the index's entry.
        func cluster() -> Result<Found, Diagnostic> {
            switch self {
            case .listed(let cluster):
                return .success(Found(cluster: cluster, folder: nil))
            case .folder(let name, let fleet):
                let path = FleetInventory.joined(fleet, name)
                var names: [String] = []
                let folder: FolderListing.Opened
                do {
                    // Everything that exists and is not a folder, links followed (one pass, one array).
                    folder = try FolderListing.opened(path)
                    names.reserveCapacity(folder.entries.count)
                    for entry in folder.entries where entry.kind == .file || entry.kind == .other {
                        names.append(entry.name)
                    }
                } catch {
                    return .failure(
                        Diagnostic(
                            id: "fleet.folder-unreadable", severity: .error,
                            message: "the cluster folder cannot be read: \(error.reason)",
                            location: SourceLocation(file: path), fix: "check its permissions"))
                }
                switch FleetFolderLayout.select(fileNames: names) {
                case .success(let selection):
                    let cluster = FleetCluster(
                        name: name, valuesPaths: selection.values.map { FleetInventory.joined(path, $0) },
                        factsPath: selection.facts.map { FleetInventory.joined(path, $0) },
                        declaredAt: SourceLocation(file: path))
                    return .success(
                        Found(cluster: cluster, folder: (folder, selection.values, selection.facts)))
                case .failure(let problem):
                    return .failure(
                        Diagnostic(
                            id: "fleet.folder-not-a-cluster", severity: .error, message: problem.message,
                            location: SourceLocation(file: path), fix: problem.fix))
                }
            }
        }
    }

    /// A cluster as found, with its folder (fleet layout) still open while its files are read.
    struct Found {
        /// The cluster and the paths of its files.
        var cluster: FleetCluster
        /// The cluster folder, listed and open, with the names in it of the values files and the facts file (the
        /// cluster's paths are the folder's path and these names); nil for a cluster of a fleet index.
        var folder: (listing: FolderListing.Opened, valuesNames: [String], factsName: String?)?

        /// The cluster's values files (in order) and facts file, read as ``InputFiles/read(_:)`` reads them; each
        /// failure is added to `problems`. A folder's files are opened relative to the open folder: the same files
        /// (each path is the folder's path and the name), without walking the folder's path again.
        func readFiles(into problems: inout [Diagnostic]) -> (values: [InputFile], facts: InputFile?) {
            func load(_ path: String, _ name: String?) -> InputFile? {
                let read =
                    if let folder, let name {
                        InputFiles().read(name, inFolder: folder.listing.descriptor, as: path)
                    } else {
                        InputFiles().read(path)
                    }
                switch read {
                case .success(let bytes): return InputFile(name: path, bytes: bytes)
                case .failure(let problem):
                    problems.append(problem)
                    return nil
                }
            }
            var values: [InputFile] = []
            values.reserveCapacity(cluster.valuesPaths.count)
            for (index, path) in cluster.valuesPaths.enumerated() {
                if let file = load(path, folder?.valuesNames[index]) { values.append(file) }
            }
            return (values, cluster.factsPath.flatMap { load($0, folder?.factsName) })
        }
    }

    /// `folder/name`, made in one allocation of the right size (`folder + "/" + name` made two).
    static func joined(_ folder: String, _ name: String) -> String {
        var path = ""
        path.reserveCapacity(folder.utf8.count + 1 + name.utf8.count)
        path += folder
        path += "/"
        path += name
        return path
    }

    /// The clusters, by name in byte order for folders, in the index's order for an index.
    var members: [Member] = []
    /// Problems with the fleet itself (not with one cluster): an unreadable folder, a bad index, a bad folder name.
    var problems: [Diagnostic] = []

    /// Finds the clusters at `path`: a fleet folder (one sub-folder per cluster) or a fleet index file.
    /// - Parameter outputDir: the output folder, never taken for a cluster when it lies inside the fleet folder
    ///   (`fleet . --output-dir out` run twice).
    static func read(_ path: String, outputDir: String? = nil) -> FleetInventory {
        var inventory = FleetInventory()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            inventory.problems.append(
                Diagnostic(
                    id: "fleet.missing", severity: .error, message: "no such folder or fleet index file",
                    location: SourceLocation(file: path),
                    fix: "name a folder with one sub-folder per cluster, or a fleet index file"))
            return inventory
        }
        if isDirectory.boolValue {
            inventory.readFolder(path, skipping: outputDir.flatMap(AtomicFileWriter.realPath))
        } else {
            inventory.readIndex(path)
        }
        return inventory
    }

    private mutating func readFolder(_ path: String, skipping output: String?) {
        let entries: [FolderListing.Entry]
        do {
            entries = try FolderListing.entries(of: path)
        } catch {
            problems.append(
                Diagnostic(
                    id: "fleet.folder-unreadable", severity: .error,
                    message: "the fleet folder cannot be read: \(error.reason)",
                    location: SourceLocation(file: path), fix: "check its permissions"))
            return
        }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        let folders = entries.filter { $0.kind == .folder }
        // The output folder is recognised by real path. A folder listed as one (not a link) is really at the fleet
        // folder's real path plus its name: one `realpath` of the fleet folder, not one of each cluster folder (a
        // `readlink` a component, thousands on a second run into the same output folder). A link is resolved.
        let realBase = output == nil ? nil : AtomicFileWriter.realPath(base.isEmpty ? "/" : base)
        func realPath(of folder: String, _ entry: FolderListing.Entry) -> String? {
            guard !entry.isFollowed, let realBase else { return AtomicFileWriter.realPath(folder) }
            return realBase == "/" ? "/" + entry.name : realBase + "/" + entry.name
        }
        // Byte order, compared in place: copying both names into arrays at every comparison cost 16,000 instructions
        // a cluster over 200 folders, and more per cluster the larger the fleet.
        for entry in folders.sorted(by: { UTF8Order.precedes($0.name, $1.name) }) {
            let name = entry.name
            let folder = base + "/" + name
            if name.hasPrefix(".") { continue }
            if let output, let real = realPath(of: folder, entry), AtomicFileWriter.samePath(real, output) {
                continue
            }
            if let problem = FleetCluster.nameProblem(name) {
                problems.append(
                    Diagnostic(
                        id: "fleet.bad-cluster-name", severity: .error,
                        message: "the folder name \(name.debugDescription) cannot be a cluster name: \(problem)",
                        location: SourceLocation(file: folder),
                        fix:
                            "rename the folder (letters, digits, `.`, `_` and `-`): it names the cluster's output folder"
                    ))
                continue
            }
            members.append(.folder(name: name, fleet: base))
        }
        if members.isEmpty, problems.isEmpty {
            problems.append(
                Diagnostic(
                    id: "fleet.empty", severity: .error, message: "the fleet folder holds no cluster folders",
                    location: SourceLocation(file: path),
                    fix: "make one sub-folder per cluster holding its facts.yaml and values files (see the README)"))
        }
    }

    private mutating func readIndex(_ path: String) {
        switch InputFiles().read(path) {
        case .failure(let problem):
            problems.append(problem)
        case .success(let bytes):
            let folder = (path as NSString).deletingLastPathComponent
            let read = FleetIndexReader().read(bytes: bytes, fileName: path, folder: folder)
            problems += read.diagnostics
            members = read.clusters.map { .listed($0) }
        }
    }
}
