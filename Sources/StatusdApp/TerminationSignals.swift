#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Write end of the self-pipe the SIGINT/SIGTERM handler writes to (async-signal-safe: one write(2)).
private nonisolated(unsafe) var terminationPipeWriteEnd: Int32 = -1

/// SIGINT and SIGTERM, caught from the moment this is created: a signal that arrives before `wait()`
/// is kept, not lost. (A Dispatch signal source registers asynchronously after `SIG_IGN`, so a SIGTERM
/// sent right after the "listening" line could vanish and `docker stop` would hang until SIGKILL.)
final class TerminationSignals {
    private let readEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        precondition(pipe(&ends) == 0, "pipe(2) failed: \(errno)")
        readEnd = ends[0]
        terminationPipeWriteEnd = ends[1]
        let handler: @convention(c) (Int32) -> Void = { _ in
            var byte: UInt8 = 1
            _ = write(terminationPipeWriteEnd, &byte, 1)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may have spawned us with these blocked (the mask is inherited): a blocked signal's
        // handler never runs, so unblock them on this thread, which is always there to take them.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Blocks the calling thread until SIGINT or SIGTERM has arrived (at any time since `init`).
    func wait() {
        var byte: UInt8 = 0
        while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
    }
}
