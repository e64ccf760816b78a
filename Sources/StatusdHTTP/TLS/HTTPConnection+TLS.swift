import Glibc
import StatusdSync

/// The HTTPS path of a connection: ciphertext is read from the socket into the session, the
/// handshake advances, and plaintext is decrypted into the same read buffer the parser uses, so
/// phases, limits, timeouts, keep-alive and pipelining are those of plain HTTP.
extension HTTPConnection {
    /// Ciphertext taken from the socket per readiness event before decrypting and parsing.
    static let tlsReadBudget = 256 * 1024

    func onReadableTLS(_ tls: TLSSession) {
        switch phase {
        case .lingering: return discardLingeringInput()
        case .reading: break
        case .handling, .writing, .closed: return  // `readable` stays set for later
        }
        var received = 0
        var reachedEnd = false
        readLoop: while received < Self.tlsReadBudget {
            // The buffer's free space doubles as scratch: ciphertext is copied into the session
            // before any plaintext is decrypted into it.
            let space = buffer.writableSpace()
            if space.isEmpty { break }
            let count = read(fd, space.baseAddress, space.count)
            if count > 0 {
                if tls.receivedBytes == 0 && Self.startsLikePlainHTTP(space[0]) { return refusePlainHTTP() }
                tls.receive(UnsafeRawBufferPointer(rebasing: space[..<count]))
                received += count
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
                default: return close()
                }
            }
        }
        if reachedEnd {
            peerClosed = true
            readable = false
        }
        if received > 0 { lastReadAt = MonotonicClock.now() }
        processTLSInput(tls)
        if phase == .reading && peerClosed { close() }
    }

    /// Completes the handshake, then decrypts and parses while a request is wanted. Plaintext
    /// left in the session when a request is dispatched is picked up after its response.
    func processTLSInput(_ tls: TLSSession) {
        if !tls.isEstablished {
            switch tls.handshake() {
            case .needsInput:
                return sendHandshakeOutput(tls)
            case .failed:
                return closeAfterSending(tls.takeOutput())  // the alert, if any
            case .established:
                sendHandshakeOutput(tls)  // server Finished, session tickets
            }
        }
        while phase == .reading {
            var bufferFull = false
            decrypting: while true {
                let space = buffer.writableSpace()
                if space.isEmpty {
                    bufferFull = true
                    break
                }
                switch tls.read(into: space) {
                case .bytes(let count): buffer.commit(count)
                case .needsInput: break decrypting
                case .closed:
                    peerClosed = true
                    break decrypting
                case .failed: return close()
                }
            }
            processBuffered()
            if !bufferFull { return }
        }
    }

    private func sendHandshakeOutput(_ tls: TLSSession) {
        let output = tls.takeOutput()
        if !output.isEmpty { enqueueWire(output) }
    }

    /// Sends close_notify before our side closes, when nothing half-sent would garble it.
    func sendCloseNotify(_ tls: TLSSession) {
        guard outboxSent == outbox.count else { return }
        let alert = tls.closeNotify()
        if !alert.isEmpty { alert.withUnsafeBytes { _ = Socket.send(fd, $0) } }
    }

    /// Methods are upper-case tokens; a TLS record starts with a content type (0x16 for a ClientHello).
    private static func startsLikePlainHTTP(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    /// A plain-HTTP request on the HTTPS port: answered 400 in plain text, then closed (as nginx does).
    private func refusePlainHTTP() {
        tls = nil
        phase = .handling
        writeServerError(.badRequest, "plain HTTP request sent to the HTTPS port")
    }

    private func closeAfterSending(_ wire: [UInt8]) {
        phase = .writing
        closeAfterWrite = true
        enqueueWire(wire)
    }
}
