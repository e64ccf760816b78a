import Foundation
import Glibc
import Synchronization

/// A fixed number of threads that run handlers, so that slow handlers never occupy the I/O queues
/// and the number of threads blocked in handlers stays bounded.
///
/// A plain pthread mutex and condition variable: under heavy submission from I/O threads they
/// proved several times cheaper than `Synchronization.Mutex` (a priority-inheritance futex) plus
/// a semaphore.
final class HandlerPool: @unchecked Sendable {  // `jobs`, `head`, `idle`, `stopping` only under `mutex`
    typealias Job = @Sendable () -> Void

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var jobs: [Job] = []
    private var head = 0
    private var idle = 0
    private var running: Int
    private var stopping = false
    /// Jobs waiting (mirrors `jobs.count - head` for lock-free peeking by spinning workers).
    private let pending = Atomic<Int>(0)
    /// Workers briefly spinning for a next job; a submit with a spinner present needs no wake-up.
    private let spinners = Atomic<Int>(0)
    private static let spinIterations = 500
    /// More spinners than cores would only steal time from the I/O threads.
    private static let maxSpinners = 2

    init(threads: Int) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        running = max(1, threads)
        for index in 0..<running {
            let thread = Thread { [self] in runWorker() }
            thread.name = "statusd.http.handler.\(index)"
            thread.start()
        }
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func submit(_ job: @escaping Job) {
        pthread_mutex_lock(mutex)
        jobs.append(job)
        pending.add(1, ordering: .relaxed)
        // A spinner absorbs one job: wake a sleeper for every job beyond the spinners.
        let wake = idle > 0 && jobs.count - head > spinners.load(ordering: .relaxed)
        pthread_mutex_unlock(mutex)
        if wake { pthread_cond_signal(condition) }
    }

    /// Lets the workers finish queued jobs, then exit.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_mutex_unlock(mutex)
        pthread_cond_broadcast(condition)
    }

    /// Spins a little, outside the lock, for a job to arrive: under load the next one usually
    /// comes within microseconds, and a futex wake-up costs more than that. Called and returns
    /// with the mutex held; true when a job may be waiting.
    private func spinForJob() -> Bool {
        guard spinners.load(ordering: .relaxed) < Self.maxSpinners else { return false }
        pthread_mutex_unlock(mutex)
        spinners.add(1, ordering: .relaxed)
        var found = false
        for _ in 0..<Self.spinIterations {
            if pending.load(ordering: .relaxed) > 0 {
                found = true
                break
            }
            sched_yield()
        }
        spinners.subtract(1, ordering: .relaxed)
        pthread_mutex_lock(mutex)
        return found || head < jobs.count
    }

    private func runWorker() {
        pthread_mutex_lock(mutex)
        while true {
            if head < jobs.count {
                let job = jobs[head]
                head += 1
                pending.subtract(1, ordering: .relaxed)
                if head == jobs.count {
                    jobs.removeAll(keepingCapacity: jobs.count <= 1024)
                    head = 0
                }
                // More waiting than this worker takes: pass the baton, never leave a job unattended.
                let more = head < jobs.count && idle > 0
                pthread_mutex_unlock(mutex)
                if more { pthread_cond_signal(condition) }
                job()
                pthread_mutex_lock(mutex)
            } else if stopping {
                running -= 1
                pthread_mutex_unlock(mutex)
                return
            } else if spinForJob() {
                continue
            } else {
                idle += 1
                pthread_cond_wait(condition, mutex)
                idle -= 1
            }
        }
    }
}
