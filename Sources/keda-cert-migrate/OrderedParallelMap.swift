import Foundation

/// Runs numbered work items on several threads and hands the results back in number order, on the calling thread.
///
/// The calling thread is one of the `jobs` threads: between items of its own it hands back every result that is
/// ready in order, and it waits only when nothing is ready and no item is left for it to start. (A calling thread
/// that only waited and handed back took a turn on a core for every item: thousands of context switches that cost a
/// sixth more processor time on two cores.) At most `window` results wait to be handed back: a thread that runs
/// ahead of a slow item waits, so memory stays bounded however many items there are. With one job everything runs
/// on the calling thread, in order.
final class OrderedParallelMap<Output: Sendable>: @unchecked Sendable {
    /// Guards every variable below but `count`, `jobs`, `window` and `work`.
    private let condition = NSCondition()
    private var nextToStart = 0
    private var nextToDeliver = 0
    private var finished: [Int: Output] = [:]
    /// Threads waiting on `condition`: a change only wakes them when there are some.
    private var waiting = 0
    private let count: Int
    private let jobs: Int
    private let window: Int
    private let work: @Sendable (Int) -> Output

    /// Prepares `count` items (`0..<count`) to run `work` on `jobs` threads, the calling one included.
    init(count: Int, jobs: Int, work: @escaping @Sendable (Int) -> Output) {
        self.count = count
        self.jobs = max(1, min(jobs, count))
        self.window = 4 * max(1, jobs)
        self.work = work
    }

    /// Runs every item and calls `deliver` with each result in order, as soon as the results before it are in.
    func run(_ deliver: (Int, Output) -> Void) {
        guard jobs > 1 else {
            for index in 0..<count { deliver(index, work(index)) }
            return
        }
        for _ in 1..<jobs {
            let thread = Thread { [self] in workLoop() }
            thread.stackSize = 8 << 20  // like the main thread's: the parser recurses into nested values
            thread.start()
        }
        var ready: [(Int, Output)] = []
        while true {
            condition.lock()
            while let output = finished.removeValue(forKey: nextToDeliver) {
                ready.append((nextToDeliver, output))
                nextToDeliver += 1
            }
            if !ready.isEmpty { wakeWaiting() }  // a thread held back by the window may start again
            let done = nextToDeliver == count
            var mine: Int?
            if ready.isEmpty, !done {
                if let index = takeItem() {
                    mine = index
                } else {
                    wait()
                }
            }
            condition.unlock()
            for (index, output) in ready { deliver(index, output) }
            ready.removeAll(keepingCapacity: true)
            if done { return }
            if let mine { finish(mine, work(mine)) }
        }
    }

    private func workLoop() {
        while true {
            condition.lock()
            var index = takeItem()
            while index == nil, nextToStart < count {
                wait()
                index = takeItem()
            }
            condition.unlock()
            guard let index else { return }
            finish(index, work(index))
        }
    }

    /// The next item to start, taken, unless none is left or the window is full. Call with the lock held.
    private func takeItem() -> Int? {
        guard nextToStart < count, nextToStart < nextToDeliver + window else { return nil }
        defer { nextToStart += 1 }
        return nextToStart
    }

    /// Keeps a result for the calling thread to hand back.
    private func finish(_ index: Int, _ output: Output) {
        condition.lock()
        finished[index] = output
        wakeWaiting()
        condition.unlock()
    }

    /// Waits for a change. Call with the lock held.
    private func wait() {
        waiting += 1
        condition.wait()
        waiting -= 1
    }

    /// Wakes the waiting threads, if any. Call with the lock held.
    private func wakeWaiting() {
        if waiting > 0 { condition.broadcast() }
    }
}
