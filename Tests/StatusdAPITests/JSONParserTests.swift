import Testing
@testable import StatusdAPI

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    @Test func parsesObjectsKeepingMemberOrder() throws {
        let value = try parse(#"{"b":1,"a":[true,false,null],"c":{"d":"e"}}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "c"])
        #expect(value["a"] == .array([.bool(true), .bool(false), .null]))
        #expect(value["c"]?["d"] == .string("e"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
    }

    @Test func parsesNumbers() throws {
        #expect(try parse("-12.5e2") == .number(-1250))
        #expect(try parse("0") == .number(0))
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "\"abc", "\"a\u{01}b\"",
        "{\"a\" 1}", "[1 2]", "\"\\x\"", "\"\\ud83d\"", "{} {}", "nul", "'a'",
    ])
    func rejectsMalformedDocuments(_ text: String) {
        #expect(throws: APIError.self) { try parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: APIError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: APIError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try parse(fine)
    }
}
