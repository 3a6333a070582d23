import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (not in CI, not when piped), at most ten
/// times a second.
struct ProgressBar {
    /// How many items there are.
    let total: Int
    /// Whether anything is drawn.
    let isShown: Bool
    private var lastDrawn: UInt64 = 0
    private var isOnScreen = false
    private var wasCleared = false

    /// A bar for `total` items; shown when stderr is a terminal, `CI` is unset and `TERM` is not `dumb`.
    init(total: Int, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.total = total
        self.isShown = isatty(STDERR_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    /// Redraws the bar when a tenth of a second has passed since the last time, at the end, or when it was taken
    /// off the screen for other text.
    mutating func update(done: Int, failed: Int) {
        guard isShown else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard done == total || wasCleared || now - lastDrawn >= 100_000_000 else { return }
        wasCleared = false
        lastDrawn = now
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let failures = failed == 0 ? "" : ", \(failed) failed"
        write("\r\u{1B}[K[\(bar)] \(done)/\(total) clusters\(failures)")
        isOnScreen = true
    }

    /// Takes the bar off the screen (before other text is printed on stderr, and at the end).
    mutating func clear() {
        guard isOnScreen else { return }
        write("\r\u{1B}[K")
        isOnScreen = false
        wasCleared = true
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
