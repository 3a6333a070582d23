import Testing

@testable import YAMLKit

/// One row of Helm's scalar table: a scalar as written in YAML and what Helm makes of it.
struct HelmScalarCase: Sendable, CustomStringConvertible {
    /// The scalar exactly as written after `key: ` (tag and quotes included).
    var source: String
    /// What Helm reads, or nil when Helm refuses the scalar (`refusal` then holds go-yaml's words).
    var expected: HelmScalar?
    var refusal: String?

    init(_ source: String, _ expected: HelmScalar) {
        self.source = source
        self.expected = expected
    }

    init(_ source: String, refused refusal: String) {
        self.source = source
        self.refusal = refusal
    }

    var description: String { source.debugDescription }
}

/// The resolution table, row by row (go-yaml v2 `resolve.go` as vendored by sigs.k8s.io/yaml; every row is also
/// fed to the real Helm by the differential test).
enum HelmScalarTable {
    static let booleans: [HelmScalarCase] =
        ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map {
            HelmScalarCase($0, .bool(true))
        }
        + ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map {
            HelmScalarCase($0, .bool(false))
        }

    static let nulls: [HelmScalarCase] = ["", "~", "null", "Null", "NULL"].map { HelmScalarCase($0, .null) }

    static let specialFloats: [HelmScalarCase] = [
        HelmScalarCase(".inf", .float(.infinity)), HelmScalarCase(".Inf", .float(.infinity)),
        HelmScalarCase(".INF", .float(.infinity)), HelmScalarCase("+.inf", .float(.infinity)),
        HelmScalarCase("+.Inf", .float(.infinity)), HelmScalarCase("+.INF", .float(.infinity)),
        HelmScalarCase("-.inf", .float(-.infinity)), HelmScalarCase("-.Inf", .float(-.infinity)),
        HelmScalarCase("-.INF", .float(-.infinity)),
    ]

    static let nans = [".nan", ".NaN", ".NAN"]

    static let integers: [HelmScalarCase] = [
        HelmScalarCase("0", .int(0)), HelmScalarCase("12", .int(12)), HelmScalarCase("+12", .int(12)),
        HelmScalarCase("-12", .int(-12)), HelmScalarCase("012", .int(10)), HelmScalarCase("-012", .int(-10)),
        HelmScalarCase("00", .int(0)), HelmScalarCase("0o17", .int(15)), HelmScalarCase("0O17", .int(15)),
        HelmScalarCase("0x1f", .int(31)), HelmScalarCase("0X1F", .int(31)), HelmScalarCase("-0x1f", .int(-31)),
        HelmScalarCase("+0x1f", .int(31)), HelmScalarCase("0b101", .int(5)), HelmScalarCase("0B101", .int(5)),
        HelmScalarCase("-0b101", .int(-5)), HelmScalarCase("1_000", .int(1000)), HelmScalarCase("0x_1f", .int(31)),
        HelmScalarCase("1__0", .int(10)), HelmScalarCase("1_", .int(1)), HelmScalarCase("0_12", .int(10)),
        HelmScalarCase("9223372036854775807", .int(.max)), HelmScalarCase("-9223372036854775808", .int(.min)),
        HelmScalarCase("0x7fffffffffffffff", .int(.max)), HelmScalarCase("-0x8000000000000000", .int(.min)),
        HelmScalarCase("9007199254740993", .int(9_007_199_254_740_993)),
        HelmScalarCase("9223372036854775808", .uint(9_223_372_036_854_775_808)),
        HelmScalarCase("18446744073709551615", .uint(.max)), HelmScalarCase("0xffffffffffffffff", .uint(.max)),
    ]

