import HTTPTypes
import StatusdHTTP
import Testing
@testable import StatusdAPI

@Suite struct ReaderTests {
    private func request(body: String, contentType: String? = "application/json", query: String = "")
        -> HTTPServerRequest
    {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        return HTTPServerRequest(method: .post, target: "/x" + query, headerFields: fields, body: Array(body.utf8))
    }

    @Test func refusesNonJSONContentTypeWith415() {
        #expect(throws: APIError.unsupportedMediaType) {
            _ = try JSONBodyReader(request(body: "a=b", contentType: "application/x-www-form-urlencoded"))
        }
    }

    @Test func acceptsJSONVariantsAndMissingContentType() throws {
        _ = try JSONBodyReader(request(body: "{}", contentType: "application/json; charset=utf-8"))
        _ = try JSONBodyReader(request(body: "{}", contentType: "application/merge-patch+json"))
        _ = try JSONBodyReader(request(body: "{}", contentType: nil))
    }

    @Test func refusesNonObjectBodies() {
        #expect(throws: APIError.self) { _ = try JSONBodyReader(request(body: "[1]")) }
        #expect(throws: APIError.self) { _ = try JSONBodyReader(request(body: "")) }
    }

    @Test func collectsEveryIssueBeforeFailing() throws {
        var reader = try JSONBodyReader(request(body: #"{"title":"","severity":"huge","ids":[1],"flag":"x"}"#))
        _ = reader.string("title", required: true, length: 1...200)
        _ = reader.string("message", required: true)
        _ = reader.choice("severity", ["minor": 1, "major": 2, "critical": 3], required: true)
        _ = reader.stringArray("ids")
        _ = reader.bool("flag")
        #expect(reader.issues == [
            FieldIssue(field: "title", message: "Title must be between 1 and 200 characters long"),
            FieldIssue(field: "message", message: "Message is required"),
            FieldIssue(field: "severity", message: "Severity must be one of: minor, major, critical"),
            FieldIssue(field: "ids", message: "Ids must be an array of strings"),
            FieldIssue(field: "flag", message: "Flag must be a boolean"),
        ])
        #expect(throws: APIError.self) { try reader.finish() }
    }

    @Test func tellsAbsentFromNull() throws {
        var reader = try JSONBodyReader(request(body: #"{"impact":null}"#))
        let impact = reader.nullableChoice("impact", ["A": 1])
        let missing = reader.nullableChoice("other", ["A": 1])
        #expect(impact == .some(nil))
        #expect(missing == nil)
        #expect(reader.issues.isEmpty)
    }

    /// Whole numbers only (`60.0` is one, as JSON Schema says), within the range; huge ones never trap.
    @Test func readsIntegers() throws {
        var reader = try JSONBodyReader(request(body: #"{"a":60,"b":60.0,"c":1.5,"d":"60","e":null,"f":0,"g":1e300,"h":-1e300}"#))
        #expect(reader.integer("a", in: 1...100) == 60)
        #expect(reader.integer("b", in: 1...100) == 60)
        #expect(reader.integer("missing", in: 1...100) == nil)
        #expect(reader.issues.isEmpty)
        for key in ["c", "d", "e", "f", "g", "h"] { #expect(reader.integer(key, in: 1...100) == nil) }
        #expect(reader.integer("required", required: true, in: 1...100) == nil)
        #expect(reader.issues.map(\.field) == ["c", "d", "e", "f", "g", "h", "required"])
        #expect(reader.issues[0].message == "C must be an integer between 1 and 100")
        #expect(reader.issues[6].message == "Required is required")
    }

    @Test func readsPagingWithDefaultsAndBounds() throws {
        var query = QueryReader(request(body: "", query: "?page=2"))
        #expect(Paging.read(from: &query, sizeParameter: "limit") == Paging(page: 2, pageSize: 20))
        try query.finish()

        var bad = QueryReader(request(body: "", query: "?page=0&limit=101"))
        _ = Paging.read(from: &bad, sizeParameter: "limit")
        #expect(bad.issues.map(\.field) == ["page", "limit"])
        #expect(bad.issues[1].message == "Limit must be an integer between 1 and 100")
    }

    @Test func readsBearerAndAPIKeyHeaders() {
        func with(_ name: String, _ value: String) -> HTTPServerRequest {
            var req = request(body: "")
            req.head.headerFields[HTTPField.Name(name)!] = value
            return req
        }
        #expect(Authenticator.bearerToken(with("Authorization", "Bearer 123")) == "123")
        #expect(Authenticator.bearerToken(with("Authorization", "bearer  abc")) == "abc")
        #expect(Authenticator.bearerToken(with("Authorization", "Basic abc")) == nil)
        #expect(Authenticator.bearerToken(with("Authorization", "Bearer")) == nil)
        #expect(Authenticator.bearerToken(with("Authorization", "Bearer ")) == nil)
        #expect(Authenticator.bearerToken(with("Authorization", "BEARER tok-é")) == "tok-é")
        #expect(Authenticator.bearerToken(with("Authorization", "Bearer a b")) == nil)
        #expect(Authenticator.bearerToken(with("Authorization", "Bearerabc")) == nil)
        #expect(Authenticator.bearerToken(with("Authorization", "Bearer\tabc")) == nil)
        #expect(Authenticator.bearerToken(with("Authorization", "Béarer abc")) == nil)
        #expect(Authenticator.apiKey(with("X-API-Key", "YOUR_API_KEY")) == "YOUR_API_KEY")
        #expect(Authenticator.apiKey(with("X-API-Key", "")) == nil)
        #expect(Authenticator.apiKey(with("X-API-Key", " \t ")) == nil)
        #expect(Authenticator.apiKey(with("X-API-Key", " key-1\t")) == "key-1")
    }
}
