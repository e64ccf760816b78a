import Foundation
import Glibc
import Synchronization

/// Threads that run handlers, so that slow handlers never occupy the I/O queues and the number of
/// threads blocked in handlers stays bounded. Threads start when a job finds none free, up to the
/// bound, so an idle server holds only the threads its traffic has needed.
///
/// A plain pthread mutex and condition variable: under heavy submission from I/O threads they
/// proved several times cheaper than `Synchronization.Mutex` (a priority-inheritance futex) plus
/// a semaphore.
final class HandlerPool: @unchecked Sendable {  // `jobs`, `head`, `idle`, `started`, `stopping` only under `mutex`
    typealias Job = @Sendable () -> Void

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var jobs: [Job] = []
    private var head = 0
    private var idle = 0
    /// Threads started so far, never more than `maxThreads`.
    private var started = 0
    private let maxThreads: Int
    private let name: String
    private var stopping = false
    /// Jobs waiting (mirrors `jobs.count - head` for lock-free peeking by spinning workers).
    private let pending = Atomic<Int>(0)
    /// Workers briefly spinning for a next job; a submit with a spinner present needs no wake-up.
    private let spinners = Atomic<Int>(0)
    private static let spinIterations = 500
    /// More spinners than cores would only steal time from the I/O threads.
    private static let maxSpinnersWhenSpinning = 2
    /// 0 for a pool whose jobs come further apart than a spin lasts.
    private let maxSpinners: Int

    /// `spinning`: idle workers spin briefly before sleeping, for pools of short, frequent jobs.
    init(threads: Int, name: String = "statusd.http.handler", spinning: Bool = true) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        maxThreads = max(1, threads)
        maxSpinners = spinning ? Self.maxSpinnersWhenSpinning : 0
        self.name = name
    }

    /// Threads started so far.
    var threadCount: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return started
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
        let waiting = jobs.count - head - spinners.load(ordering: .relaxed)
        let wake = idle > 0 && waiting > 0
        // No sleeper to wake for it: start another thread while under the bound.
        let grow = waiting > idle && started < maxThreads && !stopping
        if grow { started += 1 }
        let index = started
        pthread_mutex_unlock(mutex)
        if wake { pthread_cond_signal(condition) }
        if grow { startThread(index) }
    }

    private func startThread(_ index: Int) {
        let thread = Thread { [self] in
            pthread_mutex_lock(mutex)
            runWorker()
        }
        thread.name = "\(name).\(index)"
        thread.start()
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
        guard spinners.load(ordering: .relaxed) < maxSpinners else { return false }
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

    /// Takes and runs jobs until the pool stops. Called with the mutex held; returns with it released.
    private func runWorker() {
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