    static let floats: [HelmScalarCase] = [
        HelmScalarCase("1.5", .float(1.5)), HelmScalarCase("-1.5", .float(-1.5)), HelmScalarCase("1.0", .float(1)),
        HelmScalarCase("+.5", .float(0.5)), HelmScalarCase(".5", .float(0.5)), HelmScalarCase("-.5", .float(-0.5)),
        HelmScalarCase("1.", .float(1)), HelmScalarCase("0.", .float(0)), HelmScalarCase("1e3", .float(1000)),
        HelmScalarCase("1E3", .float(1000)), HelmScalarCase("1e+3", .float(1000)),
        HelmScalarCase("1.5e-3", .float(0.0015)), HelmScalarCase(".5e1", .float(5)),
        HelmScalarCase("1_000.5", .float(1000.5)), HelmScalarCase(".1_0", .float(0.1)),
        HelmScalarCase(".5e1_0", .float(5e9)), HelmScalarCase("1e1_0", .float(1e10)),
        HelmScalarCase("1e-999", .float(0)), HelmScalarCase(".5e-999", .float(0)), HelmScalarCase("-0.0", .float(0)),
        HelmScalarCase("0.1", .float(0.1)), HelmScalarCase("1e21", .float(1e21)),
        HelmScalarCase("100000000000000000000", .float(1e20)),
        // Not octal, not an integer at all: the float regex takes the digits as decimal.
        HelmScalarCase("08", .float(8)), HelmScalarCase("09.5", .float(9.5)),
        HelmScalarCase("0777777777777777777777777", .float(7.777777777777778e23)),
        // Too wide for Int64 with a sign, or for UInt64: a float.
        HelmScalarCase("+18446744073709551615", .float(1.8446744073709552e19)),
        HelmScalarCase("-9223372036854775809", .float(-9.223372036854776e18)),
        HelmScalarCase("18446744073709551616", .float(1.8446744073709552e19)),
    ]

    static let strings: [HelmScalarCase] = [
        "1e999", "-1e999", "0x10000000000000000", ".5__0", "._5", ".", "1e", "1.2.3", "0x", "0b2", "_1", "+",
        "0x1p3", "yep", "oN", "tRue", "NaN", "nan", "inf", "Infinity", "+Inf", "-Inf", "no way", "~~",
        "nulls", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2002-02-30", "<<", "é",
        "12:30", "1,000", "$1", "0.1.2", "1 2", "a-", "true_", "1e3.5",
    ].map { HelmScalarCase($0, .string($0)) }

    static let quotedAndBlock: [HelmScalarCase] = [
        HelmScalarCase("'on'", .string("on")), HelmScalarCase("\"12\"", .string("12")),
        HelmScalarCase("'~'", .string("~")), HelmScalarCase("''", .string("")), HelmScalarCase("\"\"", .string("")),
        HelmScalarCase("\"0x1f\"", .string("0x1f")), HelmScalarCase("'1.0'", .string("1.0")),
        HelmScalarCase("\"null\"", .string("null")), HelmScalarCase("'<<'", .string("<<")),
        HelmScalarCase("|\n  12", .string("12\n")), HelmScalarCase("|-\n  true", .string("true")),
        HelmScalarCase(">-\n  ~", .string("~")),
    ]

    static let tagged: [HelmScalarCase] = [
        HelmScalarCase("!!str 12", .string("12")), HelmScalarCase("!!str on", .string("on")),
        HelmScalarCase("!!str ~", .string("~")), HelmScalarCase("!!str", .string("")),
        HelmScalarCase("!!int \"12\"", .int(12)), HelmScalarCase("!!int 0x1f", .int(31)),
        HelmScalarCase("!!int '012'", .int(10)), HelmScalarCase("!!float 1", .float(1)),
        HelmScalarCase("!!float \"1.5\"", .float(1.5)), HelmScalarCase("!!float 1e3", .float(1000)),
        HelmScalarCase("!!bool yes", .bool(true)), HelmScalarCase("!!bool \"off\"", .bool(false)),
        HelmScalarCase("!!null ~", .null), HelmScalarCase("!!null", .null), HelmScalarCase("!!null ''", .null),
        HelmScalarCase("! 12", .string("12")), HelmScalarCase("! on", .string("on")),
        HelmScalarCase("!foo 12", .string("12")), HelmScalarCase("!!set 12", .string("12")),
        HelmScalarCase("!!timestamp 2001-01-01", .string("2001-01-01")),
        HelmScalarCase("!!binary aGVsbG8=", .string("hello")), HelmScalarCase("!!binary \"\"", .string("")),
        HelmScalarCase("!!merge <<", .string("<<")), HelmScalarCase("!<tag:yaml.org,2002:int> 7", .int(7)),
        HelmScalarCase("!!int |-\n  12", .int(12)),
    ]

