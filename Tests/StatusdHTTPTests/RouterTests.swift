import HTTPTypes
import StatusdHTTP
import Synchronization
import Testing

/// Records the order middleware runs in.
struct Tag: HTTPMiddleware {
    let name: String
    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        var response = try next(request)
        let previous = response.headerFields[HTTPField.Name("X-Trace")!].map { $0 + "," } ?? ""
        response.headerFields[HTTPField.Name("X-Trace")!] = previous + name
        return response
    }
}

/// Turns thrown errors into 418, like a shape's error middleware.
struct Catching: HTTPMiddleware {
    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        do { return try next(request) } catch { return HTTPServerResponse(status: .init(code: 418)) }
    }
}

@Suite("Router")
struct RouterTests {
    private func respond(_ router: HTTPRouter, _ method: HTTPRequest.Method, _ target: String) -> HTTPServerResponse {
        router.respond(to: HTTPServerRequest(method: method, target: target))
    }

    private func text(_ response: HTTPServerResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func capturesNamedParametersPercentDecoded() {
        let router = HTTPRouter()
        router.on(.get, "/pages/:page/incidents/:id") { request in
            HTTPServerResponse(status: .ok, body: Array("\(request.parameters["page"]!)|\(request.parameters["id"]!)".utf8))
        }
        #expect(text(respond(router, .get, "/pages/a%20b/incidents/x%2Fy")) == "a b|x/y")
        #expect(text(respond(router, .get, "/pages/plain/incidents/caf%C3%A9")) == "plain|café")
        #expect(respond(router, .get, "/pages/%ZZ/incidents/x").status == .notFound)
        #expect(respond(router, .get, "/pages/%C3/incidents/x").status == .notFound)  // not UTF-8
        #expect(respond(router, .get, "/pages//incidents/x").status == .notFound)
    }

    @Test func matchesLiteralSegmentsAfterPercentDecoding() {
        let router = HTTPRouter()
        router.on(.get, "/status_pages") { _ in HTTPServerResponse(status: .ok) }
        #expect(respond(router, .get, "/status%5Fpages").status == .ok)
    }

    @Test func prefersALiteralOverAParameterAndBacktracks() {
        let router = HTTPRouter()
        router.on(.get, "/a/new") { _ in HTTPServerResponse(status: .ok, body: Array("literal".utf8)) }
        router.on(.get, "/a/:id/x") { request in HTTPServerResponse(status: .ok, body: Array(request.parameters["id"]!.utf8)) }
        #expect(text(respond(router, .get, "/a/new")) == "literal")
        #expect(text(respond(router, .get, "/a/new/x")) == "new")
    }

    @Test func parsesTheQueryWithPlusAndPercent() {
        let request = HTTPServerRequest(method: .get, target: "/s?q=a+b%26c&q=2&flag&e=%ZZ")
        #expect(request.query.map(\.name) == ["q", "q", "flag", "e"])
        #expect(request.queryValue("q") == "a b&c")
        #expect(request.query[1].value == "2")
        #expect(request.queryValue("flag") == "")
        #expect(request.queryValue("e") == "%ZZ")
    }

    @Test func answers404WithTheDefaultJSONBody() {
        let router = HTTPRouter()
        let response = respond(router, .get, "/nowhere")
        #expect(response.status == .notFound)
        #expect(response.headerFields[.contentType] == "application/json; charset=utf-8")
        #expect(text(response) == #"{"error":"not found"}"#)
    }

    @Test func answers404ForATrailingSlash() {
        let router = HTTPRouter()
        router.on(.get, "/a") { _ in HTTPServerResponse(status: .ok) }
        #expect(respond(router, .get, "/a/").status == .notFound)
    }

    @Test func answers405WithAllowForAKnownPath() {
        let router = HTTPRouter()
        router.on(.get, "/r/:id") { _ in HTTPServerResponse(status: .ok) }
        router.on(.delete, "/r/:id") { _ in HTTPServerResponse(status: .ok) }
        let response = respond(router, .post, "/r/1")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headerFields[.allow] == "DELETE, GET, HEAD, OPTIONS")
    }

    @Test func runsHeadThroughTheGetHandler() {
        let router = HTTPRouter()
        router.on(.get, "/g") { _ in HTTPServerResponse(status: .ok, body: [1, 2, 3]) }
        #expect(respond(router, .head, "/g").body == [1, 2, 3])
    }

    @Test func rendersFailuresUnderAGroupPrefixWithItsRenderer() {
        let router = HTTPRouter()
        router.group(prefix: "/api/projects/:project", middleware: []) { _, failure in
            HTTPServerResponse(status: failure.status, body: Array("api \(failure.status.code)".utf8))
        }
        router.on(.get, "/api/projects/:project/things") { _ in HTTPServerResponse(status: .ok) }
        #expect(text(respond(router, .get, "/api/projects/p1/missing")) == "api 404")
        #expect(text(respond(router, .put, "/api/projects/p1/things")) == "api 405")
        #expect(respond(router, .put, "/api/projects/p1/things").headerFields[.allow] == "GET, HEAD, OPTIONS")
        #expect(text(respond(router, .get, "/apix")) == #"{"error":"not found"}"#)
        let tooLarge = router.respond(to: HTTPServerRequest(method: .post, target: "/api/projects/p/x"), failure: .payloadTooLarge)
        #expect(text(tooLarge) == "api 413")
    }

    @Test func usesTheLongestMatchingGroupRenderer() {
        let router = HTTPRouter()
        router.group(prefix: "/v1", middleware: []) { _, f in HTTPServerResponse(status: f.status, body: Array("v1".utf8)) }
        router.group(prefix: "/v1/pages", middleware: []) { _, f in HTTPServerResponse(status: f.status, body: Array("pages".utf8)) }
        #expect(text(respond(router, .get, "/v1/pages/x")) == "pages")
        #expect(text(respond(router, .get, "/v1/other")) == "v1")
    }

    @Test func runsMiddlewareGlobalThenGroupThenRouteOutermostFirst() {
        let router = HTTPRouter()
        router.use(Tag(name: "global"))
        router.group(prefix: "/g", middleware: [Tag(name: "group")]) { _, f in HTTPServerResponse(status: f.status) }
        router.on(.get, "/g/r", middleware: [Tag(name: "route")]) { _ in HTTPServerResponse(status: .ok) }
        router.on(.get, "/other") { _ in HTTPServerResponse(status: .ok) }
        // Each layer appends on the way out, so the innermost appears first.
        #expect(respond(router, .get, "/g/r").headerFields[HTTPField.Name("X-Trace")!] == "route,group,global")
        #expect(respond(router, .get, "/other").headerFields[HTTPField.Name("X-Trace")!] == "global")
        #expect(respond(router, .get, "/missing").headerFields[HTTPField.Name("X-Trace")!] == "global")
    }

    @Test func turnsAnUncaughtHandlerErrorInto500() {
        let router = HTTPRouter()
        router.on(.get, "/boom") { _ in throw TestFailure() }
        let response = respond(router, .get, "/boom")
        #expect(response.status == .internalServerError)
        #expect(text(response) == #"{"error":"internal server error"}"#)
    }

    @Test func letsMiddlewareCatchHandlerErrors() {
        let router = HTTPRouter()
        router.group(prefix: "/c", middleware: [Catching()]) { _, f in HTTPServerResponse(status: f.status) }
        router.on(.get, "/c/boom") { _ in throw TestFailure() }
        #expect(respond(router, .get, "/c/boom").status.code == 418)
    }
}
