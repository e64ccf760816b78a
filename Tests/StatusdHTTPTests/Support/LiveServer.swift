import Foundation
import HTTPTypes
import StatusdHTTP
import StatusdTesting

/// Runs `body` against a real server on 127.0.0.1 and port 0, and shuts it down afterwards whether
/// `body` returns or throws.
func withLiveServer<T>(
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    routes: (HTTPRouter) -> Void = installTestRoutes,
    _ body: (_ port: Int, _ server: HTTPServer) throws -> T
) throws -> T {
    var configuration = HTTPServerConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.shutdownGracePeriod = 2
    configure(&configuration)
    let router = HTTPRouter()
    routes(router)
    let server = HTTPServer(configuration: configuration, router: router)
    let port = try server.start()
    defer { server.shutdown() }
    return try body(port, server)
}

/// The routes most end-to-end tests use.
func installTestRoutes(_ router: HTTPRouter) {
    router.on(.get, "/hello") { _ in .text("hello") }
    router.on(.post, "/echo") { request in
        HTTPServerResponse(status: .ok, body: request.body)
    }
    router.on(.get, "/items/:id") { request in .text("item \(request.parameters["id"] ?? "?")") }
    router.on(.get, "/query") { request in
        .text(request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&"))
    }
    router.on(.get, "/slow") { _ in
        Thread.sleep(forTimeInterval: 0.3)
        return .text("slow")
    }
    router.on(.get, "/fail") { _ in throw TestFailure() }
}

struct TestFailure: Error {}

extension HTTPServerResponse {
    static func text(_ text: String) -> HTTPServerResponse {
        var fields = HTTPFields()
        fields[.contentType] = "text/plain"
        return HTTPServerResponse(status: .ok, headerFields: fields, body: Array(text.utf8))
    }
}

extension TestResponse {
    /// First header value by case-insensitive name.
    func field(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// `GET path` with a Host, as a raw request.
func get(_ path: String, _ extra: String = "") -> String {
    "GET \(path) HTTP/1.1\r\nHost: localhost\r\n\(extra)\r\n"
}
