import CLinuxEvents
import Foundation
import Glibc
import StatusdSync

/// One thread waiting in epoll for the sockets of the connections it was given, reading, parsing
/// and writing for them itself: a readable socket is read by the thread that learnt of it, with no
/// hop through a queue and no wake-up of another thread. Sockets are registered once, edge-triggered
/// for both directions, and never re-armed, so a request costs no `epoll_ctl`.
///
/// A registration holds a retained reference to its connection. Releasing it is left to the loop
/// thread after the batch of events in hand, which may still name the connection.
final class EventLoop: @unchecked Sendable {  // `epollFD`/`wakeFD` are immutable; `pendingReleases` is `Locked`
    private let epollFD: Int32
    /// An eventfd in the epoll set: written to wake the loop for releases and for stopping.
    private let wakeFD: Int32
    private let pendingReleases = Locked<(releases: [Unmanaged<HTTPConnection>], stopping: Bool)>(([], false))
    private static let batchSize = 256

    /// Creates the epoll set and starts the thread.
    init(name: String) {
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(epollFD >= 0 && wakeFD >= 0, "epoll_create1/eventfd failed: errno \(errno)")
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(ptr: nil))
        precondition(epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) == 0, "epoll_ctl(eventfd) failed")
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Adds a connection's socket; its events go to `handleEvents` on this loop's thread from now on.
    func register(_ connection: HTTPConnection) -> Bool {
        let reference = Unmanaged.passRetained(connection)
        let interest = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
        var event = epoll_event(events: interest, data: epoll_data_t(ptr: reference.toOpaque()))
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, connection.fd, &event) == 0 else {
            reference.release()
            return false
        }
        return true
    }

    /// Removes a registered connection's socket (before it is closed). Safe from any thread.
    func unregister(_ connection: HTTPConnection) {
        var unused = epoll_event()
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, connection.fd, &unused)
        pendingReleases.withLock { $0.releases.append(Unmanaged.passUnretained(connection)) }
        wake()
    }

    /// Ends the thread once it has released what it held; call when no connection is registered.
    func stop() {
        pendingReleases.withLock { $0.stopping = true }
        wake()
    }

    private func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(wakeFD, $0.baseAddress, $0.count) }
    }

    private func run() {
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Self.batchSize)
        defer {
            events.deallocate()
            close(wakeFD)
            close(epollFD)
        }
        while true {
            let count = epoll_wait(epollFD, events, Int32(Self.batchSize), -1)
            if count < 0 {
                if errno == EINTR { continue }
                preconditionFailure("epoll_wait failed: errno \(errno)")
            }
            // Two passes: take every socket's bytes, then answer; see `HTTPConnection.takeEvents`.
            for index in 0..<Int(count) {
                let event = events[index]
                if let pointer = event.data.ptr {
                    Unmanaged<HTTPConnection>.fromOpaque(pointer).takeUnretainedValue().takeEvents(event.events)
                } else {
                    var counter: UInt64 = 0
                    _ = withUnsafeMutableBytes(of: &counter) { read(wakeFD, $0.baseAddress, $0.count) }
                }
            }
            for index in 0..<Int(count) {
                if let pointer = events[index].data.ptr {
                    Unmanaged<HTTPConnection>.fromOpaque(pointer).takeUnretainedValue().handleTakenEvents()
                }
            }
            // No event from the batch just handled can name these any more.
            let (releases, stopping) = pendingReleases.withLock { state in
                defer { state.releases.removeAll(keepingCapacity: true) }
                return (state.releases, state.stopping)
            }
            for reference in releases { reference.release() }
            if stopping { return }
        }
    }
}
