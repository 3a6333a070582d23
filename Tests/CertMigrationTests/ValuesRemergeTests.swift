import Testing
import YAMLKit

@testable import CertMigration

/// ``ValuesLayers/merged(_:remerging:of:)``: the files' merge found from an earlier merge by merging again only the
/// top-level keys a change falls under gives exactly Helm's merge of the changed files, wherever the changed file
/// stands and whatever the other files hold under those keys.
@Suite struct ValuesRemergeTests {
    /// Files as YAML texts, and a change: the file index, the path and the value text.
    static let cases: [(files: [String], file: Int, path: [String], value: String)] = [
        (["a: 1\nb: {c: 1}\n"], 0, ["b", "c"], "2"),
        (["a: 1\nb: {c: 1}\n"], 0, ["new", "deep"], "x"),
        (["b: {c: 1, d: 1}\n", "b: {c: 2}\ne: 1\n"], 1, ["b", "c"], "3"),
        (["b: {c: 1, d: 1}\n", "b: {c: 2}\ne: 1\n"], 0, ["b", "d"], "3"),  // overridden by a later file
        (["b: 1\n", "b: {c: 2}\n"], 1, ["b", "c"], "3"),  // a mapping over a scalar
        (["b: {c: 2}\n", "b: ~\n"], 0, ["b", "c"], "3"),  // a null over a mapping
        (["b: {c: 2}\n", "b: 5\n"], 1, ["b"], "{c: 9}"),  // a mapping set where a scalar was
        (["x: {y: {z: 1}}\n", "x: {y: {w: 1}}\n", "x: {y: {z: 2}}\nq: 1\n"], 1, ["x", "y", "z"], "7"),
        (["x: {y: [1, 2]}\n", "x: {y: {a: 1}}\n", "x: {y: [3]}\n"], 1, ["x", "y", "b"], "true"),
        (["k: v\n", "{}\n", "m: {n: 1}\n"], 1, ["m", "n"], "2"),
    ]

    static func full(_ values: [HelmValue]) -> HelmValue {
        var merged = HelmValue.mapping([:])
        for value in values { ValuesLayers.merge(into: &merged, value) }
        return merged
    }

    @Test(arguments: cases.indices)
    func remergingTheChangedKeysGivesTheFullMerge(index: Int) throws {
        let (files, file, path, text) = Self.cases[index]
        let original = try files.map { try HelmValueReader().read($0).values }
        var changed = original
        let value = try HelmValueReader().read("v: " + text).values["v"] ?? .null
        changed[file].set(value, at: path[...])
        let remerged = try #require(
            ValuesLayers.merged(Self.full(original), remerging: [path[0]], of: changed))
        #expect(remerged == Self.full(changed))
        #expect(remerged.description == Self.full(changed).description)
    }

    @Test func withoutTheChangedKeyTheMergeIsNotRedone() throws {
        // The contract: only the keys named are merged again, so naming none keeps the earlier merge.
        let original = [try HelmValueReader().read("b: {c: 1}\n").values]
        var changed = original
        changed[0].set(.number(2), at: ["b", "c"][...])
        let kept = try #require(ValuesLayers.merged(Self.full(original), remerging: [], of: changed))
        #expect(kept == Self.full(original))
        #expect(kept != Self.full(changed))
    }

    @Test func aMergeOrFileThatIsNotAMappingIsRefused() {
        #expect(ValuesLayers.merged(.null, remerging: ["a"], of: [.mapping([:])]) == nil)
        #expect(ValuesLayers.merged(.mapping([:]), remerging: ["a"], of: [.string("x")]) == nil)
    }
}
