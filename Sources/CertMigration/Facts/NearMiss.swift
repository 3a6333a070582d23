/// Suggestions for a misspelt key or value: the closest known word within a small edit distance, or one the text
/// starts (`argo` for `argocd`).
enum NearMiss {
    /// The closest candidate, or nil when none is near enough.
    static func closest(to text: String, in candidates: [String]) -> String? {
        let lowered = text.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, min(2, text.count / 4)) { return best.0 }
        if lowered.count >= 3, let prefix = candidates.first(where: { $0.lowercased().hasPrefix(lowered) }) {
            return prefix
        }
        return nil
    }

    /// The Levenshtein distance between two words.
    static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
