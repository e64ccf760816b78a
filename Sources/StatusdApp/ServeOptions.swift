import Logging
import StatusdHTTP

/// What `statusd serve` needs beyond the store: where to listen and the HTTP limits.
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int
    /// Limits and timeouts of the HTTP core; `host` and `port` above win over the ones in here.
    public var http: HTTPServerConfiguration
    /// Where request lines go; the process-wide swift-log backend by default (tests pass their own).
    public var logger: Logger

    public init(
        host: String = "127.0.0.1", port: Int = 8080, http: HTTPServerConfiguration = HTTPServerConfiguration(),
        logger: Logger = Logger(label: "statusd")
    ) {
        self.host = host
        self.port = port
        self.http = http
        self.logger = logger
    }
}
