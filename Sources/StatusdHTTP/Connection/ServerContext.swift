import Dispatch
import HTTPTypes
import StatusdSync
import Synchronization

/// What every connection of one running server shares: configuration, routing table, event loops,
/// handler pools, open connections, the shutdown flag and, on HTTPS, the TLS context.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let table: RoutingTable
    /// Runs requests that only read (GET, HEAD, OPTIONS): sized to keep the cores busy.
    let readPool: HandlerPool
    /// Runs requests that may write: each waits for its group commit, so the number of writes one
    /// commit can batch is this pool's size. Its workers do not spin: a write lasts milliseconds.
    let writePool: HandlerPool
    /// One epoll thread per core; connections are spread over them as they are accepted.
    let loops: [EventLoop]
    private let nextLoopIndex = Atomic<Int>(0)
    let dateCache = DateHeaderCache()
    let registry: ConnectionRegistry
    let shuttingDown = Atomic<Bool>(false)
    let limits: RequestParser.Limits
    /// The certificate and key new connections use; nil on a plain-HTTP server.
    let tls: TLSContextStore?

    init(configuration: HTTPServerConfiguration, table: RoutingTable, registry: ConnectionRegistry,
         tls: TLSContextStore? = nil) {
        self.configuration = configuration
        self.tls = tls
        self.table = table
        self.registry = registry
        self.readPool = HandlerPool(threads: configuration.handlerThreads)
        self.writePool = HandlerPool(
            threads: configuration.writeHandlerThreads, name: "statusd.http.writer", spinning: false)
        self.limits = configuration.parserLimits
        self.loops = (0..<max(1, configuration.eventLoops)).map { EventLoop(name: "statusd.http.loop.\($0)") }
    }

    /// The loop for the next accepted connection, in turn.
    func nextLoop() -> EventLoop {
        loops[nextLoopIndex.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
    }

    /// The pool for a request with this method.
    func pool(for method: HTTPRequest.Method) -> HandlerPool {
        switch method {
        case .get, .head, .options: readPool
        default: writePool
        }
    }

    /// Nanoseconds since boot, the clock of every connection deadline.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func deadline(after seconds: Double) -> UInt64 {
        now() + UInt64(max(0, seconds) * 1_000_000_000)
    }
}

/// The open connections, for counting (metrics, the connection limit), deadlines and shutdown.
final class ConnectionRegistry: Sendable {
    private let connections = Locked<[ObjectIdentifier: HTTPConnection]>([:])
    private let openCount = Atomic<Int>(0)

    var count: Int { openCount.load(ordering: .relaxed) }

    func add(_ connection: HTTPConnection) {
        connections.withLock { $0[ObjectIdentifier(connection)] = connection }
        openCount.add(1, ordering: .relaxed)
    }

    func remove(_ connection: HTTPConnection) {
        let removed = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
        if removed != nil { openCount.subtract(1, ordering: .relaxed) }
    }

    var all: [HTTPConnection] { connections.withLock { Array($0.values) } }
}
