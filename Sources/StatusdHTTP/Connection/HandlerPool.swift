import Dispatch
import Foundation
import Synchronization

/// A fixed number of threads that run handlers, so that slow handlers never occupy the I/O queues
/// and the number of threads blocked in handlers stays bounded.
final class HandlerPool: Sendable {
    private let jobs = Mutex<(queue: [@Sendable () -> Void], head: Int, stopping: Bool)>(([], 0, false))
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    init(threads: Int) {
        threadCount = max(1, threads)
        for index in 0..<threadCount {
            let thread = Thread { [self] in runWorker() }
            thread.name = "statusd.http.handler.\(index)"
            thread.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.queue.append(job) }
        available.signal()
    }

    /// Lets the workers finish queued jobs, then exit.
    func stop() {
        jobs.withLock { $0.stopping = true }
        for _ in 0..<threadCount { available.signal() }
    }

    private func runWorker() {
        while true {
            available.wait()
            let next: (@Sendable () -> Void)? = jobs.withLock { state in
                guard state.head < state.queue.count else { return nil }
                let job = state.queue[state.head]
                state.head += 1
                if state.head == state.queue.count {
                    state.queue.removeAll(keepingCapacity: state.queue.count <= 1024)
                    state.head = 0
                }
                return job
            }
            if let next {
                next()
            } else if jobs.withLock({ $0.stopping }) {
                return
            }
        }
    }
}
