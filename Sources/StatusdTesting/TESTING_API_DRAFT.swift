// DRAFT CONTRACT: end-to-end test support, implemented by the lead (RawHTTPClient by the HTTP-core
// engineer). Shape tests are written against these names.
import StatusdStore

/// A response as a test sees it.
public struct TestResponse: Sendable {
    public var status: Int
    /// Header fields in wire order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// First value of a header, case-insensitive.
    public func header(_ name: String) -> String? { fatalError("draft") }
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A live `statusd` server on 127.0.0.1 and an ephemeral port, over a fresh temporary SQLite file.
public final class TestServer: @unchecked Sendable {
    public var port: Int { fatalError("draft") }
    /// The server's store: for arranging fixtures directly (e.g. credentials) and checking effects.
    public var store: Store { fatalError("draft") }
    /// One request over a new connection; adds `Host` and, for a body, `Content-Length`.
    public func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil
    ) throws -> TestResponse { fatalError("draft") }
}

/// Starts a server (with the `--demo` fixtures when `demo`), runs `body`, and stops the server and
/// removes its files whether `body` returns or throws.
public func withTestServer<T>(demo: Bool = true, _ body: (TestServer) throws -> T) throws -> T {
    fatalError("draft")
}

/// Compares two JSON documents structurally (key order ignored, numbers compared by value) and
/// records a Swift Testing issue for every difference, naming its path (`result.impact`). Values at
/// the paths in `ignoring` (e.g. `result.created_at`, `data.incidents[*].id`) must exist but may differ.
public func expectJSON(
    _ actual: [UInt8], equals expected: String, ignoring: Set<String> = [],
    sourceLocation: String = #fileID, line: Int = #line
) { fatalError("draft") }

/// Parses a JSON body into Foundation values (`[String: Any]`, `[Any]`, `String`, `NSNumber`, `NSNull`)
/// for ad-hoc assertions; nil if it is not JSON.
public func jsonObject(_ bytes: [UInt8]) -> Any? { fatalError("draft") }
