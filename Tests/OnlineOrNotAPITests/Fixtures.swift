import Foundation
import StatusdTesting
import Testing

/// The demo fixtures' token (`{access-token}` in the seed's curl examples) and page.
let demoToken = "123"
let demoPage = "a1b2c3d4"

extension TestServer {
    /// A request as the seed's curl examples send it: `Accept: application/json`, the bearer token,
    /// and `Content-Type: application/json` when there is a body.
    func oon(
        _ method: String, _ path: String, token: String? = demoToken, body: String? = nil,
        contentType: String? = "application/json"
    ) throws -> TestResponse {
        var headers = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil, let contentType { headers.append(("Content-Type", contentType)) }
        return try send(method, path, headers: headers, body: body)
    }

    /// Creates an incident on `page` and returns its id.
    func createIncident(
        on page: String = demoPage, title: String, description: String = "Looking into it",
        status: String = "INVESTIGATING", extra: String = ""
    ) throws -> String {
        let body = #"{"title":"\#(title)","description":"\#(description)","status":"\#(status)"\#(extra)}"#
        let response = try oon("POST", "/v1/status_pages/\(page)/incidents", body: body)
        try #require(response.status == 200, "create failed: \(response.text)")
        return try #require(result(response)["id"] as? String)
    }
}

/// The `result` object of a success envelope.
func result(_ response: TestResponse) -> [String: Any] {
    (jsonObject(response.body) as? [String: Any])?["result"] as? [String: Any] ?? [:]
}

/// The `result` array of a list envelope.
func results(_ response: TestResponse) -> [[String: Any]] {
    (jsonObject(response.body) as? [String: Any])?["result"] as? [[String: Any]] ?? []
}

/// The `errors` array of an error envelope.
func errors(_ response: TestResponse) -> [[String: Any]] {
    (jsonObject(response.body) as? [String: Any])?["errors"] as? [[String: Any]] ?? []
}

/// Asserts an OnlineOrNot error: status, the full envelope shape, the error code, and that some
/// message mentions `mentioning` (a field name or the missing thing).
func expectError(
    _ response: TestResponse, status: Int, code: Int, mentioning: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.header("Content-Type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    let body = jsonObject(response.body) as? [String: Any]
    #expect(body?["result"] is NSNull, sourceLocation: sourceLocation)
    #expect(body?["success"] as? Bool == false, sourceLocation: sourceLocation)
    #expect((body?["messages"] as? [Any])?.isEmpty == true, sourceLocation: sourceLocation)
    let entries = errors(response)
    #expect(!entries.isEmpty, sourceLocation: sourceLocation)
    #expect(entries.allSatisfy { $0["code"] as? Int == code }, "\(response.text)", sourceLocation: sourceLocation)
    if let mentioning {
        let messages = entries.compactMap { $0["message"] as? String }
        #expect(messages.contains { $0.contains(mentioning) }, "\(messages)", sourceLocation: sourceLocation)
    }
}

/// Compares a response with a documented one field by field: members the documentation does not
/// show (the 2026 additions statusd is allowed to add) are dropped before comparing, so every
/// documented field must be present and equal, except the paths in `ignoring`.
func expectDocumented(
    _ response: TestResponse, equals documented: String, ignoring: Set<String> = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.header("Content-Type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    guard let actual = jsonObject(response.body),
          let expected = jsonObject(Array(documented.utf8)),
          let projected = try? JSONSerialization.data(withJSONObject: project(actual, onto: expected))
    else {
        Issue.record("not JSON: \(response.text)", sourceLocation: sourceLocation)
        return
    }
    expectJSON(Array(projected), equals: documented, ignoring: ignoring, sourceLocation: sourceLocation)
}

/// `actual` without the object members that `expected` does not have (recursively).
private func project(_ actual: Any, onto expected: Any) -> Any {
    switch (actual, expected) {
    case let (a as [String: Any], e as [String: Any]):
        var kept: [String: Any] = [:]
        for (key, value) in a {
            if let documented = e[key] { kept[key] = project(value, onto: documented) }
        }
        return kept
    case let (a as [Any], e as [Any]):
        return a.enumerated().map { index, value in index < e.count ? project(value, onto: e[index]) : value }
    default:
        return actual
    }
}