    /// `!!timestamp` accepts what Go's `time.Parse` reads with go-yaml's four layouts, and keeps the text.
    static let timestamps: [HelmScalarCase] = [
        "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-1-2", "2001-12-14T21:59:43Z",
        "2001-12-14T21:59:43.1234567891Z", "2001-12-14T1:2:3Z", "2000-02-29", "2001-12-14T21:59:43+24:00",
        "2001-12-14T21:59:43-00:60", "2001-12-14T21:59:43.12345678901234567890123Z",
    ].map { HelmScalarCase("!!timestamp " + $0, .string($0)) }

    static let refusedTimestamps: [HelmScalarCase] = [
        "2001-12-14 21:59:43.10 -5", "2001-12-14T24:00:00Z", "2001-12-14T21:59Z", "2001-12-14T21:59:43+05",
        "2001-12-14T21:59:43+0500", "1900-02-29", "2001-12-14 21:59:43Z", "2001-12-14T21:59:43", "2001-012-14",
        "2001-12-14T21:59:60Z", "2001-12-14T21:59:43.Z", "2001-12-14t21:59:43z", "2001-00-10", "2001-12-00",
        "2001-12-14T21:59:43.123",
    ].map { HelmScalarCase("!!timestamp " + $0, refused: "cannot decode !!str `\($0)` as a !!timestamp") }

    static let refusedTags: [HelmScalarCase] =
        refusedTimestamps + [
            HelmScalarCase("!!int 1.5", refused: "cannot decode !!float `1.5` as a !!int"),
            HelmScalarCase("!!int abc", refused: "cannot decode !!str `abc` as a !!int"),
            HelmScalarCase("!!int ''", refused: "cannot decode !!null `` as a !!int"),
            HelmScalarCase("!!float abc", refused: "cannot decode !!str `abc` as a !!float"),
            HelmScalarCase("!!bool 1", refused: "cannot decode !!int `1` as a !!bool"),
            HelmScalarCase("!!bool true_", refused: "cannot decode !!str `true_` as a !!bool"),
            HelmScalarCase("!!null foo", refused: "cannot decode !!str `foo` as a !!null"),
            HelmScalarCase("!!null 0", refused: "cannot decode !!int `0` as a !!null"),
            HelmScalarCase("!!timestamp 12", refused: "cannot decode !!int `12` as a !!timestamp"),
            HelmScalarCase("!!timestamp 2001-02-30", refused: "cannot decode !!str `2001-02-30` as a !!timestamp"),
            HelmScalarCase("!!binary aGVsbG8", refused: "!!binary value contains invalid base64 data"),
            HelmScalarCase("!!binary a*b=", refused: "!!binary value contains invalid base64 data"),
            HelmScalarCase("!!int |\n  12", refused: "cannot decode !!str `12\n` as a !!int"),
        ]

    /// Every row that resolves to a value.
    static let resolved =
        booleans + nulls + specialFloats + integers + floats + strings + quotedAndBlock + tagged + timestamps
    /// Every row, refusals included.
    static let all = resolved + refusedTags
}

/// Parses `value: <source>` and returns the value node.
func parsedScalar(_ source: String) throws -> YAMLNode {
    let indented = source.replacingOccurrencesOfNewline(with: "\n  ")
    let stream = try YAMLParser().parse("value: \(indented)\n")
    return try #require(stream.documents.first?.root.pairs?.first?.value)
}

extension String {
    /// The text with every line break followed by the given continuation.
    func replacingOccurrencesOfNewline(with continuation: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: continuation)
    }
}

@Suite("HelmScalarResolver: go-yaml v2's table, as Helm reads it")
struct HelmScalarResolverTests {
    @Test("every resolving row", arguments: HelmScalarTable.resolved)
    func resolves(_ row: HelmScalarCase) throws {
        let node = try parsedScalar(row.source)
        let text = try #require(node.scalarText)
        let resolved = try HelmScalarResolver.checkedResolve(text, style: node.style, tag: node.tag)
        let expected = try #require(row.expected)
        // `.float(.nan)` never equals itself, so NaN rows are tested apart.
        #expect(resolved == expected)
        #expect(HelmScalarResolver.resolve(text, style: node.style, tag: node.tag) == expected)
    }

