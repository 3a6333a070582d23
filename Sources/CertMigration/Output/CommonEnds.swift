extension Array where Element: Equatable {
    /// How many elements this array and `other` share at the start, then at the end (never overlapping the start):
    /// the unchanged lines around an edit.
    func commonEnds(with other: [Element]) -> (prefix: Int, suffix: Int) {
        var prefix = 0
        while prefix < count, prefix < other.count, self[prefix] == other[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < count - prefix, suffix < other.count - prefix,
            self[count - 1 - suffix] == other[other.count - 1 - suffix]
        {
            suffix += 1
        }
        return (prefix, suffix)
    }
}
