import Foundation

/// A value shared between threads, read and changed only under its lock: the one place in the package that vouches
/// for thread safety by hand (`@unchecked Sendable`), for the caches `fleet`'s workers share and the command line's
/// shared state. Package-visible: not part of the library's public face.
package final class Locked<State>: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var state: State

    /// A box holding `state`.
    package init(_ state: State) {
        self.state = state
    }

    /// Runs `body` on the value with the lock held; keep it short and never lock the same box again inside it.
    package func withLock<Result>(_ body: (inout State) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }
}
