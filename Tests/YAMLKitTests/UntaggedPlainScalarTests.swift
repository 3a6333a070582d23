import Testing

@testable import YAMLKit

/// `HelmScalarResolver.resolveUntaggedPlain`, which reads common plain values (`8080`, `true`, `false`, `null`) at
/// once, against go-yaml's general reading of untagged text (`resolveImplicit`).
@Suite struct UntaggedPlainScalarTests {
    static let texts: [String] =
        Array(HelmScalarResolver.table.keys) + [
            "0", "1", "80", "8080", "007", "0x1F", "1_000", "123456789012345678", "1234567890123456789", "-1", "+1",
            "1.5", "1e3", ".5", "2024-01-31", "true1", "truee", "tru", "falsy", "nul", "nulls", "NuLL", "tRUE",
            "FaLsE", "null ", " true", "on ", "~~", "yes!", "é", "١٢",
        ]

    @Test(arguments: texts)
    func readsAsTheGeneralWay(text: String) {
        let fast = HelmScalarResolver.resolveUntaggedPlain(text)
        let general = HelmScalarResolver.resolveImplicit(text, tag: "")
        // Compared as printed, so that NaN equals NaN.
        #expect("\(fast)" == "\(general)", "\(text.debugDescription)")
    }

    @Test func theCommonWordsAreReadAtOnce() {
        #expect(HelmScalarResolver.resolveUntaggedPlain("true") == .bool(true))
        #expect(HelmScalarResolver.resolveUntaggedPlain("false") == .bool(false))
        #expect(HelmScalarResolver.resolveUntaggedPlain("null") == .null)
        #expect(HelmScalarResolver.resolveUntaggedPlain("443") == .int(443))
        #expect(HelmScalarResolver.resolveUntaggedPlain("off") == .bool(false))
        #expect(HelmScalarResolver.resolveUntaggedPlain("") == .null)
    }
}
