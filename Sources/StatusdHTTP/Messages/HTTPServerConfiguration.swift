import Foundation

/// Limits and timeouts; each configurable. Times are in seconds.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var maxRequestTargetBytes: Int = 8 * 1024
    public var maxHeaderBytes: Int = 64 * 1024
    public var maxHeaderFields: Int = 100
    public var maxBodyBytes: Int = 1024 * 1024
    /// From the first byte of a request (or the connection's opening) to the end of its header section.
    public var headerReadTimeout: Double = 10
    /// From the end of the header section to the end of the body.
    public var bodyReadTimeout: Double = 30
    /// Between two requests on a kept-alive connection.
    public var idleTimeout: Double = 60
    /// For a response the client does not read.
    public var writeTimeout: Double = 30
    /// Beyond this many open connections, new ones get a 503 and are closed.
    public var maxConnections: Int = 10_000
    /// Threads that run handlers of reading requests (GET, HEAD, OPTIONS; a bounded pool), so slow
    /// handlers cannot starve socket I/O.
    public var handlerThreads: Int = 16
    /// Threads that run handlers of the other methods. A write holds its thread until its group
    /// commit is durable, so this bounds how many writes share one commit; threads start on demand.
    public var writeHandlerThreads: Int = 128
    /// Threads waiting in epoll and doing the connections' reads and writes: one per core.
    public var eventLoops: Int = ProcessInfo.processInfo.activeProcessorCount
    public var shutdownGracePeriod: Double = 10
    /// Listen backlog passed to `listen(2)` (the kernel caps it at `net.core.somaxconn`, 4096 by
    /// default): deep enough that a burst of thousands of connects waits for `accept` instead of
    /// being dropped into the client's SYN retries (1 s, 3 s, 7 s...).
    public var backlog: Int32 = 4096
    /// Serve HTTPS with this certificate and key (re-read by `HTTPServer.reloadTLS()`); nil for plain HTTP.
    public var tls: TLSCertificateFiles? = nil

    public init() {}

    /// The parser's share of the configuration.
    var parserLimits: RequestParser.Limits {
        RequestParser.Limits(
            maxRequestTargetBytes: maxRequestTargetBytes, maxHeaderBytes: maxHeaderBytes,
            maxHeaderFields: maxHeaderFields, maxBodyBytes: maxBodyBytes)
    }
}
