import HTTPTypes
import Testing
@testable import StatusdHTTP

@Suite("Parser: header fields")
struct ParserFieldTests {
    @Test func keepsFieldsInOrderWithCaseInsensitiveNames() throws {
        let message = try #require(parse("GET / HTTP/1.1\r\nHost: h\r\nX-B: 2\r\nx-a: 1\r\nX-B: 3\r\n\r\n").only)
        #expect(message.head.fields.map(\.name.rawName) == ["Host", "X-B", "x-a", "X-B"])
        #expect(message.head.fields[values: HTTPField.Name("x-b")!] == ["2", "3"])
        #expect(message.field("X-A") == "1")
    }

    @Test func trimsOptionalWhitespaceAroundValues() throws {
        let message = try #require(parse("GET / HTTP/1.1\r\nHost: h\r\nX-Pad: \t value with  inner \t\r\n\r\n").only)
        #expect(message.field("x-pad") == "value with  inner")
    }

    @Test func acceptsAnEmptyValue() throws {
        let message = try #require(parse("GET / HTTP/1.1\r\nHost: h\r\nX-Empty:\r\n\r\n").only)
        #expect(message.field("x-empty") == "")
    }

    @Test func refusesWhitespaceBetweenNameAndColon() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nX-A : 1\r\n\r\n").error == .badRequest("whitespace before colon"))
    }

    @Test func refusesObsoleteLineFolding() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  continued\r\n\r\n").error == .badRequest("obsolete line folding"))
    }

    @Test func refusesABareCRInAValue() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r2\r\n\r\n").error == .badRequest("invalid character in field value"))
    }

    @Test func refusesNULInAValue() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\u{0}2\r\n\r\n").error == .badRequest("invalid character in field value"))
    }

    @Test func refusesOtherControlCharactersInAValue() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: \u{7}\r\n\r\n").error == .badRequest("invalid character in field value"))
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: \u{7F}\r\n\r\n").error == .badRequest("invalid character in field value"))
    }

    @Test func refusesAFieldLineWithoutColon() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n").error == .badRequest("invalid field line"))
    }

    @Test func refusesAnInvalidFieldName() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nX(A): 1\r\n\r\n").error == .badRequest("invalid field name"))
    }

    @Test func refusesAMissingHostOnHTTP11() {
        #expect(parse("GET / HTTP/1.1\r\nX-A: 1\r\n\r\n").error == .badRequest("missing Host"))
    }

    @Test func acceptsAMissingHostOnHTTP10() throws {
        let message = try #require(parse("GET / HTTP/1.0\r\n\r\n").only)
        #expect(message.head.minorVersion == 0)
    }

    @Test func refusesSeveralHostFields() {
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").error == .badRequest("several Host fields"))
    }

    @Test func refusesMoreFieldsThanTheLimitWith431() {
        var limits = RequestParser.Limits()
        limits.maxHeaderFields = 3
        let fields = (0..<4).map { "X-\($0): v\r\n" }.joined()
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n", limits: limits).error == .tooManyHeaderFields)
    }

    @Test func refusesAHeaderSectionOverTheLimitWith431() {
        var limits = RequestParser.Limits()
        limits.maxHeaderBytes = 200
        let big = "X-Big: " + String(repeating: "b", count: 300) + "\r\n"
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\n\(big)\r\n", limits: limits).error == .headerSectionTooLarge)
    }

    @Test func refuses431BeforeTheSectionEndsWhenItKeepsGrowing() {
        var limits = RequestParser.Limits()
        limits.maxHeaderBytes = 200
        let run = parse("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "b", count: 400), limits: limits)
        #expect(run.error == .headerSectionTooLarge)
    }

    @Test func refusesAnUnknownExpectationWith417() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\n\r\n").error == .unknownExpectation)
    }
}
