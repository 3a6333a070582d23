import Testing

@testable import CertMigration

/// The shared first and last elements of two lists, which the line diff and the embedded-values editor skip.
@Suite struct CommonEndsTests {
    @Test(arguments: [
        (["a", "b", "c"], ["a", "x", "c"], 1, 1),
        (["a", "b"], ["a", "b"], 2, 0),
        (["a", "a"], ["a"], 1, 0),  // the end does not reuse what the start took
        (["a"], ["a", "a"], 1, 0),
        ([], ["a"], 0, 0),
        (["x", "a", "b"], ["a", "b"], 0, 2),
        (["a", "b", "a"], ["a", "a"], 1, 1),
    ])
    func sharedEnds(old: [String], new: [String], prefix: Int, suffix: Int) {
        let ends = old.commonEnds(with: new)
        #expect(ends.prefix == prefix)
        #expect(ends.suffix == suffix)
    }
}
