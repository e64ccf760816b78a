import Foundation
import StatusdApp
import StatusdStore

/// A live `statusd` server on 127.0.0.1 and an ephemeral port, over a fresh temporary SQLite file.
public final class TestServer: Sendable {
    public let running: RunningServer
    public var port: Int { running.port }
    /// The server's store: for arranging fixtures directly (e.g. credentials) and checking effects.
    public var store: Store { running.store }

    public init(running: RunningServer) {
        self.running = running
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
/// removes its files whether `body` returns or throws. `clock` and `ids` as `--clock` and
/// `--deterministic-ids` make them.
public func withTestServer<T>(
    demo: Bool = true, options: ServeOptions = ServeOptions(host: "127.0.0.1", port: 0),
    clock: StoreClock = .wall(), ids: IdSource = .random(),
    _ body: (TestServer) throws -> T
) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("statusd-test-\(UUID().uuidString.lowercased())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try Store(path: directory.appendingPathComponent("statusd.db").path, clock: clock, ids: ids)
    if demo { try store.loadDemoFixtures() }
    var options = options
    options.host = "127.0.0.1"
    options.port = 0
    let running = try RunningServer(store: store, options: options)
    defer { running.stop() }
    return try body(TestServer(running: running))
}
