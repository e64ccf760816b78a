import Foundation
import HTTPTypes
import StatusdAPI
import StatusdTesting
import Testing
@testable import UptimeIOAPI

/// Every `APIError` in the UptimeIO envelope: status, code, message, and `details` only on validation.
@Suite struct ErrorRendererTests {
    static let cases: [(APIError, Int, String, String, Bool)] = [
        (.validation(message: "Invalid query parameters", issues: [FieldIssue(field: "status", message: "m")]),
         400, "VALIDATION_ERROR", "Invalid query parameters", true),
        (.malformedJSON("bad"), 400, "VALIDATION_ERROR", "Invalid request body", true),
        (.unauthorized, 401, "UNAUTHORIZED", "Authentication required", false),
        (.forbidden, 403, "FORBIDDEN", "This API key is read-only", false),
        (.notFound("Incident not found"), 404, "NOT_FOUND", "Incident not found", false),
        (.methodNotAllowed(allow: [.get, .post]), 405, "METHOD_NOT_ALLOWED", "Method not allowed", false),
        (.conflict("taken"), 409, "CONFLICT", "taken", false),
        (.idempotencyKeyReused, 422, "IDEMPOTENCY_KEY_REUSED", APIError.idempotencyKeyReusedMessage, false),
        (.payloadTooLarge, 413, "PAYLOAD_TOO_LARGE", "Request body is too large", false),
        (.unsupportedMediaType, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json", false),
    ]

    @Test(arguments: cases)
    func rendersInTheEnvelope(_ error: APIError, _ status: Int, _ code: String, _ message: String, _ hasDetails: Bool) {
        let response = UptimeIOErrorRenderer.response(for: error)
        #expect(response.status.code == status)
        #expect(response.headerFields[.contentType] == "application/json; charset=utf-8")
        let object = jsonObject(response.body) as? [String: Any]
        #expect(object?["success"] as? Bool == false)
        let body = object?["error"] as? [String: Any]
        #expect(body?["code"] as? String == code)
        #expect(body?["message"] as? String == message)
        #expect((body?["details"] != nil) == hasDetails)
        #expect(Set(body?.keys.map { $0 } ?? []) == (hasDetails ? ["code", "message", "details"] : ["code", "message"]))
    }

    @Test func methodNotAllowedCarriesAllow() {
        let response = UptimeIOErrorRenderer.response(for: .methodNotAllowed(allow: [.get, .post]))
        #expect(response.headerFields[.allow] == "GET, POST")
    }

    @Test func oversizedBodyIsRenderedAs413() throws {
        try withTestServer(demo: true) { server in
            let body = "{\"title\": \"" + String(repeating: "a", count: 1_100_000) + "\"}"
            let response = try server.uptimeIO("POST", Demo.incidents, body: body)
            #expect(response.status == 413)
            expectJSON(response.body, equals: """
                {"success": false, "error": {"code": "PAYLOAD_TOO_LARGE", "message": "Request body is too large"}}
                """)
        }
    }
}
