/// Outputs rendered lately, each kept with everything it was rendered from, for the clusters that follow: a fleet's
/// clusters often render the same GitOps patch or overlay body from equal inputs, and comparing the inputs costs far
/// less than rendering, emitting and dropping the trees again.
///
/// The key must hold every input the output depends on: a render whose key is the same as a kept one's gives the
/// kept bytes. Only the last ``capacity`` renders are kept (the oldest goes first), so memory stays the same however
/// many clusters run, and a lookup compares at most that many keys. Shared by the copies of one
/// ``MigrationGenerator``, and so by `fleet`'s workers.
///
/// Keys are compared by a function given here rather than through `Equatable`: each protocol conformance in the
/// binary is one more record that the run time's conformance look-ups scan, and a process makes thousands of them
/// (three key types made `fleet --check`, which renders nothing, some 1.2M instructions slower over 200 clusters).
final class RecentRenders<Key: Sendable, Value: Sendable>: Sendable {
    /// How many renders are kept.
    let capacity: Int
    /// True when two keys hold the same inputs.
    private let same: @Sendable (Key, Key) -> Bool

    /// The renders kept, and the slot the next one takes once all are used.
    private let recent = Locked<(entries: [(key: Key, value: Value)], next: Int)>(([], 0))

    /// A store that keeps the last `capacity` renders, telling keys apart with `same`.
    init(capacity: Int, same: @escaping @Sendable (Key, Key) -> Bool) {
        precondition(capacity > 0, "a store of renders keeps at least one")
        self.capacity = capacity
        self.same = same
    }

    /// The output kept for the same inputs as `key`; else `render`'s, kept for the next call (a render that throws
    /// keeps nothing). `render` runs outside the lock: two threads may render the same inputs at once, and both get
    /// the same bytes.
    func value<Failure: Error>(for key: Key, render: () throws(Failure) -> Value) throws(Failure) -> Value {
        if let kept = recent.withLock({ recent in recent.entries.first { same($0.key, key) }?.value }) { return kept }
        let value = try render()
        recent.withLock { recent in
            if recent.entries.count < capacity {
                recent.entries.append((key, value))
            } else {
                recent.entries[recent.next] = (key, value)
                recent.next = (recent.next + 1) % capacity
            }
        }
        return value
    }
}
