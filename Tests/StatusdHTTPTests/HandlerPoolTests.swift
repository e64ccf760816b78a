import Dispatch
import Testing
@testable import StatusdHTTP

@Suite("Handler pool")
struct HandlerPoolTests {
    @Test(arguments: [2, 3, 8])
    func runsAJobWhileOtherWorkersAreBlocked(_ blocked: Int) {
        let pool = HandlerPool(threads: blocked + 1)
        defer { pool.stop() }
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        for _ in 0..<blocked {
            pool.submit {
                started.signal()
                release.wait()
            }
        }
        for _ in 0..<blocked { #expect(started.wait(timeout: .now() + 5) == .success) }
        let ran = DispatchSemaphore(value: 0)
        pool.submit { ran.signal() }
        // Submitted in a burst too: every job must find a worker while the others stay blocked.
        #expect(ran.wait(timeout: .now() + 2) == .success)
        for _ in 0..<blocked { release.signal() }
    }

    @Test func runsBurstsOfJobsSubmittedBackToBack() {
        let pool = HandlerPool(threads: 4)
        defer { pool.stop() }
        let done = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        // Three blockers submitted back to back, then a fourth job: none may wait for another.
        for _ in 0..<3 { pool.submit { release.wait(); done.signal() } }
        let fourth = DispatchSemaphore(value: 0)
        pool.submit { fourth.signal() }
        #expect(fourth.wait(timeout: .now() + 2) == .success)
        for _ in 0..<3 { release.signal() }
        for _ in 0..<3 { #expect(done.wait(timeout: .now() + 5) == .success) }
    }

    @Test func startsThreadsOnlyWhenJobsFindNoneFreeAndNeverBeyondTheBound() {
        let pool = HandlerPool(threads: 4)
        defer { pool.stop() }
        #expect(pool.threadCount == 0)
        let ran = DispatchSemaphore(value: 0)
        pool.submit { ran.signal() }
        #expect(ran.wait(timeout: .now() + 2) == .success)
        #expect(pool.threadCount == 1)
        // Four blocked at once need four threads; a fifth waits for one of them.
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        for _ in 0..<5 {
            pool.submit {
                started.signal()
                release.wait()
            }
        }
        for _ in 0..<4 { #expect(started.wait(timeout: .now() + 5) == .success) }
        #expect(started.wait(timeout: .now() + 0.2) == .timedOut)
        #expect(pool.threadCount == 4)
        release.signal()
        #expect(started.wait(timeout: .now() + 5) == .success)
        for _ in 0..<4 { release.signal() }
    }
}
