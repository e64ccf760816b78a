import Foundation
import StatusdTesting
import Testing

/// Bad input: 400 (10005 per field, 10006 malformed JSON), 415 (10007), 404, 405, all in the envelope.
@Suite struct IncidentValidationTests {
    static let incidents = "/v1/status_pages/a1b2c3d4/incidents"

    @Test(arguments: [
        (#"{"description":"d","status":"INVESTIGATING"}"#, "title"),
        (#"{"title":"","description":"d","status":"INVESTIGATING"}"#, "title"),
        (#"{"title":"\#(String(repeating: "x", count: 257))","description":"d","status":"INVESTIGATING"}"#, "title"),
        (#"{"title":42,"description":"d","status":"INVESTIGATING"}"#, "title"),
        (#"{"title":"t","status":"INVESTIGATING"}"#, "description"),
        (#"{"title":"t","description":"d"}"#, "status"),
        (#"{"title":"t","description":"d","status":"BROKEN"}"#, "status"),
        (#"{"title":"t","description":"d","status":"INVESTIGATING","impact":"TERRIBLE"}"#, "impact"),
        (#"{"title":"t","description":"d","status":"INVESTIGATING","components":"property1"}"#, "components"),
        (#"{"title":"t","description":"d","status":"INVESTIGATING","components":{"property1":"BAD"}}"#, "components.property1"),
        (#"{"title":"t","description":"d","status":"INVESTIGATING","components":[{"status":"MAJOR_OUTAGE"}]}"#, "components[0].id"),
        (#"{"title":"t","description":"d","status":"INVESTIGATING","components":[{"id":"property1","status":"BAD"}]}"#, "components[0].status"),
    ])
    func createRejectsInvalidField(body: String, field: String) throws {
        try withTestServer { server in
            let response = try server.oon("POST", Self.incidents, body: body)
            expectError(response, status: 400, code: 10005)
            #expect(errors(response).contains { $0["field"] as? String == field && ($0["message"] as? String)?.hasPrefix(field) == true }, "\(response.text)")
        }
    }

    @Test func titleOf256CharactersIsAccepted() throws {
        try withTestServer { server in
            let title = String(repeating: "é", count: 256)
            let response = try server.oon("POST", Self.incidents, body: #"{"title":"\#(title)","description":"d","status":"INVESTIGATING"}"#)
            #expect(response.status == 200)
            #expect(result(response)["title"] as? String == title)
        }
    }

    @Test func everyBadFieldIsReportedAtOnce() throws {
        try withTestServer { server in
            let response = try server.oon("POST", Self.incidents, body: #"{"title":"","status":"NOPE","impact":1}"#)
            expectError(response, status: 400, code: 10005)
            let fields = Set(errors(response).compactMap { $0["field"] as? String })
            #expect(fields == ["title", "description", "status", "impact"])
        }
    }

    @Test(arguments: [
        #"{"title":"t","description":"d","status":"INVESTIGATING","components":{"ghost":"MAJOR_OUTAGE"}}"#,
        #"{"title":"t","description":"d","status":"INVESTIGATING","components":[{"id":"ghost","status":"MAJOR_OUTAGE"}]}"#,
    ])
    func unknownComponentIdsAreNamed(body: String) throws {
        try withTestServer { server in
            let response = try server.oon("POST", Self.incidents, body: body)
            expectError(response, status: 400, code: 10005, mentioning: "ghost")
            let list = try server.oon("GET", Self.incidents)
            #expect(results(list).count == 1)
        }
    }

    @Test func unknownComponentIdsOnUpdateAreNamed() throws {
        try withTestServer { server in
            let response = try server.oon("PATCH", "\(Self.incidents)/a1b2c3d4", body: #"{"components":{"ghost":"MAJOR_OUTAGE"}}"#)
            expectError(response, status: 400, code: 10005, mentioning: "ghost")
        }
    }

    @Test(arguments: ["{", #"{"title":}"#, "[1,2]", "\"text\"", "", #"{"title":"t"} trailing"#])
    func malformedJSONIs400(body: String) throws {
        try withTestServer { server in
            expectError(try server.oon("POST", Self.incidents, body: body), status: 400, code: 10006)
        }
    }

    @Test(arguments: ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
    func bodyThatIsNotJSONIs415(contentType: String) throws {
        try withTestServer { server in
            let response = try server.oon(
                "POST", Self.incidents, body: "title=t&description=d", contentType: contentType
            )
            expectError(response, status: 415, code: 10007)
        }
    }

    @Test func unknownFieldsAreIgnored() throws {
        try withTestServer { server in
            let response = try server.oon(
                "POST", Self.incidents,
                body: #"{"title":"t","description":"d","status":"IDENTIFIED","notify_subscribers":false,"x":{"y":1}}"#
            )
            #expect(response.status == 200)
            #expect(result(response)["status"] as? String == "IDENTIFIED")
        }
    }

    @Test func missingThingsAre404() throws {
        try withTestServer { server in
            expectError(try server.oon("GET", "/v1/status_pages/nope/incidents"), status: 404, code: 10003, mentioning: "Status page")
            expectError(try server.oon("GET", "\(Self.incidents)/nope"), status: 404, code: 10003, mentioning: "Incident")
            expectError(try server.oon("PATCH", "\(Self.incidents)/nope", body: #"{"title":"t"}"#), status: 404, code: 10003)
            expectError(try server.oon("DELETE", "\(Self.incidents)/nope"), status: 404, code: 10003)
            expectError(try server.oon("GET", "/v1/nothing-here"), status: 404, code: 10003)
        }
    }

    @Test func wrongMethodIs405WithAllow() throws {
        try withTestServer { server in
            let response = try server.oon("PUT", "\(Self.incidents)/a1b2c3d4", body: "{}")
            expectError(response, status: 405, code: 10004)
            let allow = Set((response.header("Allow") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(allow.isSuperset(of: ["GET", "POST", "PATCH", "DELETE"]))
        }
    }
}
