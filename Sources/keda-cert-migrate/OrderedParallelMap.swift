import Foundation

/// Runs numbered work items on several threads and hands the results back in number order, on the calling thread.
///
/// At most `window` results wait to be handed back: a worker that runs ahead of a slow item waits, so memory stays
/// bounded however many items there are. With one job everything runs on the calling thread.
final class OrderedParallelMap<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var nextToStart = 0
    private var nextToDeliver = 0
    private var finished: [Int: Output] = [:]
    private let count: Int
    private let jobs: Int
    private let window: Int
    private let work: @Sendable (Int) -> Output

    /// Prepares `count` items (`0..<count`) to run `work` on `jobs` threads.
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
        for _ in 0..<jobs {
            let thread = Thread { [self] in workLoop() }
            thread.stackSize = 8 << 20  // like the main thread's: the parser recurses into nested values
            thread.start()
        }
        for index in 0..<count {
            condition.lock()
            while finished[index] == nil { condition.wait() }
            let output = finished.removeValue(forKey: index)!
            nextToDeliver = index + 1
            condition.broadcast()
            condition.unlock()
            deliver(index, output)
        }
    }

    private func workLoop() {
        while true {
            condition.lock()
            while nextToStart < count, nextToStart >= nextToDeliver + window { condition.wait() }
            guard nextToStart < count else {
                condition.unlock()
                return
            }
            let index = nextToStart
            nextToStart += 1
            condition.unlock()
            let output = work(index)
            condition.lock()
            finished[index] = output
            condition.broadcast()
            condition.unlock()
        }
    }
}
