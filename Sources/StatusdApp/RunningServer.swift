import Logging
import OnlineOrNotAPI
import StatusdAPI
import StatusdHTTP
import StatusdOutbox
import StatusdStore

/// A statusd HTTP server bound and accepting, over `store`. Started by `statusd serve` and by the tests.
public final class RunningServer: Sendable {
    public let store: Store
    /// The bound port (the real one when 0 was asked for).
    public let port: Int
    public let host: String
    /// Whether the port speaks HTTPS (`options.http.tls` was given).
    public let isTLS: Bool
    private let server: HTTPServer
    /// Delivers the outbox's webhooks; nil when `options.webhooks` is.
    private let sender: WebhookSender?
    /// Sends subscriber mail; nil without `options.smtp`.
    private let mailSender: MailSender?

    /// Binds `options.host:options.port` and starts serving; returns once listening.
    public init(store: Store, options: ServeOptions) throws {
        var configuration = options.http
        configuration.host = options.host
        configuration.port = options.port
        store.keepWALSmall()
        // Delivery bodies are OnlineOrNot JSON, written in the transaction of each change.
        store.writeEventPayloads(with: WebhookPayloadWriter())
        store.enqueueSubscriberMail(options.smtp != nil)
        let metrics = ServerMetrics()
        let cache = options.responseCacheBytes > 0 ? ResponseCache(capacityBytes: options.responseCacheBytes) : nil
        if let cache { metrics.observeResponseCache { cache.statistics } }
        if options.testControl?.allowRemote == false, configuration.tls == nil,
           !TestControlOptions.isLoopback(options.host) {
            throw TestControlRefused(host: options.host)
        }
        let control = options.testControl.map { TestControl(store: store, options: $0) }
        let openAPI = ServedOpenAPIDocument(isTLS: configuration.tls != nil)
        let router = try makeRouter(
            store: store, metrics: metrics, logger: options.logger, cache: cache, testControl: control,
            cors: options.cors, openAPI: openAPI, isTLS: configuration.tls != nil, rateLimit: options.rateLimit)
        let server = HTTPServer(configuration: configuration, router: router)
        metrics.observeConnections { [weak server] in server?.openConnections ?? 0 }
        let databaseTime = metrics.databaseTime
        store.observeDatabaseTime { duration in databaseTime.recordNanoseconds(duration.nanoseconds) }
        store.observeStorageHealth { [logger = options.logger] event in StorageHealthLog.log(event, to: logger) }
        self.port = try server.start()
        self.host = options.host
        self.isTLS = configuration.tls != nil
        self.server = server
        self.store = store
        sender = options.webhooks.map { WebhookSender(store: store, options: $0, logger: options.logger) }
        mailSender = try Self.startMail(store: store, options: options, url: Self.url(host: options.host, port: port, tls: isTLS))
        openAPI.listening(host: options.host, port: self.port)
    }

    /// `http://127.0.0.1:8080`, or `https://…` when serving TLS (IPv6 hosts bracketed).
    public var url: String { Self.url(host: host, port: port, tls: isTLS) }

    private static func url(host: String, port: Int, tls: Bool) -> String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(tls ? "https" : "http")://\(shownHost):\(port)"
    }

    /// The mail sender when an SMTP server is configured (`statusd serve` says at start when none is).
    private static func startMail(store: Store, options: ServeOptions, url: String) throws -> MailSender? {
        guard let smtp = options.smtp else { return nil }
        let mail = MailSenderOptions(
            smtp: smtp, from: options.smtpFrom, publicURL: options.publicURL ?? url,
            timings: options.webhooks ?? WebhookSenderOptions())
        return try MailSender(store: store, options: mail, logger: options.logger)
    }

    /// Re-reads the TLS certificate and key for new connections (SIGHUP); open connections keep
    /// theirs. Throws `TLSError`, keeping the current ones, when the files do not load.
    public func reloadTLS() throws {
        try server.reloadTLS()
    }

    /// Stops accepting, closes idle connections and waits (bounded) for in-flight requests, then
    /// stops the webhook sender (each worker finishes its attempt; bounded too).
    public func stop() {
        server.shutdown()
        sender?.stop()
        mailSender?.stop()
    }
}
