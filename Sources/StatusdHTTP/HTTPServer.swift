import Dispatch
import Foundation
import Synchronization

/// The server: listens, parses, routes, writes. `start` returns once listening.
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case idle
        case running(Listener, DeadlineSweeper)
        case stopped
    }

    private let context: ServerContext
    private let lifecycle = Mutex(Lifecycle.idle)

    public init(configuration: HTTPServerConfiguration, router: HTTPRouter) {
        context = ServerContext(configuration: configuration, router: router)
    }

    /// Open client connections right now (for metrics).
    public var openConnections: Int { context.registry.count }

    /// Binds and starts accepting; returns the bound port (useful with port 0).
    public func start() throws -> Int {
        let configuration = context.configuration
        context.router.prepare()
        let socket = try ListeningSocket(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let listener = Listener(socket: socket, context: context)
        let shortest = [configuration.headerReadTimeout, configuration.bodyReadTimeout,
                        configuration.idleTimeout, configuration.writeTimeout].min() ?? 1
        let sweeper = DeadlineSweeper(registry: context.registry, interval: shortest / 4)
        lifecycle.withLock { state in
            guard case .idle = state else { preconditionFailure("HTTPServer.start() called twice") }
            state = .running(listener, sweeper)
        }
        listener.start()
        return listener.port
    }

    /// Stops accepting, closes idle connections, waits for in-flight requests up to the grace period,
    /// then closes what is left.
    public func shutdown() {
        let running: (Listener, DeadlineSweeper)? = lifecycle.withLock { state in
            guard case .running(let listener, let sweeper) = state else { return nil }
            state = .stopped
            return (listener, sweeper)
        }
        guard let (listener, sweeper) = running else { return }
        context.shuttingDown.store(true, ordering: .relaxed)
        listener.stop()
        for connection in context.registry.all { connection.drain() }
        if !waitForConnections(seconds: context.configuration.shutdownGracePeriod) {
            for connection in context.registry.all { connection.forceClose() }
            _ = waitForConnections(seconds: 1)
        }
        sweeper.stop()
        context.pool.stop()
    }

    private func waitForConnections(seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while context.registry.count > 0 {
            if Date() >= end { return false }
            usleep(2_000)
        }
        return true
    }
}
