import Testing
@testable import StatusdHTTP

@Suite("Parser: message framing and persistence")
struct ParserFramingTests {
    @Test func readsABodyByContentLength() throws {
        let run = parse("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello")
        #expect(run.only?.bodyText == "hello")
        #expect(run.headsCompleted == 1)
    }

    @Test func treatsContentLengthZeroAsNoBody() throws {
        let run = parse("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        #expect(run.only?.body == [])
        #expect(run.headsCompleted == 0)
    }

    @Test func refusesContentLengthWithTransferEncoding() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        #expect(parse(text).error == .badRequest("Content-Length with Transfer-Encoding"))
    }

    @Test func refusesSeveralContentLengthFieldsEvenWhenEqual() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"
        #expect(parse(text).error == .badRequest("several Content-Length fields"))
    }

    @Test(arguments: ["3, 3", "-1", "+3", "0x10", "3 4", "", "abc"])
    func refusesAMalformedContentLength(_ value: String) {
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(value)\r\n\r\n").error == .badRequest("malformed Content-Length"))
    }

    @Test func refusesAContentLengthOverTheBodyLimitWith413BeforeTheBody() throws {
        var limits = RequestParser.Limits()
        limits.maxBodyBytes = 10
        let run = parse("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits: limits)
        #expect(run.error == .payloadTooLarge)
        #expect(run.errorHead?.path == "/upload")
    }

    @Test func refusesAHugeContentLengthWith413() {
        let run = parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        #expect(run.error == .payloadTooLarge)
    }

    @Test func refusesATransferEncodingWhoseLastCodingIsNotChunked() {
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n").error
            == .badRequest("final transfer coding is not chunked"))
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\n\r\n").error
            == .badRequest("final transfer coding is not chunked"))
    }

    @Test func refusesChunkedAppliedTwice() {
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n").error
            == .badRequest("chunked applied more than once"))
    }

    @Test func answers501ForAnUnsupportedCodingBeforeChunked() {
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").error == .unsupportedTransferCoding)
    }

    @Test func refusesTransferEncodingInHTTP10() {
        #expect(parse("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").error
            == .badRequest("Transfer-Encoding in HTTP/1.0"))
    }

    @Test func keepsHTTP11AliveUnlessConnectionClose() throws {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n").only?.head.keepAlive == true)
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").only?.head.keepAlive == false)
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, close\r\n\r\n").only?.head.keepAlive == false)
    }

    @Test func keepsHTTP10AliveOnlyWhenAsked() throws {
        #expect(parse("GET / HTTP/1.0\r\n\r\n").only?.head.keepAlive == false)
        #expect(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").only?.head.keepAlive == true)
    }

    @Test func notesExpect100Continue() throws {
        let run = parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx")
        #expect(run.only?.head.expectsContinue == true)
    }
}
