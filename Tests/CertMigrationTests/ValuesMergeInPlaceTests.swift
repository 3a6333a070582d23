import Testing
import YAMLKit

@testable import CertMigration

@Suite("Values layers: Helm's merge done in place")
struct ValuesMergeInPlaceTests {
    static let first = "operator:\n  name: keda-operator\n  replicaCount: 1\nwatchNamespace: \"\"\n"
    static let second = "operator:\n  replicaCount: 2\n  affinity: {}\nlogging: {level: debug}\n"

    @Test("merging changes no layer: each file's values stay as read, and merging again gives the same values")
    func mergingLeavesLayersAlone() throws {
        let layers = try Snippet.values(Self.first, Self.second)
        let before = layers.layers.map(\.document.values.description)
        let merged = layers.merged
        #expect(layers.layers.map(\.document.values.description) == before)
        #expect(layers.merged == merged)
        #expect(
            merged.description
                == #"{"logging":{"level":"debug"},"#
                + #""operator":{"affinity":{},"name":"keda-operator","replicaCount":2.0},"watchNamespace":""}"#)
        // Merging a further file into a copy leaves the merge it was copied from alone.
        var further = merged
        ValuesLayers.merge(into: &further, try Snippet.layer("operator:\n  replicaCount: 3\n").document.values)
        #expect(further["operator"]?["replicaCount"] == .number(3))
        #expect(merged["operator"]?["replicaCount"] == .number(2))
    }

    @Test("a merged mapping keeps the first file's location; a value taken whole keeps its own file's")
    func locationsAsBefore() throws {
        let layers = try Snippet.values(Self.first, Self.second)
        let merged = layers.merged
        let firstOperator = try #require(layers.layers[0].document.values["operator"])
        #expect(merged["operator"]?.span == firstOperator.span)
        #expect(merged["operator"]?.keySpan == firstOperator.keySpan)
        let logging = try #require(layers.layers[1].document.values["logging"])
        #expect(merged["logging"]?.span == logging.span)
        let secondCount = layers.layers[1].document.values["operator"]?["replicaCount"]
        #expect(merged["operator"]?["replicaCount"]?.span == secondCount?.span)
        // One file: its values, located where it wrote them, below a root built in memory as before.
        let one = try Snippet.values(Self.first)
        #expect(one.merged == one.layers[0].document.values)
        #expect(one.merged.span == .none)
        #expect(one.merged["operator"]?.span == one.layers[0].document.values["operator"]?.span)
    }

    @Test("anything but two mappings: the later value replaces the earlier one")
    func nonMappingsReplace() throws {
        var base = HelmValue.mapping(["a": .number(1)])
        ValuesLayers.merge(into: &base, .string("x"))
        #expect(base == .string("x"))
        ValuesLayers.merge(into: &base, .mapping(["b": .bool(true)]))
        #expect(base == .mapping(["b": .bool(true)]))
        var nested = HelmValue.mapping(["a": .mapping(["x": .number(1), "y": .number(2)]), "b": .null])
        ValuesLayers.merge(into: &nested, .mapping(["a": .mapping(["y": .null]), "b": .mapping(["z": .number(3)])]))
        #expect(nested == .mapping(["a": .mapping(["x": .number(1), "y": .null]), "b": .mapping(["z": .number(3)])]))
    }
}
