// DRAFT CONTRACT: the lead implements this target once the HTTP core and the store land.
import StatusdStore

/// What `statusd serve` needs beyond the store.
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Starts the HTTP server on `store`, prints `statusd listening on http://HOST:PORT` as the first line of
/// standard output, and blocks until SIGINT or SIGTERM has drained in-flight requests.
public func serve(store: Store, options: ServeOptions) throws {
    fatalError("draft: lands with the HTTP core")
}
