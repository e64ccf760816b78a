import Foundation
import StatusdApp
import StatusdPostgres
import StatusdStore

/// A live `statusd` server on 127.0.0.1 and an ephemeral port, over a fresh temporary SQLite file.
public final class TestServer: Sendable {
    public let running: RunningServer
    public var port: Int { running.port }
    /// The server's store: for arranging fixtures directly (e.g. credentials) and checking effects.
    public var store: Store { running.store }

    /// The server's database as `--db` takes it: the SQLite file, or the whole PostgreSQL URL
    /// (password included: for the CLI runs and second stores of tests only).
    public let database: String

    public init(running: RunningServer, database: String) {
        self.running = running
        self.database = database
    }

    /// Another store on the server's database: the CLI's while `serve` runs, or a second instance's.
    public func openAnotherStore() throws -> Store {
        PostgresURL.isPostgresURL(database) ? try Store(postgres: try PostgresURL(database)) : try Store(path: database)
    }

    /// One request over a new connection (`Connection: close`); adds `Host` (this server's address
    /// unless `host` is given) and, for a body, `Content-Length`.
    public func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil, host: String? = nil
    ) throws -> TestResponse {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if let body { request += "Content-Length: \(body.utf8.count)\r\n" }
        request += "\r\n"
        if let body { request += body }
        let client = try RawHTTPClient(port: port, timeout: 10)
        defer { client.close() }
        try client.send(request)
        return try client.readResponse(forHEAD: method == "HEAD")
    }
}

extension TestServer {
    /// The value `/metrics` gives for `name` (its line `name value`); nil when it has no such line.
    public func metric(_ name: String) throws -> Double? {
        let metrics = try send("GET", "/metrics").text
        let line = metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    /// Answers served from the response cache so far (0 before the first).
    public func cacheHits() throws -> Double {
        try metric("statusd_response_cache_hits_total") ?? 0
    }
}

/// Starts a server (with the `--demo` fixtures when `demo`), runs `body`, and stops the server and
/// removes its files whether `body` returns or throws; then the same on PostgreSQL, on a fresh
/// database, when a test server is given (`onEachBackend`). `clock` and `ids` as `--clock` and
/// `--deterministic-ids` make them; both start over for the second run. Returns the SQLite run's result.
@discardableResult
public func withTestServer<T>(
    demo: Bool = true, options: ServeOptions = ServeOptions(host: "127.0.0.1", port: 0),
    clock: StoreClock = .wall(), ids: IdSource = .random(),
    _ body: (TestServer) throws -> T
) throws -> T {
    try onEachBackend(
        sqlite: { try withSQLiteTestServer(demo: demo, options: options, clock: clock, ids: ids, body) },
        postgres: { url in
            clock.restart()
            ids.restart()
            _ = try serving(try Store(postgres: url, clock: clock, ids: ids), database: url.string, demo: demo, options: options, body)
        })
}

/// `withTestServer` on one backend: for a test that runs whole (with the receivers, mail sinks and
/// logs it sets up around its server) once per backend, in `eachBackend`.
@discardableResult
public func withTestServer<T>(
    on backend: TestBackend, demo: Bool = true, options: ServeOptions = ServeOptions(host: "127.0.0.1", port: 0),
    clock: StoreClock = .wall(), ids: IdSource = .random(),
    _ body: (TestServer) throws -> T
) throws -> T {
    switch backend {
    case .sqlite:
        return try withSQLiteTestServer(demo: demo, options: options, clock: clock, ids: ids, body)
    case .postgres:
        return try withFreshStoreDatabase { url in
            try serving(try Store(postgres: url, clock: clock, ids: ids), database: url.string, demo: demo, options: options, body)
        }
    }
}

/// `withTestServer` on a SQLite file only: for what only SQLite has (its file, a full disk).
@discardableResult
public func withSQLiteTestServer<T>(
    demo: Bool = true, options: ServeOptions = ServeOptions(host: "127.0.0.1", port: 0),
    clock: StoreClock = .wall(), ids: IdSource = .random(),
    _ body: (TestServer) throws -> T
) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("statusd-test-\(UUID().uuidString.lowercased())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("statusd.db").path
    return try serving(try Store(path: path, clock: clock, ids: ids), database: path, demo: demo, options: options, body)
}

private func serving<T>(_ store: Store, database: String, demo: Bool, options: ServeOptions, _ body: (TestServer) throws -> T) throws -> T {
    if demo { try store.loadDemoFixtures() }
    var options = options
    options.host = "127.0.0.1"
    options.port = 0
    let running = try RunningServer(store: store, options: options)
    defer { running.stop() }
    return try body(TestServer(running: running, database: database))
}
