import StatusdTesting
import Testing

/// Every invalid input is a 400 `VALIDATION_ERROR` whose `details` hold one entry per bad field, in
/// the seed's message style.
@Suite struct QueryValidationTests {
    static let pageMessage = "Page must be an integer between 1 and 1000000"
    static let limitMessage = "Limit must be an integer between 1 and 100"

    @Test(arguments: [
        ("page=0", FieldMessage(field: "page", message: pageMessage)),
        ("page=-1", FieldMessage(field: "page", message: pageMessage)),
        ("page=abc", FieldMessage(field: "page", message: pageMessage)),
        ("page=", FieldMessage(field: "page", message: pageMessage)),
        ("page=99999999999999999999999", FieldMessage(field: "page", message: pageMessage)),
        ("limit=0", FieldMessage(field: "limit", message: limitMessage)),
        ("limit=101", FieldMessage(field: "limit", message: limitMessage)),
        ("limit=2.5", FieldMessage(field: "limit", message: limitMessage)),
        ("status=Resolved", FieldMessage(
            field: "status", message: "Status must be one of: investigating, identified, monitoring, resolved")),
        ("severity=high", FieldMessage(field: "severity", message: "Severity must be one of: minor, major, critical")),
        ("sort_by=title", FieldMessage(
            field: "sort_by", message: "Sort_by must be one of: created_at, updated_at, severity, status")),
        ("sort_order=up", FieldMessage(field: "sort_order", message: "Sort_order must be one of: asc, desc")),
    ])
    func invalidParameter(_ query: String, _ expected: FieldMessage) throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("GET", "\(Demo.incidents)?\(query)")
            #expect(response.status == 400)
            let error = response.object?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "VALIDATION_ERROR")
            #expect(error?["message"] as? String == "Invalid query parameters")
            #expect(response.details == [expected])
        }
    }

    @Test func everyInvalidParameterIsReportedOnce() throws {
        try withTestServer(demo: true) { server in
            let query = "page=0&limit=500&status=x&severity=y&sort_by=z&sort_order=w&unknown=ignored"
            let response = try server.uptimeIO("GET", "\(Demo.incidents)?\(query)")
            #expect(response.status == 400)
            #expect(response.details.map(\.field) == ["page", "limit", "status", "severity", "sort_by", "sort_order"])
        }
    }

    @Test func updatesListValidatesItsParameters() throws {
        try withTestServer(demo: true) { server in
            let path = "\(Demo.incidents)/\(Demo.apiIncident)/updates?limit=0&sort_order=newest&page=x"
            let response = try server.uptimeIO("GET", path)
            #expect(response.status == 400)
            #expect(response.details == [
                FieldMessage(field: "page", message: Self.pageMessage),
                FieldMessage(field: "limit", message: Self.limitMessage),
                FieldMessage(field: "sort_order", message: "Sort_order must be one of: asc, desc"),
            ])
        }
    }
}

