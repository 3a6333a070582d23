import Foundation

/// A value shared between threads, read and changed only under its lock: the one place in CertMigration that vouches
/// for thread safety by hand (`@unchecked Sendable`), for the caches `fleet`'s workers share.
final class Locked<State>: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    /// Runs `body` on the value with the lock held; keep it short and never lock the same box again inside it.
    func withLock<Result>(_ body: (inout State) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }
}
