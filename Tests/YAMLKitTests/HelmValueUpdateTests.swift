import Testing

@testable import YAMLKit

/// `HelmValue.updateEach`: every value of a tree changed once, parents before their children.
@Suite struct HelmValueUpdateTests {
    @Test func everyValueIsChangedOnceParentsFirst() throws {
        let document = try YAMLParser().parse("a: {b: 1, c: [x, {d: null}]}\ne: [2]\n").documents[0]
        var values = try HelmValueReader().read(document).values
        var visited: [SourcePosition] = []
        values.updateEach { value in
            visited.append(value.span.start)
            value.span.start.column += 100
        }
        // The root, a, b, c, x, the {d} mapping, d, e and 2.
        #expect(visited.count == 9)
        #expect(visited.first == SourcePosition(offset: 0, line: 1, column: 1))
        func columns(_ value: HelmValue) -> [Int] {
            [value.span.start.column] + (value.entries.map { Array($0.values) } ?? value.items ?? []).flatMap(columns)
        }
        #expect(columns(values).allSatisfy { $0 > 100 })
        let nested = try #require(values.value(at: ["a", "c"])?.items?[1])
        #expect(nested.span.start == SourcePosition(offset: 17, line: 1, column: 118))
    }
}
