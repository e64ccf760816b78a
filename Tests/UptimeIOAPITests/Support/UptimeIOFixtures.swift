import Foundation
import StatusdStore
import StatusdTesting
import Testing

/// Ids of the `--demo` fixtures that make the UptimeIO seed's curl examples work as written.
enum Demo {
    static let apiKey = "YOUR_API_KEY"
    static let bearerToken = "123"
    static let projectId = "660e8400-e29b-41d4-a716-446655440001"
    static let pageId = "550e8400-e29b-41d4-a716-446655440000"
    static let monitor10 = "770e8400-e29b-41d4-a716-446655440010"
    static let monitor11 = "770e8400-e29b-41d4-a716-446655440011"
    static let monitor12 = "770e8400-e29b-41d4-a716-446655440012"
    static let apiIncident = "990e8400-e29b-41d4-a716-446655440050"
    static let databaseIncident = "881e8400-e29b-41d4-a716-446655440051"
    /// The OnlineOrNot seed's page and one of its components.
    static let onlineOrNotPageId = "a1b2c3d4"
    static let onlineOrNotComponent = "property1"

    static let base = "/api/projects/\(projectId)/status-pages/\(pageId)"
    static let incidents = base + "/incidents"

    /// The seed's two incidents, exactly as its example response shows them.
    static let apiIncidentJSON = """
        {
          "id": "990e8400-e29b-41d4-a716-446655440050",
          "status_page_id": "550e8400-e29b-41d4-a716-446655440000",
          "title": "API Service Degradation",
          "message": "We are experiencing elevated response times on our API servers",
          "severity": "major",
          "status": "resolved",
          "affected_monitor_ids": [
            "770e8400-e29b-41d4-a716-446655440010",
            "770e8400-e29b-41d4-a716-446655440011"
          ],
          "created_at": "2024-12-26T11:00:00Z",
          "updated_at": "2024-12-26T13:30:00Z",
          "resolved_at": "2024-12-26T13:30:00Z",
          "updates_count": 3
        }
        """
    static let databaseIncidentJSON = """
        {
          "id": "881e8400-e29b-41d4-a716-446655440051",
          "status_page_id": "550e8400-e29b-41d4-a716-446655440000",
          "title": "Database Maintenance",
          "message": "Scheduled maintenance window for database cluster upgrade",
          "severity": "minor",
          "status": "resolved",
          "affected_monitor_ids": [
            "770e8400-e29b-41d4-a716-446655440012"
          ],
          "created_at": "2024-12-25T22:00:00Z",
          "updated_at": "2024-12-25T23:00:00Z",
          "resolved_at": "2024-12-25T23:00:00Z",
          "updates_count": 1
        }
        """
}

extension TestServer {
    /// A UptimeIO request with `X-API-Key` (the demo key unless told otherwise) and, for a body, JSON.
    func uptimeIO(
        _ method: String, _ path: String, key: String? = Demo.apiKey, body: String? = nil
    ) throws -> TestResponse {
        var headers: [(String, String)] = []
        if let key { headers.append(("X-API-Key", key)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try send(method, path, headers: headers, body: body)
    }

    /// An OnlineOrNot request with `Authorization: Bearer 123`.
    func onlineOrNot(_ method: String, _ path: String, body: String? = nil) throws -> TestResponse {
        var headers = [("Authorization", "Bearer \(Demo.bearerToken)")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try send(method, path, headers: headers, body: body)
    }

    /// Creates an incident through the UptimeIO shape and returns its JSON object.
    @discardableResult
    func createIncident(
        title: String = "Checkout errors", message: String = "Investigating failed payments",
        severity: String = "major", status: String? = nil, monitors: [String] = [Demo.monitor10]
    ) throws -> [String: Any] {
        var fields = [
            "\"title\": \(jsonString(title))", "\"message\": \(jsonString(message))",
            "\"severity\": \(jsonString(severity))",
            "\"affected_monitor_ids\": [\(monitors.map(jsonString).joined(separator: ", "))]",
        ]
        if let status { fields.append("\"status\": \(jsonString(status))") }
        let response = try uptimeIO("POST", Demo.incidents, body: "{" + fields.joined(separator: ", ") + "}")
        #expect(response.status == 201, "create failed: \(response.text)")
        return try #require(response.data?["incident"] as? [String: Any])
    }
}

extension TestResponse {
    /// The parsed body as a JSON object.
    var object: [String: Any]? { jsonObject(body) as? [String: Any] }
    /// `data` of a UptimeIO success envelope.
    var data: [String: Any]? { object?["data"] as? [String: Any] }
    /// `data.incidents` of a list response.
    var incidents: [[String: Any]] { data?["incidents"] as? [[String: Any]] ?? [] }
    var incidentIds: [String] { incidents.compactMap { $0["id"] as? String } }
    var pagination: [String: Any] { data?["pagination"] as? [String: Any] ?? [:] }
    /// `error.details` of a UptimeIO error envelope, as (field, message) pairs.
    var details: [FieldMessage] {
        let error = object?["error"] as? [String: Any]
        let entries = error?["details"] as? [[String: Any]] ?? []
        return entries.map { FieldMessage(field: $0["field"] as? String ?? "?", message: $0["message"] as? String ?? "?") }
    }
}

/// One `details` entry, comparable in `#expect`.
struct FieldMessage: Equatable, CustomStringConvertible {
    var field: String
    var message: String
    var description: String { "\(field): \(message)" }
}

/// A JSON string literal for building request bodies.
func jsonString(_ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}

/// `2024-12-26T11:00:00Z`: UTC, whole seconds, no fraction.
func isUptimeIOTimestamp(_ value: Any?) -> Bool {
    guard let text = value as? String else { return false }
    return text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil
}
