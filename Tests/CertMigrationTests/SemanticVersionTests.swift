import Testing

@testable import CertMigration

@Suite("SemanticVersion: the forms kubectl, helm and KEDA print")
struct SemanticVersionTests {
    @Test(
        "accepted forms",
        arguments: [
            ("2.16.1", SemanticVersion(2, 16, 1), nil as String?),
            ("v1.15.3", SemanticVersion(1, 15, 3), nil),
            ("v1.28.9-eks-036c24b", SemanticVersion(1, 28, 9), "eks-036c24b"),
            ("v1.30.5-gke.1014001", SemanticVersion(1, 30, 5), "gke.1014001"),
            ("v1.29.4+k3s1", SemanticVersion(1, 29, 4), "k3s1"),
            ("1.29", SemanticVersion(1, 29, 0), nil),
            (" 1.31.0 ", SemanticVersion(1, 31, 0), nil),
            ("0.123456789.007", SemanticVersion(0, 123_456_789, 7), nil),
        ])
    func accepted(text: String, expected: SemanticVersion, suffix: String?) throws {
        let version = try SemanticVersion.parse(text)
        #expect(version == expected)
        #expect(version.suffix == suffix)
    }

    @Test(
        "refused forms say why",
        arguments: [
            ("1.28+", "nothing follows"),
            ("v1.3O", "`3O` is not a decimal number"),
            ("latest", "it has no minor version"),
            ("1", "it has no minor version"),
            ("1.2.3.4", "more than three numbers"),
            ("1..2", "`` is not a decimal number"),
            ("", "it has no minor version"),
            ("１.２", "is not a decimal number"),
            ("1.1234567890", "`1234567890` is not a decimal number"),
            ("1.2\u{301}", "is not a decimal number"),
        ])
    func refused(text: String, reason: String) {
        #expect {
            try SemanticVersion.parse(text)
        } throws: { error in
            guard let error = error as? SemanticVersion.ParseError else { return false }
            return error.description.contains(reason) && error.description.contains("expected MAJOR.MINOR")
        }
    }

    @Test("order ignores provider suffixes")
    func ordering() throws {
        #expect(try SemanticVersion.parse("v1.28.9-eks-1") < SemanticVersion.parse("1.29"))
        #expect(try SemanticVersion.parse("v1.28.9-eks-1") == SemanticVersion.parse("1.28.9"))
        #expect(SemanticVersion(2, 9, 9) < SemanticVersion(2, 10, 0))
        #expect(SemanticVersion(1, 28, 9, suffix: "eks-1").description == "1.28.9-eks-1")
    }

    @Test(
        "core, minor series and description read as the numbers in decimal, any size or sign",
        arguments: [(0, 0, 0), (1, 29, 0), (2, 16, 1), (10, 100, 1000), (-1, 2, -30), (Int.max, Int.min, 9)])
    func texts(major: Int, minor: Int, patch: Int) {
        let version = SemanticVersion(major, minor, patch)
        #expect(version.core == "\(major).\(minor).\(patch)")
        #expect(version.minorSeries == "\(major).\(minor)")
        #expect(version.description == version.core)
        #expect(SemanticVersion(major, minor, patch, suffix: "rc.1").description == "\(major).\(minor).\(patch)-rc.1")
    }
}
