import Foundation

extension Array where Element: Equatable {
    /// How many elements this array and `other` share at the start, then at the end (never overlapping the start):
    /// the unchanged lines around an edit.
    func commonEnds(with other: [Element]) -> (prefix: Int, suffix: Int) {
        commonEnds(with: other, by: ==)
    }

    /// ``commonEnds(with:)`` with the elements compared by `same`.
    func commonEnds(with other: [Element], by same: (Element, Element) -> Bool) -> (prefix: Int, suffix: Int) {
        var prefix = 0
        while prefix < count, prefix < other.count, same(self[prefix], other[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < count - prefix, suffix < other.count - prefix,
            same(self[count - 1 - suffix], other[other.count - 1 - suffix])
        {
            suffix += 1
        }
        return (prefix, suffix)
    }
}

extension Array where Element == ArraySlice<UInt8> {
    /// ``commonEnds(with:)`` for lines of bytes, each pair compared with `memcmp` (the generic comparison went
    /// byte by byte over every unchanged line of a values file).
    func commonEnds(with other: [Element]) -> (prefix: Int, suffix: Int) {
        commonEnds(with: other) { left, right in
            left.count == right.count
                && left.withUnsafeBytes { l in
                    right.withUnsafeBytes { r in l.count == 0 || memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0 }
                }
        }
    }
}
