import YAMLKit

/// Completes a rendered GitOps drift patch with what the user's own Application or HelmRelease already lists.
///
/// A merge patch replaces lists whole, so a patch that carried only the tool's `ignoreDifferences`, `syncOptions`
/// or `driftDetection.ignore` entries would drop the user's: the patch lists the user's entries first, then the
/// tool's that are not there yet. A rule that hides the APIService's `insecureSkipTLSVerify` is left out (the plan
/// reports it as a security finding). A Flux patch also takes the HelmRelease's own `apiVersion`.
enum GitOpsPatchMerger {
    /// All that a merge reads of the user's object: the lists it merges into the patch, and the HelmRelease's
    /// `apiVersion`. Two objects with the same entries give the same merge whatever else they hold (the values they
    /// carry, their names, their places in their files), so a merge can be kept for the objects that follow.
    struct UserEntries: Sendable {
        /// `spec.ignoreDifferences` of an Application.
        var ignoreDifferences: YAMLNode?
        /// `spec.syncPolicy.syncOptions` of an Application.
        var syncOptions: YAMLNode?
        /// `spec.driftDetection.ignore` of a HelmRelease.
        var driftIgnore: YAMLNode?
        /// The object's `apiVersion` (a Flux patch takes the HelmRelease's own).
        var apiVersion: YAMLNode?

        /// The entries of a user's Application or HelmRelease.
        init(_ user: YAMLNode) {
            let spec = user["spec"]
            ignoreDifferences = spec?["ignoreDifferences"]
            syncOptions = spec?["syncPolicy"]?["syncOptions"]
            driftIgnore = spec?["driftDetection"]?["ignore"]
            apiVersion = user["apiVersion"]
        }

        /// True when both are absent, or both hold equal nodes (not `Equatable`: see ``RecentRenders``).
        static func same(_ lhs: Self?, _ rhs: Self?) -> Bool {
            guard let lhs, let rhs else { return lhs == nil && rhs == nil }
            return lhs.ignoreDifferences == rhs.ignoreDifferences && lhs.syncOptions == rhs.syncOptions
                && lhs.driftIgnore == rhs.driftIgnore && lhs.apiVersion == rhs.apiVersion
        }
    }

    /// The patch document with the user's list entries merged in; the user's object is nil when the values did not
    /// come from a wrapper.
    static func merge(patch: YAMLNode, user: YAMLNode?) -> YAMLNode {
        merge(patch: patch, user: user.map(UserEntries.init))
    }

    /// The patch document with the entries of the user's object merged in; nil entries when the values did not come
    /// from a wrapper.
    static func merge(patch: YAMLNode, user: UserEntries?) -> YAMLNode {
        guard let user else { return patch }
        var result = patch
        switch patch["kind"]?.scalarText {
        case "Application":
            result = merged(result, user.ignoreDifferences, at: ["spec", "ignoreDifferences"], sameEntry: sameTarget)
            result = merged(result, user.syncOptions, at: ["spec", "syncPolicy", "syncOptions"], sameEntry: ==)
        case "HelmRelease":
            result = merged(result, user.driftIgnore, at: ["spec", "driftDetection", "ignore"]) { left, right in
                left["target"] == right["target"] && left["paths"] == right["paths"]
            }
            if let apiVersion = user.apiVersion { result = replacing(result, key: "apiVersion", with: apiVersion) }
        default:
            break
        }
        return result
    }

    /// Two ignore rules aim at the same object when group, kind and name agree.
    static func sameTarget(_ left: YAMLNode, _ right: YAMLNode) -> Bool {
        ["group", "kind", "name"].allSatisfy { left[$0]?.scalarText == right[$0]?.scalarText }
            && left["jsonPointers"] == right["jsonPointers"] && left["jqPathExpressions"] == right["jqPathExpressions"]
    }

    /// The patch with the list at `path` holding the user's items (`list`, the user's list at the same path), then
    /// the patch's items the user lacks.
    static func merged(
        _ patch: YAMLNode, _ list: YAMLNode?, at path: [String], sameEntry: (YAMLNode, YAMLNode) -> Bool
    ) -> YAMLNode {
        guard let ours = node(at: path, in: patch)?.items, let theirs = list?.items, !theirs.isEmpty else {
            return patch
        }
        let kept = theirs.compactMap(withoutInsecureSkipTLSVerify)
        let added = ours.filter { item in !kept.contains { sameEntry($0, item) } }
        return setting(.sequence(kept.map(blockStyle) + added), at: path[...], in: patch)
    }

    /// A user's ignore rule without the pointers that hide `insecureSkipTLSVerify` (the unsafe workaround the plan
    /// removes); nil when nothing else is left in it.
    static func withoutInsecureSkipTLSVerify(_ entry: YAMLNode) -> YAMLNode? {
        guard let pairs = entry.pairs else { return entry }
        var changed = false
        var kept: [YAMLPair] = []
        for pair in pairs {
            guard ["jsonPointers", "jqPathExpressions", "paths"].contains(pair.key.scalarText ?? ""),
                let items = pair.value.items
            else {
                kept.append(pair)
                continue
            }
            let remaining = items.filter { !InsecureSkipTLSVerifyIgnores.names($0.scalarText) }
            changed = changed || remaining.count != items.count
            if !remaining.isEmpty { kept.append(YAMLPair(key: pair.key, value: .sequence(remaining))) }
        }
        guard changed else { return entry }
        let hasRules = kept.contains {
            ["jsonPointers", "jqPathExpressions", "paths"].contains($0.key.scalarText ?? "")
        }
        return hasRules ? .mapping(kept) : nil
    }

    static func node(at path: [String], in root: YAMLNode) -> YAMLNode? {
        path.reduce(Optional(root)) { $0?[$1] }
    }

    /// A node copied from the user's file, written in block style like the rest of the patch.
    static func blockStyle(_ node: YAMLNode) -> YAMLNode {
        var copy = node
        copy.anchor = nil
        switch node.content {
        case .mapping(let pairs):
            copy.content = .mapping(pairs.map { YAMLPair(key: $0.key, value: blockStyle($0.value)) })
            copy.style = .block
        case .sequence(let items):
            copy.content = .sequence(items.map(blockStyle))
            copy.style = .block
        case .scalar, .alias:
            break
        }
        return copy
    }

    static func setting(_ value: YAMLNode, at path: ArraySlice<String>, in mapping: YAMLNode) -> YAMLNode {
        guard let key = path.first, var pairs = mapping.pairs,
            let index = pairs.firstIndex(where: { $0.key.scalarText == key })
        else { return mapping }
        pairs[index].value = path.count == 1 ? value : setting(value, at: path.dropFirst(), in: pairs[index].value)
        var result = mapping
        result.content = .mapping(pairs)
        return result
    }

    static func replacing(_ mapping: YAMLNode, key: String, with value: YAMLNode) -> YAMLNode {
        setting(value, at: [key], in: mapping)
    }
}
