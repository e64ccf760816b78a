import Glibc
import StatusdSync

extension HTTPConnection {
    /// Reads what the socket has (until it would block, or the buffer is full), then parses.
    func onReadable() {
        if let tls { return onReadableTLS(tls) }
        switch phase {
        case .lingering: return discardLingeringInput()
        case .reading: break
        case .handling, .writing, .closed: return  // `readable` stays set for later
        }
        receive()
        processReceived()
    }

    /// Parses what `receive` buffered; closes if the peer has gone and no request is under way.
    func processReceived() {
        processBuffered()
        if phase == .reading && peerClosed { close() }
    }

    /// Takes what the socket has into the buffer (plain HTTP, while reading), without parsing.
    func receive() {
        var reachedEnd = false
        let before = bytesRead
        readLoop: while true {
            let space = buffer.writableSpace()
            if space.isEmpty { break }
            let count = read(fd, space.baseAddress, space.count)
            if count > 0 {
                buffer.commit(count)
                bytesRead &+= count
                if count < space.count {
                    readable = hangUpPending  // drained: the next arrival is a new edge
                    break
                }
            } else if count == 0 {
                reachedEnd = true
                break
            } else {
                switch errno {
                case EINTR: continue readLoop
                case EAGAIN, EWOULDBLOCK:
                    readable = false
                    break readLoop
                default: return close()  // ECONNRESET and friends
                }
            }
        }
        if reachedEnd {
            peerClosed = true
            readable = false
        }
        if bytesRead != before { lastReadAt = MonotonicClock.now() }
    }

    /// Parses buffered bytes. A request given a quick answer is followed by the next; one handed to
    /// a pool stops parsing, and pipelined ones wait in the buffer until its answer is written.
    func processBuffered() {
        // A request answered at once (a quick answer) returns here to `.reading`: the loop goes on
        // with the next pipelined one instead of recursing from the write's completion.
        let outer = !processing
        processing = true
        defer { if outer { processing = false } }
        while phase == .reading {
            if waitingForFirstByte && !buffer.isEmpty {
                waitingForFirstByte = false
                setDeadline(after: context.configuration.headerReadTimeout)
            }
            let (consumed, event) = buffer.withReadable { parser.parse($0) }
            buffer.consume(consumed)
            switch event {
            case .needMoreData:
                return
            case .headComplete(let head):
                setDeadline(after: context.configuration.bodyReadTimeout)
                // RFC 9110 §10.1.1: ask for the body only if it has not started to arrive.
                if head.expectsContinue && buffer.isEmpty {
                    enqueue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
            case .message(let message):
                dispatch(message)
            case .failed(let error, let head):
                return refuse(error, head: head)
            }
        }
    }

    /// Answers a complete request at once when its route has a quick answer; else hands it to a
    /// handler pool, whose thread also writes the answer.
    private func dispatch(_ message: RequestParser.Message) {
        phase = .handling
        deadline.store(0, ordering: .relaxed)
        // Pipelined bytes stay in the socket (or the buffer) until the answer is written.
        let head = message.head
        let request = head.makeRequest(body: message.body, remoteAddress: remoteAddress, receivedAt: lastReadAt)
        let context = self.context
        // Matched once: the handler thread runs what the quick answer did not answer.
        let routed = context.table.route(request)
        if context.table.hasQuickAnswers, let answer = context.table.respondQuickly(routed) {
            if answer.writeDelayMilliseconds > 0 { return respond(answer, to: head, forceClose: false) }
            if answer.dropsConnection { return close() }
            return send(serialize(answer, to: head, forceClose: false))
        }
        context.pool(for: head.method).submit { [self] in
            let response = context.table.respond(routed)
            respond(response, to: head, forceClose: false)
        }
    }

    /// Refuses a request the parser rejected; the connection closes after the answer.
    private func refuse(_ error: HTTPParseError, head: RequestHead?) {
        phase = .handling
        deadline.store(0, ordering: .relaxed)
        if error == .payloadTooLarge, let head {
            // The path is known: the group's renderer answers, on the pool like any handler.
            let request = head.makeRequest(body: [], remoteAddress: remoteAddress)
            let context = self.context
            context.pool(for: head.method).submit { [self] in
                let response = context.table.respond(to: request, failure: .payloadTooLarge)
                respond(response, to: head, forceClose: true)
            }
        } else {
            writeServerError(error.status, error.message)
        }
    }

    /// Reads and drops input after our side is shut down, so that closing does not reset the
    /// connection before the client has read our last response (RFC 9112 §9.6).
    func discardLingeringInput() {
        var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while true {
            let count = withUnsafeMutableBytes(of: &scratch) { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                lingerDiscarded += count
                bytesRead &+= count
                if lingerDiscarded > Self.lingerMaxBytes { return close() }
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                readable = false
                return
            } else {
                return close()
            }
        }
    }
}
