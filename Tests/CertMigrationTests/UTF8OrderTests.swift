import CertMigration
import Testing

@Suite("UTF-8 byte order of names, compared in place")
struct UTF8OrderTests {
    /// The order it must agree with: the names' UTF-8 bytes, copied into arrays.
    static func byArrays(_ left: String, _ right: String) -> Bool {
        Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8))
    }

    @Test("agrees with comparing copied bytes: prefixes, equal names, long and small strings, non-ASCII")
    func agreesWithBytes() {
        let names = [
            "", "a", "b", "ab", "a-b", "a.b", "a_b", "A", "Z", "z", "cluster-0001", "cluster-0010", "cluster-001",
            "a-very-long-cluster-name-past-the-small-string-limit", "a-very-long-cluster-name-past-the-small-string",
            "é", "e\u{301}", "ö", "zz", "\u{7F}", "\u{80}",
        ]
        for left in names {
            for right in names {
                #expect(UTF8Order.precedes(left, right) == Self.byArrays(left, right), "\(left) \(right)")
                #expect((UTF8Order.compare(left, right) == 0) == (Array(left.utf8) == Array(right.utf8)))
                let (l, r) = (left.dropFirst(), right.dropFirst())
                #expect(UTF8Order.precedes(l, r) == Array(l.utf8).lexicographicallyPrecedes(Array(r.utf8)))
            }
        }
    }

    @Test("byte order, not String's: a precomposed é sorts after e with a combining accent, Z before a")
    func notCanonicalOrder() {
        #expect(UTF8Order.precedes("e\u{301}", "\u{E9}"))
        #expect(!UTF8Order.precedes("\u{E9}", "e\u{301}"))
        #expect(UTF8Order.compare("\u{E9}", "e\u{301}") > 0)
        #expect(UTF8Order.precedes("Z", "a"))
        #expect(["b", "a", "ab", "B"].sorted(by: UTF8Order.precedes) == ["B", "a", "ab", "b"])
    }
}