@Suite struct BodyValidationTests {
    func expectInvalidBody(
        _ server: TestServer, _ method: String, _ path: String, _ body: String, _ expected: [FieldMessage],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let response = try server.uptimeIO(method, path, body: body)
        #expect(response.status == 400, "\(response.text)", sourceLocation: sourceLocation)
        let error = response.object?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "VALIDATION_ERROR", sourceLocation: sourceLocation)
        #expect(error?["message"] as? String == "Invalid request body", sourceLocation: sourceLocation)
        #expect(response.details == expected, sourceLocation: sourceLocation)
    }

    @Test func createRequiresEveryField() throws {
        try withTestServer(demo: true) { server in
            try expectInvalidBody(server, "POST", Demo.incidents, "{}", [
                FieldMessage(field: "title", message: "Title is required"),
                FieldMessage(field: "message", message: "Message is required"),
                FieldMessage(field: "severity", message: "Severity is required"),
                FieldMessage(field: "affected_monitor_ids", message: "Affected_monitor_ids is required"),
            ])
        }
    }

    @Test func createChecksLengthsAndChoices() throws {
        try withTestServer(demo: true) { server in
            let body = """
                {"title": "\(String(repeating: "t", count: 201))", "message": "", "severity": "high",
                 "status": "open", "affected_monitor_ids": []}
                """
            try expectInvalidBody(server, "POST", Demo.incidents, body, [
                FieldMessage(field: "title", message: "Title must be between 1 and 200 characters long"),
                FieldMessage(field: "message", message: "Message must be between 1 and 5000 characters long"),
                FieldMessage(field: "severity", message: "Severity must be one of: minor, major, critical"),
                FieldMessage(
                    field: "status", message: "Status must be one of: investigating, identified, monitoring, resolved"),
                FieldMessage(field: "affected_monitor_ids", message: "Affected_monitor_ids must contain at least 1 item"),
            ])
        }
    }

    @Test func createAcceptsTheLimitsExactly() throws {
        try withTestServer(demo: true) { server in
            let incident = try server.createIncident(
                title: String(repeating: "t", count: 200), message: String(repeating: "m", count: 5000))
            #expect((incident["title"] as? String)?.count == 200)
            #expect((incident["message"] as? String)?.count == 5000)
            try expectInvalidBody(server, "POST", Demo.incidents, """
                {"title": "t", "message": "\(String(repeating: "m", count: 5001))", "severity": "minor",
                 "affected_monitor_ids": ["\(Demo.monitor10)"]}
                """, [FieldMessage(field: "message", message: "Message must be between 1 and 5000 characters long")])
        }
    }

    @Test func createRejectsWrongTypes() throws {
        try withTestServer(demo: true) { server in
            try expectInvalidBody(server, "POST", Demo.incidents, """
                {"title": 5, "message": null, "severity": "minor", "affected_monitor_ids": [1]}
                """, [
                    FieldMessage(field: "title", message: "Title must be a string"),
                    FieldMessage(field: "message", message: "Message must be a string"),
                    FieldMessage(field: "affected_monitor_ids", message: "Affected_monitor_ids must be an array of strings"),
                ])
        }
    }

    @Test func createNamesMonitorsThatAreNotOnThePage() throws {
        try withTestServer(demo: true) { server in
            // `property1` is a component of the OnlineOrNot demo page, not of this one.
            try expectInvalidBody(server, "POST", Demo.incidents, """
                {"title": "t", "message": "m", "severity": "minor",
                 "affected_monitor_ids": ["\(Demo.monitor10)", "nope", "\(Demo.onlineOrNotComponent)"]}
                """, [
                    FieldMessage(
                        field: "affected_monitor_ids",
                        message: "Unknown component ids for this status page: nope, \(Demo.onlineOrNotComponent)"),
                ])
            #expect(try server.uptimeIO("GET", Demo.incidents).pagination["total"] as? Int == 2)
        }
    }

    @Test func malformedJSONIsAValidationError() throws {
        try withTestServer(demo: true) { server in
            for body in ["{\"title\": ", "[1, 2]", "\"text\"", ""] {
                let response = try server.uptimeIO("POST", Demo.incidents, body: body)
                #expect(response.status == 400, "\(body)")
                let error = response.object?["error"] as? [String: Any]
                #expect(error?["code"] as? String == "VALIDATION_ERROR")
                #expect(error?["message"] as? String == "Invalid request body")
                #expect(response.details.map(\.field) == ["body"])
            }
        }
    }

    @Test func nonJSONContentTypeIs415() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send(
                "POST", Demo.incidents, headers: [("X-API-Key", Demo.apiKey), ("Content-Type", "text/plain")],
                body: "title=x")
            #expect(response.status == 415)
            expectJSON(response.body, equals: """
                {"success": false, "error": {"code": "UNSUPPORTED_MEDIA_TYPE",
                 "message": "Content-Type must be application/json"}}
                """)
        }
    }

    @Test func patchNeedsAtLeastOneKnownField() throws {
        try withTestServer(demo: true) { server in
            let path = "\(Demo.incidents)/\(Demo.apiIncident)"
            try expectInvalidBody(server, "PATCH", path, "{\"unknown\": 1}", [
                FieldMessage(
                    field: "body",
                    message: "Body must contain at least one of: title, message, severity, status, affected_monitor_ids"),
            ])
            try expectInvalidBody(server, "PATCH", path, "{\"severity\": \"bad\", \"title\": \"\"}", [
                FieldMessage(field: "title", message: "Title must be between 1 and 200 characters long"),
                FieldMessage(field: "severity", message: "Severity must be one of: minor, major, critical"),
            ])
        }
    }

    @Test func updateNeedsMessageAndStatus() throws {
        try withTestServer(demo: true) { server in
            let path = "\(Demo.incidents)/\(Demo.apiIncident)/updates"
            try expectInvalidBody(server, "POST", path, "{}", [
                FieldMessage(field: "message", message: "Message is required"),
                FieldMessage(field: "status", message: "Status is required"),
            ])
            try expectInvalidBody(server, "POST", path, "{\"message\": \"x\", \"status\": \"UPDATE\"}", [
                FieldMessage(
                    field: "status", message: "Status must be one of: investigating, identified, monitoring, resolved"),
            ])
        }
    }
}
