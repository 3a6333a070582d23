import Foundation

/// The shortest edit script between two sequences of lines, found with Myers' O(ND) algorithm in linear space.
///
/// Lines are compared as exact bytes (the line break included), so `a\r\n` differs from `a\n` and a last line
/// without a break differs from the same text with one. The script lists every line of both inputs in order:
/// equal lines once (with both indexes), deleted old lines and inserted new lines. Where several shortest scripts
/// exist, deletions come before insertions at each place, as `diff` and `git diff` print them.
///
/// Time is O((N+M)·D) for N and M lines and D differing lines; memory is O(N+M). Past about 2,000 differing lines
/// the search gives up minimality to stay fast (`MyersSearch.costLimit`); the script is still correct.
public struct LineDiff: Sendable, Hashable {
    /// One step of the script.
    public enum Operation: Sendable, Hashable {
        /// The old line at the first index equals the new line at the second.
        case equal(old: Int, new: Int)
        /// The old line at this index is removed.
        case delete(old: Int)
        /// The new line at this index is added.
        case insert(new: Int)
    }

    /// The steps, in order.
    public let operations: [Operation]

    /// Diffs two lists of lines (each line's exact bytes).
    public init(old: [ArraySlice<UInt8>], new: [ArraySlice<UInt8>]) {
        // The common first and last lines are equal in every shortest script (the search strips them too); strip
        // them here by comparing bytes, so only the changed middle is numbered (hashing every line of a large file
        // for a one-line edit cost more than the rest of the diff).
        let (prefix, suffix) = old.commonEnds(with: new)
        // Compare small integers, not byte slices: equal lines get the same number.
        let (oldNumbers, newNumbers) = Self.numbered(
            old[prefix..<(old.count - suffix)], new[prefix..<(new.count - suffix)])
        var search = MyersSearch(old: oldNumbers, new: newNumbers)
        search.compare(oldRange: 0..<oldNumbers.count, newRange: 0..<newNumbers.count)
        var steps: [Operation] = []
        steps.reserveCapacity(old.count + new.count)
        for index in 0..<prefix { steps.append(.equal(old: index, new: index)) }
        for step in search.operations {
            switch step {
            case .equal(let o, let n): steps.append(.equal(old: o + prefix, new: n + prefix))
            case .delete(let o): steps.append(.delete(old: o + prefix))
            case .insert(let n): steps.append(.insert(new: n + prefix))
            }
        }
        for index in (old.count - suffix)..<old.count {
            steps.append(.equal(old: index, new: index - old.count + new.count))
        }
        operations = Self.deletionsFirst(steps)
    }

    /// The lines as numbers, equal lines getting the same one (in the order they first appear). A few lines are
    /// looked up among the distinct ones seen so far, byte by byte (cheaper than hashing each); more, in a
    /// dictionary.
    static func numbered(_ old: ArraySlice<ArraySlice<UInt8>>, _ new: ArraySlice<ArraySlice<UInt8>>)
        -> (old: [Int], new: [Int])
    {
        if old.count + new.count <= smallWindow {
            var distinct: [ArraySlice<UInt8>] = []
            distinct.reserveCapacity(old.count + new.count)
            func number(_ line: ArraySlice<UInt8>) -> Int {
                if let index = distinct.firstIndex(of: line) { return index }
                distinct.append(line)
                return distinct.count - 1
            }
            return (old.map(number), new.map(number))
        }
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        numbers.reserveCapacity(old.count + new.count)  // grown from empty, it was rehashed at every doubling
        func number(_ line: ArraySlice<UInt8>) -> Int {
            if let number = numbers[line] { return number }
            numbers[line] = numbers.count
            return numbers.count - 1
        }
        return (old.map(number), new.map(number))
    }

    /// The most lines (old and new together) numbered without a dictionary.
    static let smallWindow = 32

    /// Each run of changes between two equal lines, reordered as its deletions, then its insertions.
    private static func deletionsFirst(_ operations: [Operation]) -> [Operation] {
        var ordered: [Operation] = []
        ordered.reserveCapacity(operations.count)
        var insertions: [Operation] = []
        for operation in operations {
            switch operation {
            case .equal:
                ordered += insertions
                insertions.removeAll(keepingCapacity: true)
                ordered.append(operation)
            case .delete: ordered.append(operation)
            case .insert: insertions.append(operation)
            }
        }
        ordered += insertions  // within the capacity reserved: `ordered + insertions` copied the script again
        return ordered
    }

    /// Splits bytes into lines, each keeping its `\n` (and any `\r` before it); the last line may lack a break.
    public static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        lines(of: bytes[...])
    }

    /// ``lines(of:)`` of part of an array, cut as slices of that array: a diff's window is split where it lies,
    /// without being copied out first.
    static func lines(of bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        // The line ends found with memchr (a byte-by-byte loop cost about 12 instructions a byte, twice for every
        // patched file's diff), counted first so that the lines are stored at once.
        bytes.withUnsafeBufferPointer { buffer in
            var lines: [ArraySlice<UInt8>] = []
            lines.reserveCapacity(DiffWindow.lineFeeds(in: buffer) + 1)
            let offset = bytes.startIndex
            var start = 0
            var end = buffer.offsetOfLineFeed(from: 0)
            while end < buffer.count {
                lines.append(bytes[(offset + start)...(offset + end)])
                start = end + 1
                end = buffer.offsetOfLineFeed(from: start)
            }
            if start < buffer.count { lines.append(bytes[(offset + start)...]) }
            return lines
        }
    }
}

