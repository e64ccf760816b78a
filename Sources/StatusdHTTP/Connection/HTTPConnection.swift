import CLinuxEvents
import Glibc
import StatusdSync
import Synchronization

/// One client connection: reads, parses, hands complete requests to the handler pool and writes
/// the answers strictly in order. A non-blocking socket in its event loop's epoll set, edge-triggered:
/// `readable` and `awaitingWritable` remember what the last edges said.
///
/// All mutable state is touched only under `serial`: by the loop thread for socket events, by a pool
/// thread writing its handler's answer, by the sweeper for deadlines and by shutdown.
final class HTTPConnection: @unchecked Sendable {  // mutable state only under `serial`
    enum Phase {
        /// Waiting for, or reading, a request.
        case reading
        /// A request is with a handler; pipelined requests wait their turn in the socket.
        case handling
        case writing
        /// Response sent and our side shut down; discarding input until the peer closes.
        case lingering
        case closed
    }

    let fd: Int32
    let loop: EventLoop
    let serial = PlainLock()
    let context: ServerContext
    let remoteAddress: String?
    /// Present on an HTTPS port: bytes pass through it between the socket and the parser/outbox.
    var tls: TLSSession?
    /// Uptime nanoseconds after which the sweeper expires this connection; 0 while a handler runs.
    let deadline = Atomic<UInt64>(0)

    var phase = Phase.reading
    var buffer: ReadBuffer
    var parser: RequestParser
    var registered = false
    /// The socket may have bytes we have not read: set by a read edge, cleared when a read finds
    /// it drained.
    var readable = false
    /// The peer shut down its side (or the socket failed): a short read does not mean drained, as
    /// the end of input (or the error) still waits for a read of its own and brings no new edge.
    var hangUpPending = false
    /// `processBuffered` is running (further down the stack).
    var processing = false
    /// When the last bytes were taken from the socket (`MonotonicClock`): every request parsed
    /// since had fully arrived by then.
    var lastReadAt: UInt64 = 0
    /// Bytes taken from the socket so far, to tell a read that made progress.
    var bytesRead = 0
    /// The socket was full: the next write edge flushes the outbox.
    var awaitingWritable = false
    var outbox: [UInt8] = []
    var outboxSent = 0
    var closeAfterWrite = false
    var peerClosed = false
    /// Whether the current message started after an idle wait (its header timer starts at its first byte).
    var waitingForFirstByte = false
    var lingerDiscarded = 0
    /// Whether the write timeout is running for the response being sent (it is not extended by
    /// a client that reads a trickle at a time).
    var writeDeadlineRunning = false

    /// Time allowed to a client to close its side after ours is shut down.
    static let lingerTimeout = 2.0
    static let lingerMaxBytes = 256 * 1024

    init(fd: Int32, context: ServerContext, loop: EventLoop, tls: TLSSession? = nil) {
        self.fd = fd
        self.context = context
        self.loop = loop
        self.tls = tls
        self.remoteAddress = SocketAddress.of(fd, peer: true)?.displayString
        let limits = context.limits
        self.buffer = ReadBuffer(
            initialCapacity: 4096,
            maxCapacity: limits.maxHeaderBytes + limits.maxRequestTargetBytes + 128 * 1024)
        self.parser = RequestParser(limits: limits)
    }

    /// Joins the event loop; the header timeout runs from now for the first request.
    func start() {
        _ = try? Socket.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        deadline.store(ServerContext.deadline(after: context.configuration.headerReadTimeout), ordering: .relaxed)
        serial.withLock {
            guard phase != .closed else { return }
            registered = loop.register(self)
            if !registered { close() }
        }
    }

    /// The loop's first pass over a batch of events: what the edges say, a flush if the socket
    /// drained, and the bytes waiting (plain HTTP), not yet parsed. Every request of the batch has
    /// then arrived before any is answered, so answers that must read the change counters after
    /// their request arrived can share one read (`HTTPServerRequest.receivedAt`).
    func takeEvents(_ events: UInt32) {
        serial.withLock {
            guard phase != .closed else { return }
            note(events)
            if readable && phase == .reading && tls == nil { receive() }
        }
    }

    /// The loop's second pass: parse and answer what the first took, then go on as for any event.
    func handleTakenEvents() {
        serial.withLock {
            guard phase != .closed else { return }
            if phase == .reading && tls == nil { processReceived() }
            readWhileReadable()
        }
    }

    /// What the socket's edges say: bytes (or the end) to read, room to write.
    private func note(_ events: UInt32) {
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            readable = true
        }
        if events & (EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            hangUpPending = true
        }
        if events & (EPOLLOUT.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 && awaitingWritable {
            flush()
        }
    }

    /// Reads and handles input while the socket may have some and the phase wants it. Every entry
    /// point ends here: with edge-triggered events nothing else would bring back bytes that arrived
    /// while a request was being handled.
    func readWhileReadable() {
        while readable && (phase == .reading || phase == .lingering) {
            let before = bytesRead
            onReadable()
            // Nothing read (a full buffer the parser cannot consume yet): wait for the next edge.
            if readable && bytesRead == before { return }
        }
    }

    /// Closes now: out of the loop's set, descriptor closed, unregistered.
    func close() {
        guard phase != .closed else { return }
        phase = .closed
        deadline.store(0, ordering: .relaxed)
        if let tls { sendCloseNotify(tls) }
        if registered {
            registered = false
            loop.unregister(self)
        }
        Glibc.close(fd)
        context.registry.remove(self)
    }

    func setDeadline(after seconds: Double) {
        deadline.store(ServerContext.deadline(after: seconds), ordering: .relaxed)
    }

    /// Called by the sweeper: acts if the deadline has passed.
    func expireIfDue(now: UInt64) {
        let due = deadline.load(ordering: .relaxed)
        guard due != 0, due <= now else { return }
        guard deadline.compareExchange(expected: due, desired: 0, ordering: .relaxed).exchanged else { return }
        serial.withLock {
            deadlineExpired()
            readWhileReadable()
        }
    }

    private func deadlineExpired() {
        // A deadline set after the sweeper fired means the connection made progress meanwhile.
        guard deadline.load(ordering: .relaxed) == 0 else { return }
        switch phase {
        case .reading:
            if parser.isBetweenMessages && buffer.isEmpty && tls == nil {
                // On a loaded machine bytes may be waiting that the read source has not delivered yet:
                // read them first, so a client that did send something gets its 408, not a silent close.
                onReadable()
                guard phase == .reading, deadline.load(ordering: .relaxed) == 0 else { return }
            }
            if parser.isBetweenMessages && buffer.isEmpty {
                close()  // idle keep-alive, or a client that never sent a byte
            } else {
                // RFC 9110 §15.5.9: 408 for a request not completed in time.
                writeServerError(.requestTimeout, "request timeout")
            }
        case .writing, .lingering:
            close()
        case .handling, .closed:
            break
        }
    }

    /// Shutdown: close now if idle, else close after the response in progress.
    func drain() {
        serial.withLock {
            if phase == .reading && parser.isBetweenMessages && buffer.isEmpty { close() }
            if phase == .lingering {
                discardLingeringInput()
                close()
            }
        }
    }

    /// End of the grace period: close whatever is still open.
    func forceClose() {
        serial.withLock { close() }
    }
}
