import Testing
@testable import StatusdHTTP

@Suite("Parser: chunked bodies")
struct ParserChunkedTests {
    private func chunked(_ body: String) -> String {
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body
    }

    @Test func dechunksABody() {
        #expect(parse(chunked("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")).only?.bodyText == "hello world")
    }

    @Test func acceptsUppercaseHexSizes() {
        let data = String(repeating: "x", count: 26)
        #expect(parse(chunked("1A\r\n\(data)\r\n0\r\n\r\n")).only?.bodyText == data)
    }

    @Test func ignoresChunkExtensions() {
        #expect(parse(chunked("5;name=value;flag\r\nhello\r\n0 ;last\r\n\r\n")).only?.bodyText == "hello")
    }

    @Test func acceptsAndDropsTrailerFields() throws {
        let message = try #require(parse(chunked("3\r\nabc\r\n0\r\nX-Checksum: 42\r\nX-Other: y\r\n\r\n")).only)
        #expect(message.bodyText == "abc")
        #expect(message.field("x-checksum") == nil)
    }

    @Test func refusesAChunkSizeThatIsNotHex() {
        #expect(parse(chunked("g\r\nhello\r\n0\r\n\r\n")).error == .badRequest("invalid chunk size"))
    }

    @Test func refusesAnEmptyChunkSize() {
        #expect(parse(chunked("\r\nhello\r\n0\r\n\r\n")).error == .badRequest("invalid chunk size"))
    }

    @Test func refusesAChunkSizeThatOverflows() {
        #expect(parse(chunked("10000000000000000\r\n")).error == .badRequest("chunk size too long"))
    }

    @Test func refusesChunkDataLongerThanItsSize() {
        #expect(parse(chunked("3\r\nhello\r\n0\r\n\r\n")).error == .badRequest("chunk data not followed by CRLF"))
    }

    @Test func refusesABareLFAfterTheChunkSize() {
        #expect(parse(chunked("5\nhello\r\n0\r\n\r\n")).error == .badRequest("invalid chunk size"))
    }

    @Test func refusesObsFoldInTrailers() {
        #expect(parse(chunked("0\r\nX-A: 1\r\n folded\r\n\r\n")).error == .badRequest("obsolete line folding"))
    }

    @Test func refusesWhitespaceBeforeTheColonInTrailers() {
        #expect(parse(chunked("0\r\nX-A : 1\r\n\r\n")).error == .badRequest("invalid trailer field name"))
    }

    @Test func refusesChunksOverTheBodyLimitWith413() throws {
        var limits = RequestParser.Limits()
        limits.maxBodyBytes = 8
        let run = parse(chunked("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"), limits: limits)
        #expect(run.error == .payloadTooLarge)
        #expect(run.errorHead?.path == "/c")
    }

    @Test func acceptsChunksExactlyAtTheBodyLimit() {
        var limits = RequestParser.Limits()
        limits.maxBodyBytes = 10
        #expect(parse(chunked("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"), limits: limits).only?.bodyText == "helloworld")
    }
}
