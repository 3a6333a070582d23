/// The fleet layout of one cluster's folder: which of its files are the values (and in what order) and which is
/// the facts file.
///
/// Every `*.yaml` / `*.yml` file in the folder is a values file (a plain one, an Argo CD Application or a Flux
/// HelmRelease) except the facts file (`facts.yaml`, `facts.yml` or `facts.json`). Values files are layered in the
/// order of their names with the extension removed, so `values.yaml` comes before `values-prod.yaml` and
/// `10-base.yaml` before `20-cluster.yaml`. Hidden files (`.name`) and other files are ignored.
public enum FleetFolderLayout {
    /// The names a facts file may have.
    public static let factsNames = ["facts.yaml", "facts.yml", "facts.json"]

    /// The selection made from a folder's file names.
    public struct Selection: Sendable, Hashable {
        /// The values files' names, in layering order.
        public var values: [String]
        /// The facts file's name, if the folder has one.
        public var facts: String?
    }

    /// Picks the values and facts files from the names of a folder's regular files.
    /// - Returns: the selection, or why the folder cannot be a cluster (with how to fix it).
    public static func select(fileNames: [String]) -> Result<Selection, Problem> {
        let facts = fileNames.filter { factsNames.contains($0) }.sorted()
        if facts.count > 1 {
            return .failure(
                Problem(
                    message: "the folder holds \(facts.count) facts files (\(facts.joined(separator: ", ")))",
                    fix: "keep one facts file per cluster"))
        }
        let values = fileNames.filter { name in
            !name.hasPrefix(".") && !factsNames.contains(name) && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
        }
        guard !values.isEmpty else {
            return .failure(
                Problem(
                    message: "the folder holds no values file (*.yaml or *.yml besides the facts file)",
                    fix: "put the cluster's KEDA values (or its Argo CD Application / Flux HelmRelease) in the folder"))
        }
        return .success(Selection(values: values.sorted(by: layersBefore), facts: facts.first))
    }

    /// Why a folder cannot be read as a cluster.
    public struct Problem: Error, Sendable, Hashable {
        /// What is wrong.
        public var message: String
        /// How to fix it.
        public var fix: String
    }

    /// Layering order: by name without the extension, then by the whole name (byte order, so every machine agrees).
    static func layersBefore(_ left: String, _ right: String) -> Bool {
        // Compared in place: copying the stems and names into arrays cost four allocations a comparison.
        let stems = UTF8Order.compare(stem(left), stem(right))
        return stems == 0 ? UTF8Order.precedes(left, right) : stems < 0
    }

    static func stem(_ name: String) -> Substring {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name[...] }
        return name[..<dot]
    }
}
