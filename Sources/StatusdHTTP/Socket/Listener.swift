import Dispatch
import Glibc

/// Accepts connections on a listening socket from a read source and hands them to `HTTPConnection`s;
/// beyond the connection limit, answers 503 and closes.
final class Listener: @unchecked Sendable {  // `source` and `backoff` are confined to `queue`
    private let socket: ListeningSocket
    private let context: ServerContext
    private let queue = DispatchQueue(label: "statusd.http.accept")
    private var source: (any DispatchSourceRead)?
    private var backingOff = false

    /// Accepts per readiness event before letting other work run.
    private static let acceptBurst = 256
    private static let overLimit = refusal("too many connections")
    private static let shuttingDown = refusal("shutting down")

    /// A complete 503 that closes: the request was never read, so nothing it asked for happened.
    private static func refusal(_ reason: String) -> [UInt8] {
        let body = "{\"error\":\"\(reason)\"}\n"
        return Array(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body).utf8)
    }

    var port: Int { socket.port }

    init(socket: ListeningSocket, context: ServerContext) {
        self.socket = socket
        self.context = context
    }

    func start() {
        queue.sync {
            let source = DispatchSource.makeReadSource(fileDescriptor: socket.fd, queue: queue)
            source.setEventHandler { [self] in acceptPending() }
            source.setCancelHandler { [fd = socket.fd] in close(fd) }
            self.source = source
            source.resume()
        }
    }

    /// Stops accepting and closes the listening socket.
    func stop() {
        queue.sync {
            if backingOff { source?.resume() }
            backingOff = false
            source?.cancel()
            source = nil
        }
    }

    private func acceptPending() {
        for _ in 0..<Self.acceptBurst {
            switch socket.acceptOne() {
            case .connection(let fd):
                admit(fd)
            case .wouldBlock:
                return
            case .failed(let error):
                if error.code == EMFILE || error.code == ENFILE || error.code == ENOBUFS || error.code == ENOMEM {
                    return backOff()
                }
            }
        }
    }

    private func admit(_ fd: Int32) {
        let refusal: [UInt8]? =
            if context.shuttingDown.load(ordering: .relaxed) { Self.shuttingDown }
            else if context.registry.count >= context.configuration.maxConnections { Self.overLimit }
            else { nil }
        if let refusal {
            refusal.withUnsafeBytes { _ = Socket.send(fd, $0) }
            shutdown(fd, Int32(SHUT_WR))
            close(fd)
            return
        }
        var session: TLSSession?
        if let tls = context.tls {
            session = tls.makeSession()
            if session == nil {  // out of memory: drop this one
                close(fd)
                return
            }
        }
        let connection = HTTPConnection(fd: fd, context: context, loop: context.nextLoop(), tls: session)
        context.registry.add(connection)
        connection.start()
    }

    /// Out of descriptors: a level-triggered source would spin, so pause accepting briefly.
    private func backOff() {
        guard let source, !backingOff else { return }
        backingOff = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + .milliseconds(100)) { [self] in
            guard backingOff, let source = self.source else { return }
            backingOff = false
            source.resume()
        }
    }
}
