import HTTPTypes
import Testing
@testable import StatusdHTTP

@Suite("Parser: request line")
struct ParserRequestLineTests {
    @Test func parsesMethodTargetPathAndQuery() throws {
        let message = try #require(parse("GET /a/b?x=1&y=2 HTTP/1.1\r\nHost: h\r\n\r\n").only)
        #expect(message.head.method == .get)
        #expect(message.head.target == "/a/b?x=1&y=2")
        #expect(message.head.path == "/a/b")
        #expect(message.head.query == "x=1&y=2")
        #expect(message.head.minorVersion == 1)
    }

    @Test func ignoresEmptyLinesBeforeTheRequestLine() throws {
        let message = try #require(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").only)
        #expect(message.head.path == "/")
    }

    @Test func takesThePathFromAnAbsoluteFormTarget() throws {
        let message = try #require(parse("GET http://example.com/x?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n").only)
        #expect(message.head.path == "/x")
        #expect(message.head.query == "q=1")
    }

    @Test func takesRootAsThePathOfAnAbsoluteFormTargetWithoutOne() throws {
        let query = try #require(parse("GET http://example.com?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n").only)
        #expect(query.head.path == "/")
        #expect(query.head.query == "q=1")
        let bare = try #require(parse("GET https://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").only)
        #expect(bare.head.path == "/")
        #expect(bare.head.query == nil)
    }

    @Test func acceptsAsteriskOnlyForOptions() {
        #expect(parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").only?.head.path == "*")
        #expect(parse("GET * HTTP/1.1\r\nHost: h\r\n\r\n").error == .badRequest("invalid request target"))
    }

    @Test func refusesAnUnknownVersionWith505() {
        #expect(parse("GET / HTTP/2.0\r\nHost: h\r\n\r\n").error == .unsupportedVersion)
        #expect(parse("GET / HTTP/1.2\r\nHost: h\r\n\r\n").error == .unsupportedVersion)
    }

    @Test func refusesAMalformedVersionWith400() {
        #expect(parse("GET / HTTP/1\r\nHost: h\r\n\r\n").error == .badRequest("malformed HTTP version"))
        #expect(parse("GET / http/1.1\r\nHost: h\r\n\r\n").error == .badRequest("malformed HTTP version"))
    }

    @Test func recognisesQuerySoThatRoutesAnswer405() throws {
        let message = try #require(parse("QUERY / HTTP/1.1\r\nHost: h\r\n\r\n").only)
        #expect(message.head.method.rawValue == "QUERY")
    }

    @Test func refusesAnUnknownMethodWith501() {
        #expect(parse("BREW / HTTP/1.1\r\nHost: h\r\n\r\n").error == .unknownMethod)
        #expect(parse("get / HTTP/1.1\r\nHost: h\r\n\r\n").error == .unknownMethod)
    }

    @Test func refusesExtraSpacesInTheRequestLine() {
        #expect(parse("GET  / HTTP/1.1\r\nHost: h\r\n\r\n").error != nil)
        #expect(parse("GET / HTTP/1.1 \r\nHost: h\r\n\r\n").error != nil)
    }

    @Test func refusesControlCharactersInTheTarget() {
        #expect(parse("GET /a\u{1}b HTTP/1.1\r\nHost: h\r\n\r\n").error == .badRequest("invalid request target"))
    }

    @Test func refusesATargetThatIsNotOriginOrAbsoluteForm() {
        #expect(parse("GET a/b HTTP/1.1\r\nHost: h\r\n\r\n").error == .badRequest("invalid request target"))
    }

    @Test func refusesABareLFLineEnding() {
        #expect(parse("GET / HTTP/1.1\nHost: h\r\n\r\n").error == .badRequest("line not terminated by CRLF"))
    }

    @Test func refusesATargetOverTheLimitWith414() {
        var limits = RequestParser.Limits()
        limits.maxRequestTargetBytes = 100
        let long = "/" + String(repeating: "a", count: 100)
        #expect(parse("GET \(long) HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits).error == .requestTargetTooLong)
    }

    @Test func refuses414BeforeTheLineEndsWhenTheTargetKeepsGrowing() {
        var limits = RequestParser.Limits()
        limits.maxRequestTargetBytes = 100
        let run = parse("GET /" + String(repeating: "a", count: 400), limits: limits)
        #expect(run.error == .requestTargetTooLong)
    }
}
