import Dispatch
import Glibc

extension HTTPConnection {
    /// Reads what the socket has (until it would block, or the buffer is full), then parses.
    func onReadable() {
        dispatchPrecondition(condition: .onQueue(queue))
        if let tls { return onReadableTLS(tls) }
        switch phase {
        case .lingering: return discardLingeringInput()
        case .reading: break
        case .handling, .writing, .closed: return pauseReading()
        }
        var reachedEnd = false
        readLoop: while true {
            let space = buffer.writableSpace()
            if space.isEmpty { break }
            let count = read(fd, space.baseAddress, space.count)
            if count > 0 {
                buffer.commit(count)
                if count < space.count { break }
            } else if count == 0 {
                reachedEnd = true
                break
            } else {
                switch errno {
                case EINTR: continue readLoop
                case EAGAIN, EWOULDBLOCK: break readLoop
                default: return close()  // ECONNRESET and friends
                }
            }
        }
        if reachedEnd {
            peerClosed = true
            pauseReading()
        }
        processBuffered()
        if phase == .reading && peerClosed { close() }
    }

    /// Parses buffered bytes: at most one request is dispatched; pipelined ones wait in the buffer.
    func processBuffered() {
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
                return dispatch(message)
            case .failed(let error, let head):
                return refuse(error, head: head)
            }
        }
    }

    /// Hands a complete request to the handler pool; the answer comes back on the queue.
    private func dispatch(_ message: RequestParser.Message) {
        phase = .handling
        deadline.store(0, ordering: .relaxed)
        // Reading is paused lazily (`onReadable` while handling): suspending the source costs
        // system calls, and a client waiting for its answer sends nothing meanwhile.
        let head = message.head
        let request = head.makeRequest(body: message.body, remoteAddress: remoteAddress)
        let context = self.context
        context.pool(for: head.method).submit { [self] in
            let response = context.table.respond(to: request)
            respond(response, to: head, forceClose: false)
        }
    }

    /// Refuses a request the parser rejected; the connection closes after the answer.
    private func refuse(_ error: HTTPParseError, head: RequestHead?) {
        phase = .handling
        deadline.store(0, ordering: .relaxed)
        pauseReading()
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
                if lingerDiscarded > Self.lingerMaxBytes { return close() }
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                return close()
            }
        }
    }
}
