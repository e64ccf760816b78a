import CoreMetrics
import Prometheus
import StatusdAPI
import StatusdSync

/// The server's Prometheus metrics, through swift-metrics with the swift-prometheus backend (no NIO).
///
/// Each `RunningServer` has its own registry (passed to swift-metrics explicitly rather than through the
/// process-wide bootstrap) so that several servers in one test process never mix their figures.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let requestMetrics = InstrumentCache<RequestKey, RequestInstruments>()
    let openConnections: CoreMetrics.Gauge
    let databaseTime: CoreMetrics.Timer
    /// Reads the server's open-connection count at scrape time (set once the server exists).
    /// (In a struct: a bare closure in a `Mutex` gains two reabstraction thunks per `withLock`.)
    private let connectionCount = Locked<ConnectionCount?>(nil)
    /// The GET answer cache's figures, read at scrape time, and what the counters already hold.
    private let responseCache = Locked<ResponseCacheSource?>(nil)
    private let cacheHits: CoreMetrics.Counter
    private let cacheMisses: CoreMetrics.Counter
    private let cacheBytes: CoreMetrics.Gauge
    private let cacheEntries: CoreMetrics.Gauge

    private struct ConnectionCount: Sendable {
        let read: @Sendable () -> Int
    }

    private struct ResponseCacheSource: Sendable {
        let read: @Sendable () -> ResponseCache.Statistics
        var reportedHits = 0
        var reportedMisses = 0
    }

    struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    struct RequestInstruments: @unchecked Sendable {  // swift-metrics handles are thread-safe classes
        var count: CoreMetrics.Counter
        var latency: CoreMetrics.Timer
    }

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        ]
        self.factory = factory
        openConnections = CoreMetrics.Gauge(label: "statusd_open_connections", factory: factory)
        databaseTime = CoreMetrics.Timer(label: "statusd_database_duration_seconds", factory: factory)
        cacheHits = CoreMetrics.Counter(label: "statusd_response_cache_hits_total", factory: factory)
        cacheMisses = CoreMetrics.Counter(label: "statusd_response_cache_misses_total", factory: factory)
        cacheBytes = CoreMetrics.Gauge(label: "statusd_response_cache_bytes", factory: factory)
        cacheEntries = CoreMetrics.Gauge(label: "statusd_response_cache_entries", factory: factory)
    }

    /// Counts one request and records its latency, labelled by route pattern (never the raw path, to keep
    /// the number of series bounded), method and status.
    func record(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let instruments = requestMetrics.instruments(for: key) { key in
            RequestInstruments(
                count: CoreMetrics.Counter(
                    label: "statusd_http_requests_total",
                    dimensions: [("route", key.route), ("method", key.method), ("status", String(key.status))],
                    factory: factory),
                latency: CoreMetrics.Timer(
                    label: "statusd_http_request_duration_seconds",
                    dimensions: [("route", key.route), ("method", key.method)], factory: factory))
        }
        instruments.count.increment()
        instruments.latency.recordNanoseconds(duration.nanoseconds)
    }

    func observeConnections(_ count: @escaping @Sendable () -> Int) {
        connectionCount.withLock { $0 = ConnectionCount(read: count) }
    }

    func observeResponseCache(_ statistics: @escaping @Sendable () -> ResponseCache.Statistics) {
        responseCache.withLock { $0 = ResponseCacheSource(read: statistics) }
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] {
        if let count = connectionCount.withLock({ $0 }) { openConnections.record(count.read()) }
        responseCache.withLock { source in
            guard let statistics = source?.read() else { return }
            cacheHits.increment(by: Int64(statistics.hits - (source?.reportedHits ?? 0)))
            cacheMisses.increment(by: Int64(statistics.misses - (source?.reportedMisses ?? 0)))
            source?.reportedHits = statistics.hits
            source?.reportedMisses = statistics.misses
            cacheBytes.record(statistics.bytes)
            cacheEntries.record(statistics.entries)
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
