import Logging
import StatusdAPI
import StatusdHTTP
import StatusdOutbox

/// What `statusd serve` needs beyond the store: where to listen and the HTTP limits.
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int
    /// Limits and timeouts of the HTTP core; `host` and `port` above win over the ones in here.
    public var http: HTTPServerConfiguration
    /// Where request lines go; the process-wide swift-log backend by default (tests pass their own).
    public var logger: Logger
    /// The budget of the GET answer cache (`ResponseCache`); 0 renders every answer afresh.
    public var responseCacheBytes: Int
    /// The `/_statusd/` control API (`--test-control`); nil, the default, serves none of it.
    public var testControl: TestControlOptions?
    /// Browser origins allowed to call the API (`--cors-origin`); nil, the default, sends no CORS headers.
    public var cors: CORSPolicy?
    /// The webhook sender's timings (`--webhook-*`); nil runs no sender (deliveries wait in the
    /// outbox for a server that runs one).
    public var webhooks: WebhookSenderOptions? = WebhookSenderOptions()
    /// The SMTP server subscriber mail goes through (`--smtp-url`); nil, the default, enqueues and
    /// sends no subscriber mail at all (said once in the log at start).
    public var smtp: SMTPURL?
    /// The From address of subscriber mail (`--smtp-from`).
    public var smtpFrom = "statusd@localhost"
    /// Token buckets per credential and per client address (`--rate-limit`); nil limits nothing.
    public var rateLimit: RateLimitOptions?
    /// The base of the links in mail (`--public-url`); nil: this server's own URL (`RunningServer.url`).
    public var publicURL: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, http: HTTPServerConfiguration = HTTPServerConfiguration(),
        responseCacheBytes: Int = ResponseCache.defaultCapacityBytes, logger: Logger = Logger(label: "statusd"),
        testControl: TestControlOptions? = nil
    ) {
        self.testControl = testControl
        self.host = host
        self.port = port
        self.http = http
        self.responseCacheBytes = responseCacheBytes
        self.logger = logger
    }
}