/// Myers' divide-and-conquer search: strip the common ends, find a point on a shortest path where the forward
/// and backward searches meet, and solve both halves.
private struct MyersSearch {
    let old: [Int]
    let new: [Int]
    var operations: [LineDiff.Operation] = []

    init(old: [Int], new: [Int]) {
        self.old = old
        self.new = new
        operations.reserveCapacity(old.count + new.count)
    }

    mutating func compare(oldRange: Range<Int>, newRange: Range<Int>) {
        var oldLow = oldRange.lowerBound
        var newLow = newRange.lowerBound
        var oldHigh = oldRange.upperBound
        var newHigh = newRange.upperBound
        while oldLow < oldHigh, newLow < newHigh, old[oldLow] == new[newLow] {
            operations.append(.equal(old: oldLow, new: newLow))
            oldLow += 1
            newLow += 1
        }
        var commonSuffix = 0
        while oldLow < oldHigh, newLow < newHigh, old[oldHigh - 1] == new[newHigh - 1] {
            oldHigh -= 1
            newHigh -= 1
            commonSuffix += 1
        }
        if oldLow == oldHigh {
            for index in newLow..<newHigh { operations.append(.insert(new: index)) }
        } else if newLow == newHigh {
            for index in oldLow..<oldHigh { operations.append(.delete(old: index)) }
        } else {
            let (oldSplit, newSplit) = meetingPoint(oldLow: oldLow, oldHigh: oldHigh, newLow: newLow, newHigh: newHigh)
            compare(oldRange: oldLow..<oldSplit, newRange: newLow..<newSplit)
            compare(oldRange: oldSplit..<oldHigh, newRange: newSplit..<newHigh)
        }
        for offset in 0..<commonSuffix {
            operations.append(.equal(old: oldHigh + offset, new: newHigh + offset))
        }
    }

    /// A point on a shortest edit path between the two ranges, strictly inside it (both ranges are non-empty and
    /// differ at both ends, so the distance is at least 2 and each half is shorter than the whole).
    ///
    /// `forward[k]` is the furthest old index reached on diagonal `k = x - y` from the start; `backward[c]` the
    /// furthest distance from the end reached on diagonal `c = (n - x) - (m - y)`. Diagonal `k` forward is
    /// diagonal `delta - k` backward.
    private func meetingPoint(oldLow: Int, oldHigh: Int, newLow: Int, newHigh: Int) -> (Int, Int) {
        let n = oldHigh - oldLow
        let m = newHigh - newLow
        let delta = n - m
        let deltaIsOdd = delta & 1 != 0
        let maximum = (n + m + 1) / 2
        let offset = maximum + 1
        var forward = [Int](repeating: 0, count: 2 * offset + 1)
        var backward = [Int](repeating: 0, count: 2 * offset + 1)
        for d in 0...maximum {
            for k in stride(from: -d, through: d, by: 2) {
                var x =
                    (k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1]))
                    ? forward[offset + k + 1] : forward[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, old[oldLow + x] == new[newLow + y] {
                    x += 1
                    y += 1
                }
                forward[offset + k] = x
                let c = delta - k
                if deltaIsOdd, c >= -(d - 1), c <= d - 1, x + backward[offset + c] >= n {
                    return (oldLow + x, newLow + y)
                }
            }
            if d >= Self.costLimit, let point = furthestForward(forward, offset: offset, d: d, n: n, m: m) {
                return (oldLow + point.0, newLow + point.1)
            }
            for c in stride(from: -d, through: d, by: 2) {
                var x =
                    (c == -d || (c != d && backward[offset + c - 1] < backward[offset + c + 1]))
                    ? backward[offset + c + 1] : backward[offset + c - 1] + 1
                var y = x - c
                while x < n, y < m, old[oldHigh - 1 - x] == new[newHigh - 1 - y] {
                    x += 1
                    y += 1
                }
                backward[offset + c] = x
                let k = delta - c
                if !deltaIsOdd, k >= -d, k <= d, forward[offset + k] + x >= n {
                    return (oldHigh - x, newHigh - y)
                }
            }
        }
        // Unreachable: the searches always meet by d = ceil((n + m) / 2).
        return (oldLow, newLow + m)
    }

    /// Past this many steps each way (inputs that differ on more than about 2,000 lines) the search stops looking
    /// for the shortest script and splits at the furthest point it has reached, as GNU diff does when a diff is
    /// "too expensive": the script stays correct, may be a little longer, and the time stays near-linear.
    static let costLimit = 1024

    /// The forward point that got furthest (largest x + y), strictly between the start and the end.
    private func furthestForward(_ forward: [Int], offset: Int, d: Int, n: Int, m: Int) -> (Int, Int)? {
        var best: (Int, Int)?
        for k in stride(from: -d, through: d, by: 2) {
            let x = forward[offset + k]
            let y = x - k
            guard (0...n).contains(x), (0...m).contains(y), x + y > 0, x + y < n + m else { continue }
            if best == nil || x + y > best!.0 + best!.1 { best = (x, y) }
        }
        return best
    }
}
