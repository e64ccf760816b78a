import Foundation
import HTTPTypes
@testable import OnlineOrNotAPI
import StatusdAPI
import StatusdTesting
import Testing

/// Every `APIError` rendered in the OnlineOrNot envelope with its documented status and code.
@Suite struct ErrorRendererTests {
    static let table: [(APIError, Int, Int)] = [
        (.unauthorized, 401, 10001),
        (.forbidden, 403, 10002),
        (.notFound("Incident not found"), 404, 10003),
        (.methodNotAllowed(allow: [.get, .post]), 405, 10004),
        (.validation(message: "Invalid request body", issues: [FieldIssue(field: "title", message: "Title is required")]), 400, 10005),
        (.malformedJSON("Malformed JSON at byte 1"), 400, 10006),
        (.unsupportedMediaType, 415, 10007),
        (.payloadTooLarge, 413, 10008),
        (.conflict("A resource with subdomain 'x' already exists"), 409, 10009),
        (.storageUnavailable(.full), 503, 10010),
        (.idempotencyKeyReused, 422, 10011),
    ]

    @Test func everyErrorHasItsStatusAndCode() {
        for (error, status, code) in Self.table {
            let response = OnlineOrNotErrorRenderer.render(error)
            #expect(response.status.code == status, "\(error)")
            #expect(response.headerFields[.contentType] == "application/json; charset=utf-8")
            let body = jsonObject(response.body) as? [String: Any]
            #expect(body?["result"] is NSNull)
            #expect(body?["success"] as? Bool == false)
            #expect((body?["messages"] as? [Any])?.isEmpty == true)
            let entries = body?["errors"] as? [[String: Any]] ?? []
            #expect(entries.count == 1)
            #expect(entries.first?["code"] as? Int == code, "\(error)")
            #expect((entries.first?["message"] as? String)?.isEmpty == false)
        }
        #expect(Set(Self.table.map(\.2)).count == OnlineOrNotErrorCode.allCases.count)
    }

    @Test func storageUnavailableCarriesRetryAfter() {
        #expect(OnlineOrNotErrorRenderer.render(.storageUnavailable(.full)).headerFields[.retryAfter] == "30")
        #expect(OnlineOrNotErrorRenderer.render(.storageUnavailable(.busy)).headerFields[.retryAfter] == "1")
    }

    @Test func methodNotAllowedCarriesAllow() {
        let response = OnlineOrNotErrorRenderer.render(.methodNotAllowed(allow: [.get, .post]))
        #expect(response.headerFields[.allow] == "GET, POST")
    }

    @Test func validationNamesEachFieldAsSent() {
        let error = APIError.validation(message: "Invalid request body", issues: [
            FieldIssue(field: "per_page", message: "Per_page must be an integer between 1 and 100"),
            FieldIssue(field: "components", message: "Unknown component ids for this status page: ghost"),
        ])
        let body = jsonObject(OnlineOrNotErrorRenderer.render(error).body) as? [String: Any]
        let entries = body?["errors"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["field"] as? String } == ["per_page", "components"])
        #expect(entries.map { $0["message"] as? String } == [
            "per_page must be an integer between 1 and 100",
            "components: Unknown component ids for this status page: ghost",
        ])
    }
}
