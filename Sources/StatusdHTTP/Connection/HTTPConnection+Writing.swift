import Dispatch
import Glibc
import HTTPTypes

extension HTTPConnection {
    /// Serializes a handler's answer and sends it, both on the pool thread that ran the handler.
    func respond(_ response: HTTPServerResponse, to head: RequestHead, forceClose: Bool) {
        if response.writeDelayMilliseconds > 0 {
            var held = response
            held.writeDelayMilliseconds = 0
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(response.writeDelayMilliseconds)) {
                [self, held] in respond(held, to: head, forceClose: forceClose)
            }
            return
        }
        if response.dropsConnection { return serial.withLock { close() } }
        let answer = serialize(response, to: head, forceClose: forceClose)
        // Written right here: the loop does not touch the connection while its handler runs, so
        // the lock is free and no other thread needs waking for the write.
        serial.withLock {
            send(answer)
            readWhileReadable()
        }
    }

    /// The bytes of `response` to `head`, and whether the connection closes after them.
    func serialize(_ response: HTTPServerResponse, to head: RequestHead, forceClose: Bool) -> (bytes: [UInt8], close: Bool) {
        let close = forceClose || !head.keepAlive || context.shuttingDown.load(ordering: .relaxed)
            || ResponseSerializer.requestsClose(response)
        let options = ResponseSerializer.Options(
            omitBody: head.method == .head, close: close, confirmKeepAlive: head.minorVersion == 0)
        return (ResponseSerializer.serialize(response, options: options, date: context.dateCache), close)
    }

    /// The server's own answer to a refused or timed-out request, always closing.
    func writeServerError(_ status: HTTPResponse.Status, _ message: String) {
        let response = HTTPServerResponse.jsonError(status, message)
        let options = ResponseSerializer.Options(close: true)
        send(ResponseSerializer.serialize(response, options: options, date: context.dateCache), thenClose: true)
    }

    func send(_ answer: (bytes: [UInt8], close: Bool)) {
        send(answer.bytes, thenClose: answer.close)
    }

    private func send(_ bytes: [UInt8], thenClose: Bool) {
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

    /// Writes the outbox; waits for a write edge when the socket is full.
    func flush() {
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
                awaitingWritable = true
                return
            } else {
                return close()  // EPIPE, ECONNRESET: the client is gone
            }
        }
        outbox = []
        outboxSent = 0
        writeDeadlineRunning = false
        awaitingWritable = false
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
        // Inside `processBuffered` (an answer given at once), its loop takes the next request.
        if processing { return }
        if let tls { processTLSInput(tls) } else { processBuffered() }
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
    }
}
