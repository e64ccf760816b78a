import ArgumentParser
import StatusdHTTP

/// The HTTP core's limits and timeouts as `serve` flags; each defaults to the core's own default.
struct HTTPLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Largest request body in bytes; larger ones get 413 (default 1048576).", valueName: "bytes"))
    var maxBodyBytes: Int?

    @Option(help: ArgumentHelp("Open connections beyond which new ones get 503 and are closed (default 10000).",
                               valueName: "count"))
    var maxConnections: Int?

    @Option(help: ArgumentHelp("Seconds a kept-alive connection may sit idle between requests (default 60).",
                               valueName: "seconds"))
    var idleTimeout: Double?

    @Option(help: ArgumentHelp("Seconds a client has to send a request's header section (default 10).",
                               valueName: "seconds"))
    var headerTimeout: Double?

    @Option(help: ArgumentHelp("Threads that run GET, HEAD and OPTIONS handlers (default 16).", valueName: "count"))
    var handlerThreads: Int?

    @Option(help: ArgumentHelp(
        "Threads that run handlers of writing methods; each waits for its group commit, so this bounds the writes one commit batches (default 128, started on demand).",
        valueName: "count"))
    var writeHandlerThreads: Int?

    @Option(help: ArgumentHelp("Seconds in-flight requests get to finish on SIGINT/SIGTERM (default 10).",
                               valueName: "seconds"))
    var shutdownGrace: Double?

    func validate() throws {
        func positive(_ value: Int?, _ flag: String) throws {
            if let value, value < 1 { throw ValidationError("\(flag) must be at least 1") }
        }
        func positive(_ value: Double?, _ flag: String) throws {
            if let value, !(value > 0) { throw ValidationError("\(flag) must be a positive number of seconds") }
        }
        try positive(maxBodyBytes, "--max-body-bytes")
        try positive(maxConnections, "--max-connections")
        try positive(handlerThreads, "--handler-threads")
        try positive(writeHandlerThreads, "--write-handler-threads")
        try positive(idleTimeout, "--idle-timeout")
        try positive(headerTimeout, "--header-timeout")
        try positive(shutdownGrace, "--shutdown-grace")
    }

    /// The core's defaults with the given flags applied.
    var configuration: HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        if let maxBodyBytes { configuration.maxBodyBytes = maxBodyBytes }
        if let maxConnections { configuration.maxConnections = maxConnections }
        if let idleTimeout { configuration.idleTimeout = idleTimeout }
        if let headerTimeout { configuration.headerReadTimeout = headerTimeout }
        if let handlerThreads { configuration.handlerThreads = handlerThreads }
        if let writeHandlerThreads { configuration.writeHandlerThreads = writeHandlerThreads }
        if let shutdownGrace { configuration.shutdownGracePeriod = shutdownGrace }
        return configuration
    }
}
