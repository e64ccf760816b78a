@testable import StatusdHTTP
import Testing

/// Regression for a hostile-HTTP find: a TLS ClientHello on the plain port (or other binary bytes)
/// holding no line feed waited for the 10 s header timeout instead of an immediate 400.
@Suite("Parser: refusing what cannot be a request line before it ends")
struct ParserEarlyRefusalTests {
    @Test func refusesATLSRecordHeaderWithoutWaitingForALineEnd() {
        #expect(parse([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]).error == .badRequest("invalid method"))
    }

    @Test func refusesBinaryBytesOneByteAtATime() {
        #expect(parse([0x00, 0x41, 0x42], sliceSize: 1).error == .badRequest("invalid method"))
    }

    /// Fuzzing find (FuzzParser): the whole input must be refused as early as its slices are.
    @Test func refusesAGarbageRequestLineBeforeTheHeadEndsWholeOrSliced() {
        let bytes: [UInt8] = [0xFF, 0xFF] + Array("* HTTP/1.1\r\nHost: h\r\n".utf8)
        #expect(parse(bytes).error == .badRequest("invalid method"))
        #expect(parse(bytes, sliceSize: 1).error == .badRequest("invalid method"))
    }

    @Test func stillWaitsForAPartialMethodOrBlankLine() {
        #expect(parse("GE").error == nil)
        #expect(parse("\r").error == nil)
        #expect(parse("\r\nPO", sliceSize: 1).error == nil)
    }
}
