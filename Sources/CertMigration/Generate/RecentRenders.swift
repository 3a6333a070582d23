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

    /// A render kept with its inputs, boxed: a lookup then walks references, where walking the pairs themselves
    /// copied each key it passed (a GitOps key holds a dozen references, each retained and released).
    private final class Kept: Sendable {
        let key: Key
        let value: Value

        init(key: Key, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The renders kept, and the slot the next one takes once all are used.
    private let recent = Locked<(entries: [Kept], next: Int)>(([], 0))

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
        let kept = recent.withLock { recent in
            recent.entries.withUnsafeBufferPointer { entries -> Value? in
                for index in entries.indices where same(entries[index].key, key) { return entries[index].value }
                return nil
            }
        }
        if let kept { return kept }
        let value = try render()
        recent.withLock { recent in
            if recent.entries.count < capacity {
                recent.entries.append(Kept(key: key, value: value))
            } else {
                recent.entries[recent.next] = Kept(key: key, value: value)
                recent.next = (recent.next + 1) % capacity
            }
        }
        return value
    }
}
