import CertMigration
import Foundation
import Testing

@testable import keda_cert_migrate

/// `fleet`'s worker pool: results come back in item order, on the calling thread, whatever the jobs and timing.
@Suite("OrderedParallelMap: every result once, in order, on the calling thread")
struct OrderedParallelMapTests {
    @Test(
        "items of uneven length, on 1 to 8 threads, including more threads than items and no items",
        arguments: [(0, 4), (1, 4), (3, 8), (50, 1), (50, 2), (200, 3), (200, 8)])
    func order(count: Int, jobs: Int) {
        let caller = Thread.current
        var delivered: [Int] = []
        var outputs: [Int] = []
        var onCaller = true
        OrderedParallelMap(count: count, jobs: jobs) { index in
            // Uneven work: every seventh item sleeps, so later items finish before it.
            if index % 7 == 3 { usleep(2_000) }
            return index * index
        }.run { index, output in
            delivered.append(index)
            outputs.append(output)
            onCaller = onCaller && Thread.current == caller
        }
        #expect(delivered == Array(0..<count))
        #expect(outputs == (0..<count).map { $0 * $0 })
        #expect(onCaller)
    }

    @Test("a slow first item holds the others back to the window: at most 4 items a job start before it ends")
    func window() {
        let started = Locked<[Int]>([])
        let startedWhileFirstRan = Locked(0)
        var delivered = 0
        OrderedParallelMap(count: 100, jobs: 2) { index in
            started.withLock { $0.append(index) }
            if index == 0 {
                usleep(50_000)
                // Nothing is handed back before item 0, so the window (4 x 2 jobs) bounds what started meanwhile.
                startedWhileFirstRan.withLock { $0 = started.withLock { $0.count } }
            }
            return index
        }.run { (_: Int, _: Int) in delivered += 1 }
        #expect(delivered == 100)
        #expect((1...8).contains(startedWhileFirstRan.withLock { $0 }))
    }
}
