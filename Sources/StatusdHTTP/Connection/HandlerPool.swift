import Foundation
import Glibc

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
        let wake = idle > 0
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

    private func runWorker() {
        pthread_mutex_lock(mutex)
        while true {
            if head < jobs.count {
                let job = jobs[head]
                head += 1
                if head == jobs.count {
                    jobs.removeAll(keepingCapacity: jobs.count <= 1024)
                    head = 0
                }
                pthread_mutex_unlock(mutex)
                job()
                pthread_mutex_lock(mutex)
            } else if stopping {
                running -= 1
                pthread_mutex_unlock(mutex)
                return
            } else {
                idle += 1
                pthread_cond_wait(condition, mutex)
                idle -= 1
            }
        }
    }
}
