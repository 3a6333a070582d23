import Testing

@testable import YAMLKit

/// `HelmValue`'s compact storage: `keySpan`, `origin` and `scalar` read back what was set, and a string scalar is
/// `content`'s own text.
@Suite struct HelmValueStorageTests {
    static let spanA = SourceSpan(
        start: SourcePosition(offset: 3, line: 1, column: 4), end: SourcePosition(offset: 9, line: 1, column: 10))
    static let spanB = SourceSpan(
        start: SourcePosition(offset: 12, line: 2, column: 3), end: SourcePosition(offset: 20, line: 2, column: 11))

    /// A value is copied into and out of every mapping: it must not grow back to the 128 bytes of separate optionals.
    @Test func aValueStaysSmall() {
        #expect(MemoryLayout<HelmValue>.stride <= 104)
    }

    static let scalars: [(HelmValue.Content, HelmScalar?)] = [
        (.null, nil), (.null, .null), (.bool(true), .bool(true)), (.bool(false), .bool(false)),
        (.number(-12), .int(-12)), (.number(Double(Int64.min)), .int(.min)), (.number(1.8e19), .uint(.max)),
        (.number(0.5), .float(0.5)), (.number(-.infinity), .float(-.infinity)), (.string("on"), .string("on")),
        (.string(String(repeating: "long text ", count: 5)), .string(String(repeating: "long text ", count: 5))),
        (.mapping([:]), nil), (.sequence([]), nil),
    ]

    @Test(arguments: scalars)
    func everyScalarReadsBack(content: HelmValue.Content, scalar: HelmScalar?) {
        let value = HelmValue(content, span: Self.spanA, scalar: scalar)
        #expect(value.content == content)
        #expect(value.scalar == scalar)
        #expect(value.span == Self.spanA)
        var changed = HelmValue(content)
        changed.scalar = scalar
        #expect(changed.scalar == scalar)
    }

    @Test func aNaNScalarKeepsItsBits() {
        let value = HelmValue(.number(.nan), scalar: .float(.nan))
        guard case .float(let number) = value.scalar else {
            Issue.record("expected a float, got \(String(describing: value.scalar))")
            return
        }
        #expect(number.isNaN)
    }

    @Test(arguments: [HelmValue.Origin.written, .alias(spanB), .merge(spanB)])
    func originsAndKeySpansReadBack(origin: HelmValue.Origin) {
        var value = HelmValue(.string("x"), span: Self.spanA, keySpan: Self.spanB, origin: origin, scalar: .string("x"))
        #expect(value.origin == origin)
        #expect(value.keySpan == Self.spanB)
        value.keySpan = nil
        #expect(value.keySpan == nil)
        value.origin = .written
        #expect(value.origin == .written)
        value.keySpan = Self.spanA
        value.origin = origin
        #expect(value.keySpan == Self.spanA)
        #expect(value.origin == origin)
        #expect(value.scalar == .string("x"))
    }

    @Test func aStringScalarIsTheContentsText() {
        var value = HelmValue(.string("on"), scalar: .string("on"))
        value.content = .string("on")
        #expect(value.scalar == .string("on"))
        value.content = .mapping([:])
        #expect(value.scalar == nil)
        #expect(HelmValue(.number(1), scalar: .string("1")).scalar == nil)
        var number = HelmValue(.number(10), scalar: .int(10))
        number.content = .string("ten")
        #expect(number.scalar == .int(10))
    }

    @Test func readValuesKeepTheirScalarsAndPlaces() throws {
        let document = try YAMLParser().parse("a: &x {b: on, c: \"012\"}\nd: *x\ne: 012\n").documents[0]
        let values = try HelmValueReader().read(document).values
        #expect(values.value(at: ["a", "b"])?.scalar == .bool(true))
        #expect(values.value(at: ["a", "c"])?.scalar == .string("012"))
        #expect(values["e"]?.scalar == .int(10))
        #expect(values["e"]?.content == .number(10))
        let aliased = try #require(values.value(at: ["d", "c"]))
        guard case .alias(let span) = aliased.origin else {
            Issue.record("expected an alias origin, got \(aliased.origin)")
            return
        }
        #expect(span.start.line == 2)
        #expect(aliased.keySpan?.start.offset == values.value(at: ["a", "c"])?.keySpan?.start.offset)
    }
}
