import Foundation
import StatusdSync
import Synchronization

/// The server: listens, parses, routes, writes. `start` returns once listening.
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case idle
        case running(ServerContext, Listener, DeadlineSweeper)
        case stopped
    }

    private let configuration: HTTPServerConfiguration
    private let router: HTTPRouter
    private let registry = ConnectionRegistry()
    private let lifecycle = Locked(Lifecycle.idle)

    public init(configuration: HTTPServerConfiguration, router: HTTPRouter) {
        self.configuration = configuration
        self.router = router
    }

    /// Open client connections right now (for metrics).
    public var openConnections: Int { registry.count }

    /// Binds and starts accepting; returns the bound port (useful with port 0). Routes added to the
    /// router after this call are not served. With `configuration.tls`, serves HTTPS; a certificate
    /// or key that does not load throws `TLSError` before anything is bound.
    public func start() throws -> Int {
        let tls = try configuration.tls.map { files throws(TLSError) in try TLSContextStore(files: files) }
        let socket = try ListeningSocket(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let context = ServerContext(configuration: configuration, table: router.compiledTable(), registry: registry, tls: tls)
        let listener = Listener(socket: socket, context: context)
        let shortest = [configuration.headerReadTimeout, configuration.bodyReadTimeout,
                        configuration.idleTimeout, configuration.writeTimeout].min() ?? 1
        let sweeper = DeadlineSweeper(registry: registry, interval: shortest / 4)
        lifecycle.withLock { state in
            guard case .idle = state else { preconditionFailure("HTTPServer.start() called twice") }
            state = .running(context, listener, sweeper)
        }
        listener.start()
        return listener.port
    }

    /// Re-reads the TLS certificate and key for new connections; open connections keep theirs.
    /// Throws `TLSError` and keeps the current ones if the files do not load. Without TLS, or when
    /// not running, does nothing.
    public func reloadTLS() throws {
        let context: ServerContext? = lifecycle.withLock { state in
            if case .running(let context, _, _) = state { return context }
            return nil
        }
        try context?.tls?.reload()
    }

    /// Stops accepting, closes idle connections, waits for in-flight requests up to the grace period,
    /// then closes what is left.
    public func shutdown() {
        let running: (ServerContext, Listener, DeadlineSweeper)? = lifecycle.withLock { state in
            guard case .running(let context, let listener, let sweeper) = state else { return nil }
            state = .stopped
            return (context, listener, sweeper)
        }
        guard let (context, listener, sweeper) = running else { return }
        context.shuttingDown.store(true, ordering: .relaxed)
        listener.stop()
        for connection in registry.all { connection.drain() }
        if !waitForConnections(seconds: configuration.shutdownGracePeriod) {
            for connection in registry.all { connection.forceClose() }
            _ = waitForConnections(seconds: 1)
        }
        sweeper.stop()
        context.readPool.stop()
        context.writePool.stop()
        for loop in context.loops { loop.stop() }
    }

    private func waitForConnections(seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while registry.count > 0 {
            if Date() >= end { return false }
            usleep(2_000)
        }
        return true
    }
}
