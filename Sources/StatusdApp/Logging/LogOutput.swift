import Foundation
import StatusdSync
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where log lines go: standard error, through a buffer that a thread of its own empties, so that a
/// request's log line costs a copy, not a `write(2)` on the thread that answered it (the event loop,
/// for cached answers). Lines are written whole and in order; the buffer is emptied every 50 ms, at
/// 64 KiB, at once for `error` lines and above, and at exit; past 4 MiB queued (a stalled reader) the
/// logging thread writes itself. A `kill -9` or a crash can lose at most the last 50 ms of lines,
/// never a line an `error` was in.
public final class LogOutput: Sendable {
    public static let standardError: LogOutput = {
        let output = LogOutput(descriptor: STDERR_FILENO)
        atexit { LogOutput.standardError.flush() }
        return output
    }()

    private let descriptor: Int32
    private let pending = Locked<[UInt8]>([])
    private let wake = DispatchSemaphore(value: 0)
    static let flushInterval: DispatchTimeInterval = .milliseconds(50)
    static let highWater = 64 << 10
    static let limit = 4 << 20

    init(descriptor: Int32) {
        self.descriptor = descriptor
        let thread = Thread { [self] in
            while true {
                _ = wake.wait(timeout: .now() + Self.flushInterval)
                flush()
            }
        }
        thread.name = "statusd-log"
        thread.start()
    }

    /// Queues one line (with its newline); `urgent` writes it, and what came before, now.
    public func append(_ line: [UInt8], urgent: Bool = false) {
        let queued = pending.withLock { buffer in
            buffer.append(contentsOf: line)
            return buffer.count
        }
        // Past `limit` (standard error stalled: a stuck log reader) the logging thread writes itself
        // and waits, as it would without the buffer, so memory stays bounded.
        if urgent || queued >= Self.limit { flush() } else if queued >= Self.highWater { wake.signal() }
    }

    /// Writes what is queued. Serialised by taking the buffer under the lock and writing it whole
    /// while holding a second lock, so two flushes never interleave their bytes.
    public func flush() {
        writing.withLock { _ in
            let bytes = pending.withLock { buffer -> [UInt8] in
                defer { buffer.removeAll(keepingCapacity: buffer.count <= Self.highWater * 2) }
                return buffer
            }
            guard !bytes.isEmpty else { return }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written < 0 && errno == EAGAIN {
                        // A non-blocking standard error inherited from the parent: wait until it drains.
                        var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&ready, 1, 1000)
                        continue
                    }
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }

    private let writing = Locked<Void>(())
}
