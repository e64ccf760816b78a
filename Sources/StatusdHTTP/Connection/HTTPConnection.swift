import Dispatch
import Glibc
import Synchronization

/// One client connection: reads, parses, hands complete requests to the handler pool and writes
/// the answers strictly in order. Non-blocking socket driven by a read and a write source.
final class HTTPConnection: @unchecked Sendable {  // all mutable state is confined to `queue`
    enum Phase {
        /// Waiting for, or reading, a request.
        case reading
        /// A request is with a handler; reading is paused so pipelined requests wait their turn.
        case handling
        case writing
        /// Response sent and our side shut down; discarding input until the peer closes.
        case lingering
        case closed
    }

    let fd: Int32
    let queue: DispatchQueue
    let context: ServerContext
    let remoteAddress: String?
    /// Present on an HTTPS port: bytes pass through it between the socket and the parser/outbox.
    var tls: TLSSession?
    /// Uptime nanoseconds after which the sweeper expires this connection; 0 while a handler runs.
    let deadline = Atomic<UInt64>(0)

    var phase = Phase.reading
    var buffer: ReadBuffer
    var parser: RequestParser
    var readSource: (any DispatchSourceRead)?
    var writeSource: (any DispatchSourceWrite)?
    var readSuspended = false
    var writeSuspended = true
    var openSources = 0
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

    init(fd: Int32, context: ServerContext, tls: TLSSession? = nil) {
        self.fd = fd
        self.context = context
        self.tls = tls
        // Target the non-overcommit global queue: the default (overcommit) target spawns a thread
        // per busy queue, which under load meant over a hundred threads for 64 connections.
        self.queue = DispatchQueue(label: "statusd.http.connection", target: .global())
        self.remoteAddress = SocketAddress.of(fd, peer: true)?.displayString
        let limits = context.limits
        self.buffer = ReadBuffer(
            initialCapacity: 4096,
            maxCapacity: limits.maxHeaderBytes + limits.maxRequestTargetBytes + 128 * 1024)
        self.parser = RequestParser(limits: limits)
    }

    /// Starts reading; the header timeout runs from now for the first request.
    func start() {
        _ = try? Socket.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        deadline.store(ServerContext.deadline(after: context.configuration.headerReadTimeout), ordering: .relaxed)
        queue.async { [self] in
            guard phase != .closed else { return }
            let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            read.setEventHandler { [self] in onReadable() }
            read.setCancelHandler { [self] in sourceCancelled() }
            let write = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
            write.setEventHandler { [self] in flush() }
            write.setCancelHandler { [self] in sourceCancelled() }
            readSource = read
            writeSource = write
            openSources = 2
            read.resume()
        }
    }

    /// Closes now: sources cancelled (the descriptor is closed once both have stopped), unregistered.
    func close() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard phase != .closed else { return }
        phase = .closed
        deadline.store(0, ordering: .relaxed)
        if let tls { sendCloseNotify(tls) }
        if let writeSource {
            if writeSuspended { writeSource.resume() }
            writeSource.cancel()
        }
        if let readSource {
            if readSuspended { readSource.resume() }
            readSource.cancel()
        }
        if openSources == 0 { Glibc.close(fd) }
        context.registry.remove(self)
    }

    private func sourceCancelled() {
        openSources -= 1
        if openSources == 0 {
            Glibc.close(fd)
            readSource = nil
            writeSource = nil
        }
    }

    func setDeadline(after seconds: Double) {
        deadline.store(ServerContext.deadline(after: seconds), ordering: .relaxed)
    }

    func pauseReading() {
        guard !readSuspended, let readSource else { return }
        readSource.suspend()
        readSuspended = true
    }

    func resumeReading() {
        guard readSuspended, let readSource else { return }
        readSource.resume()
        readSuspended = false
    }

    /// Called by the sweeper (any thread): hops to the queue if the deadline has passed.
    func expireIfDue(now: UInt64) {
        let due = deadline.load(ordering: .relaxed)
        guard due != 0, due <= now else { return }
        guard deadline.compareExchange(expected: due, desired: 0, ordering: .relaxed).exchanged else { return }
        queue.async { [self] in deadlineExpired() }
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
        queue.async { [self] in
            if phase == .reading && parser.isBetweenMessages && buffer.isEmpty { close() }
            if phase == .lingering {
                discardLingeringInput()
                close()
            }
        }
    }

    /// End of the grace period: close whatever is still open.
    func forceClose() {
        queue.async { [self] in close() }
    }
}