    @Test("NaN words resolve to a NaN float", arguments: HelmScalarTable.nans)
    func nan(_ text: String) {
        guard case .float(let value) = HelmScalarResolver.resolve(text, style: .plain, tag: nil) else {
            Issue.record("\(text) did not resolve to a float")
            return
        }
        #expect(value.isNaN)
    }

    @Test("a tag that contradicts its text is refused with go-yaml's words", arguments: HelmScalarTable.refusedTags)
    func refusedTag(_ row: HelmScalarCase) throws {
        let node = try parsedScalar(row.source)
        let text = try #require(node.scalarText)
        #expect(throws: HelmTagMismatch(message: try #require(row.refusal))) {
            try HelmScalarResolver.checkedResolve(text, style: node.style, tag: node.tag)
        }
    }

    @Test("resolve falls back to the untagged meaning where Helm refuses the tag")
    func resolveFallsBack() {
        #expect(HelmScalarResolver.resolve("1.5", style: .plain, tag: "tag:yaml.org,2002:int") == .float(1.5))
        #expect(HelmScalarResolver.resolve("1", style: .doubleQuoted, tag: "tag:yaml.org,2002:bool") == .string("1"))
    }

    @Test(
        "keys become Helm's key strings",
        arguments: [
            (HelmScalar.bool(true), "true"), (.bool(false), "false"), (.int(31), "31"), (.int(-5), "-5"),
            (.int(.min), "-9223372036854775808"), (.float(1), "1"), (.float(1.5), "1.5"), (.float(1e20), "1e+20"),
            (.float(123_456_789), "1.2345679e+08"), (.float(1e-7), "1e-07"), (.float(1e39), ".inf"),
            (.float(-1e39), "-.inf"), (.float(.infinity), ".inf"), (.float(-.infinity), "-.inf"),
            (.float(.nan), ".nan"),
            (.float(-0.0), "-0"), (.float(0), "0"), (.float(0.1), "0.1"), (.float(100_000), "100000"),
            (.float(1e6), "1e+06"), (.float(0.0001), "0.0001"), (.float(0.00001), "1e-05"),
            (.float(3.14159265358979), "3.1415927"), (.float(16_777_217), "1.6777216e+07"),
            (.float(-2.5e-10), "-2.5e-10"),
            (.float(1e-50), "0"), (.float(123_456), "123456"), (.float(1234.5), "1234.5"), (.float(1.5e100), ".inf"),
            (.string("on"), "on"), (.string(""), ""),
        ] as [(HelmScalar, String)])
    func keyString(_ scalar: HelmScalar, _ expected: String) {
        #expect(HelmScalarResolver.keyString(for: scalar) == expected)
    }

    @Test("no word of the fixed table starts with a digit, so text led by one is not looked up in it")
    func noTableWordStartsWithADigit() {
        for word in HelmScalarResolver.table.keys {
            #expect(word.utf8.first.map(HelmScalarResolver.hint) != UInt8(ascii: "D"), "\(word)")
        }
        // Led by a digit and as short as a table word: still resolved by go-yaml's number rules.
        #expect(HelmScalarResolver.resolve("0x1f", style: .plain, tag: nil) == .int(31))
        #expect(HelmScalarResolver.resolve("1e3", style: .plain, tag: nil) == .float(1000))
        #expect(HelmScalarResolver.resolve("1Gi", style: .plain, tag: nil) == .string("1Gi"))
    }

    @Test("Helm refuses null and unsigned 64-bit keys")
    func refusedKeys() {
        #expect(HelmScalarResolver.keyString(for: .null) == nil)
        #expect(HelmScalarResolver.keyString(for: .uint(.max)) == nil)
    }

    @Test(
        "a plain scalar reads as a string only when no rule claims it",
        arguments: [
            ("on", false), ("yes", false), ("~", false), ("1.0", false), ("0x1f", false), ("", false), ("<<", false),
            ("08", false), (".inf", false), ("1_000", false), ("hello", true), ("oN", true), ("2001-12-14", true),
            ("1e999", true), ("0x10000000000000000", true), ("v1.2.3", true), ("-", true),
        ])
    func readsAsString(_ text: String, _ expected: Bool) {
        #expect(HelmScalarResolver.readsAsString(plain: text) == expected)
    }
}
