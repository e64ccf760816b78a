import Dispatch
import Glibc
import HTTPTypes

extension HTTPConnection {
    /// Serializes a handler's answer (on the pool thread) and sends it from the connection's queue.
    func respond(_ response: HTTPServerResponse, to head: RequestHead, forceClose: Bool) {
        let close = forceClose || !head.keepAlive || context.shuttingDown.load(ordering: .relaxed)
            || ResponseSerializer.requestsClose(response)
        let options = ResponseSerializer.Options(
            omitBody: head.method == .head, close: close, confirmKeepAlive: head.minorVersion == 0)
        let bytes = ResponseSerializer.serialize(response, options: options, date: context.dateCache)
        // `sync` from the pool thread: the connection's queue is idle while its handler runs, so
        // Dispatch runs the write right here instead of waking another thread for it.
        queue.sync { send(bytes, thenClose: close) }
    }

    /// The server's own answer to a refused or timed-out request, always closing.
    func writeServerError(_ status: HTTPResponse.Status, _ message: String) {
        let response = HTTPServerResponse.jsonError(status, message)
        let options = ResponseSerializer.Options(close: true)
        send(ResponseSerializer.serialize(response, options: options, date: context.dateCache), thenClose: true)
    }

    private func send(_ bytes: [UInt8], thenClose: Bool) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard phase != .closed else { return }
        phase = .writing
        closeAfterWrite = thenClose
        enqueue(bytes)
    }

    /// Queues bytes (encrypted first on an HTTPS connection) behind anything unsent and writes as
    /// much as the socket takes.
    func enqueue(_ bytes: [UInt8]) {
        if let tls {
            guard let sealed = tls.seal(bytes) else { return close() }
            return enqueueWire(sealed)
        }
        enqueueWire(bytes)
    }

    /// Queues bytes exactly as they go on the wire.
    func enqueueWire(_ bytes: [UInt8]) {
        if outbox.isEmpty {
            outbox = bytes
            outboxSent = 0
        } else {
            outbox.append(contentsOf: bytes)
        }
        flush()
    }

    /// Writes the outbox; waits on the write source when the socket is full.
    func flush() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard phase != .closed else { return }
        while outboxSent < outbox.count {
            let sent = outbox.withUnsafeBytes { all in
                Socket.send(fd, UnsafeRawBufferPointer(rebasing: all[outboxSent...]))
            }
            if sent > 0 {
                outboxSent += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if !writeDeadlineRunning {
                    writeDeadlineRunning = true
                    setDeadline(after: context.configuration.writeTimeout)
                }
                if writeSuspended, let writeSource {
                    writeSource.resume()
                    writeSuspended = false
                }
                return
            } else {
                return close()  // EPIPE, ECONNRESET: the client is gone
            }
        }
        outbox = []
        outboxSent = 0
        writeDeadlineRunning = false
        if !writeSuspended, let writeSource {
            writeSource.suspend()
            writeSuspended = true
        }
        if phase == .writing { responseWritten() }
    }

    /// After a complete response: close, or go back to reading (pipelined bytes first).
    private func responseWritten() {
        if closeAfterWrite || peerClosed { return shutdownAndLinger() }
        phase = .reading
        buffer.shrinkIfEmpty()
        if buffer.isEmpty {
            waitingForFirstByte = true
            setDeadline(after: context.configuration.idleTimeout)
        } else {
            setDeadline(after: context.configuration.headerReadTimeout)
        }
        if let tls { processTLSInput(tls) } else { processBuffered() }
        if phase == .reading { resumeReading() }
    }

    private func shutdownAndLinger() {
        if peerClosed { return close() }
        if let tls { sendCloseNotify(tls) }
        shutdown(fd, Int32(SHUT_WR))
        phase = .lingering
        // Shutting down: drop what has arrived (so close sends FIN, not RST) and go.
        if context.shuttingDown.load(ordering: .relaxed) {
            discardLingeringInput()
            return close()
        }
        setDeadline(after: Self.lingerTimeout)
        resumeReading()
    }
}
