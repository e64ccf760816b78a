import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `GET`, `PATCH`, `PUT` and `DELETE /api/projects/{projectId}/status-pages/{id}` as a UptimeIO
/// client drives them, and what the OnlineOrNot shape and the public summary see afterwards.
@Suite struct StatusPageTests {
    static let page = Demo.base
    static let pageNotFound = """
        {"success": false, "error": {"code": "NOT_FOUND", "message": "Status page not found"}}
        """

    /// The demo page as the fixtures leave it.
    static let demoPageJSON = """
        {"id": "\(Demo.pageId)", "project_id": "\(Demo.projectId)", "name": "Acme Status",
         "description": "UptimeIO seed example",
         "branding": {"logo_url": null, "favicon_url": null, "primary_color": "#0066cc", "accent_color": "#ff6600",
                      "company_name": "Acme Corp", "custom_css": null},
         "settings": {"show_uptime_history": true, "uptime_history_days": 90, "show_incident_history": true,
                      "incident_history_days": 30, "allow_subscriptions": true, "subscription_types": ["email", "webhook"]},
         "is_published": true, "custom_domain": null, "is_password_protected": false,
         "created_at": "2024-12-01T00:00:00Z", "updated_at": "2024-12-01T00:00:00Z"}
        """

    @Test func get_showsThePage() throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("GET", Self.page)
            #expect(response.status == 200)
            expectJSON(response.body, equals: #"{"success": true, "data": {"status_page": \#(Self.demoPageJSON)}}"#)
            // Any letter case finds it; the answer keeps the stored spelling.
            let upper = try server.uptimeIO("GET", Self.page.uppercased().replacingOccurrences(of: "/API/PROJECTS/", with: "/api/projects/")
                .replacingOccurrences(of: "/STATUS-PAGES/", with: "/status-pages/"))
            #expect(upper.status == 200, "\(upper.text)")
            #expect((upper.data?["status_page"] as? [String: Any])?["id"] as? String == Demo.pageId)
        }
    }

    @Test func patch_changesWhatIsSent_andTheOnlineOrNotShapeSeesIt() throws {
        let clock = StoreClock.manual(at: Timestamp(iso8601: "2025-01-02T03:04:05Z")!)
        try withTestServer(demo: true, clock: clock) { server in
            // Read first, so that a stale cached answer would show below.
            #expect(try server.uptimeIO("GET", Self.page).status == 200)
            #expect(try server.onlineOrNot("GET", "/v1/status_pages/\(Demo.pageId)").status == 200)
            let response = try server.uptimeIO("PATCH", Self.page, body: """
                {"name": "Production Status Portal", "description": "Real-time status of all production services",
                 "branding": {"logo_url": "https://example.com/logo-dark.png", "favicon_url": "https://example.com/favicon.ico",
                              "primary_color": "#1a73e8", "custom_css": ".header { font-weight: bold; }"},
                 "settings": {"uptime_history_days": 60, "allow_subscriptions": false, "subscription_types": ["webhook"]},
                 "custom_domain": "status.example.com", "password": "securepassword123"}
                """)
            #expect(response.status == 200, "\(response.text)")
            expectJSON(response.body, equals: """
                {"success": true, "data": {"status_page": {
                  "id": "\(Demo.pageId)", "project_id": "\(Demo.projectId)", "name": "Production Status Portal",
                  "description": "Real-time status of all production services",
                  "branding": {"logo_url": "https://example.com/logo-dark.png", "favicon_url": "https://example.com/favicon.ico",
                               "primary_color": "#1a73e8", "accent_color": "#ff6600", "company_name": "Acme Corp",
                               "custom_css": ".header { font-weight: bold; }"},
                  "settings": {"show_uptime_history": true, "uptime_history_days": 60, "show_incident_history": true,
                               "incident_history_days": 30, "allow_subscriptions": false, "subscription_types": ["webhook"]},
                  "is_published": true, "custom_domain": "status.example.com", "is_password_protected": true,
                  "created_at": "2024-12-01T00:00:00Z", "updated_at": "2025-01-02T03:04:05Z"}}}
                """)
            // Read again (not from a stale cache), and through the other shape.
            let again = try server.uptimeIO("GET", Self.page)
            #expect((again.data?["status_page"] as? [String: Any])?["name"] as? String == "Production Status Portal")
            let other = try server.onlineOrNot("GET", "/v1/status_pages/\(Demo.pageId)")
            let result = other.object?["result"] as? [String: Any]
            #expect(result?["name"] as? String == "Production Status Portal")
            #expect(result?["logo_url"] as? String == "https://example.com/logo-dark.png")
            #expect(result?["favicon_url"] as? String == "https://example.com/favicon.ico")
            #expect(result?["custom_domain"] as? String == "status.example.com")
            #expect(result?["has_password"] as? Bool == true)
            #expect(try server.store.statusPage(Demo.pageId, passwordMatches: "securepassword123"))
            #expect(!other.text.contains("securepassword123"))
            // An empty PATCH changes nothing, not even updated_at.
            clock.advance(byMilliseconds: 60_000)
            let empty = try server.uptimeIO("PATCH", Self.page, body: "{}")
            #expect((empty.data?["status_page"] as? [String: Any])?["updated_at"] as? String == "2025-01-02T03:04:05Z")
        }
    }

    @Test func put_replacesTheWholeResource_keepingFieldsOnlyOnlineOrNotHas() throws {
        try withTestServer(demo: true) { server in
            let hide = try server.onlineOrNot(
                "PATCH", "/v1/status_pages/\(Demo.pageId)", body: #"{"hide_from_search_engines": true}"#)
            #expect(hide.status == 200, "\(hide.text)")
            _ = try server.uptimeIO("PATCH", Self.page, body: """
                {"is_published": false, "custom_domain": "status.example.com", "password": "pw",
                 "branding": {"logo_url": "https://example.com/l.png"}, "settings": {"show_incident_history": false}}
                """)
            let response = try server.uptimeIO("PUT", Self.page, body: #"{"settings": {"incident_history_days": 7}}"#)
            #expect(response.status == 200, "\(response.text)")
            let page = try #require(response.data?["status_page"] as? [String: Any])
            #expect(page["name"] as? String == "Acme Status", "a PUT without a name keeps it")
            #expect(page["description"] is NSNull)
            #expect(page["is_published"] as? Bool == true)
            #expect(page["custom_domain"] is NSNull)
            #expect(page["is_password_protected"] as? Bool == false)
            expectJSON(try JSONSerialization.data(withJSONObject: page["branding"] as Any).map { $0 }, equals: """
                {"logo_url": null, "favicon_url": null, "primary_color": null, "accent_color": null,
                 "company_name": null, "custom_css": null}
                """)
            expectJSON(try JSONSerialization.data(withJSONObject: page["settings"] as Any).map { $0 }, equals: """
                {"show_uptime_history": true, "uptime_history_days": 90, "show_incident_history": true,
                 "incident_history_days": 7, "allow_subscriptions": true, "subscription_types": ["email", "webhook"]}
                """)
            let other = try server.onlineOrNot("GET", "/v1/status_pages/\(Demo.pageId)")
            #expect((other.object?["result"] as? [String: Any])?["hide_from_search_engines"] as? Bool == true)
        }
    }

    @Test func passwordProtection_followsIsPasswordProtected() throws {
        try withTestServer(demo: true) { server in
            func protected() throws -> Bool? {
                (try server.uptimeIO("GET", Self.page).data?["status_page"] as? [String: Any])?["is_password_protected"] as? Bool
            }
            let none = try server.uptimeIO("PATCH", Self.page, body: #"{"is_password_protected": true}"#)
            #expect(none.status == 400)
            #expect(none.details == [FieldMessage(field: "password", message: "Password is required when is_password_protected is true")])
            #expect(try protected() == false)

            let set = try server.uptimeIO("PATCH", Self.page, body: #"{"is_password_protected": true, "password": "first"}"#)
            #expect(set.status == 200, "\(set.text)")
            // Protection asked again without a password keeps the one there is.
            #expect(try server.uptimeIO("PATCH", Self.page, body: #"{"is_password_protected": true}"#).status == 200)
            #expect(try server.store.statusPage(Demo.pageId, passwordMatches: "first"))

            let contradictory = try server.uptimeIO(
                "PATCH", Self.page, body: #"{"is_password_protected": false, "password": "second"}"#)
            #expect(contradictory.status == 400)
            #expect(try server.store.statusPage(Demo.pageId, passwordMatches: "first"))

            #expect(try server.uptimeIO("PATCH", Self.page, body: #"{"is_password_protected": false}"#).status == 200)
            #expect(try protected() == false)
            #expect(try !server.store.statusPage(Demo.pageId, passwordMatches: "first"))
        }
    }

    @Test func badInput_isA400NamingEveryField_andChangesNothing() throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("PATCH", Self.page, body: """
                {"name": 5, "description": ["x"], "is_published": "yes", "custom_domain": "a b",
                 "is_password_protected": 1, "password": "\(String(repeating: "p", count: 257))",
                 "branding": {"primary_color": "blue", "accent_color": "#12345", "company_name": "\(String(repeating: "c", count: 256))",
                              "custom_css": "a{}</STYLE><script>alert(1)</script>", "logo_url": 3},
                 "settings": {"show_uptime_history": "no", "uptime_history_days": 0, "incident_history_days": 1.5,
                              "allow_subscriptions": null, "subscription_types": ["email", "sms"]}}
                """)
            #expect(response.status == 400)
            let error = response.object?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "VALIDATION_ERROR")
            #expect(response.details == [
                FieldMessage(field: "name", message: "Name must be a string"),
                FieldMessage(field: "description", message: "Description must be a string"),
                FieldMessage(field: "is_published", message: "Is_published must be a boolean"),
                FieldMessage(field: "custom_domain", message: "Custom_domain must not contain spaces or control characters"),
                FieldMessage(field: "is_password_protected", message: "Is_password_protected must be a boolean"),
                FieldMessage(field: "password", message: "Password must be between 0 and 256 characters long"),
                FieldMessage(field: "branding.logo_url", message: "Logo_url must be a string"),
                FieldMessage(field: "branding.primary_color", message: "Primary_color must be a hex colour such as #1a73e8 or #fff"),
                FieldMessage(field: "branding.accent_color", message: "Accent_color must be a hex colour such as #1a73e8 or #fff"),
                FieldMessage(field: "branding.company_name", message: "Company_name must be between 0 and 255 characters long"),
                FieldMessage(field: "branding.custom_css", message: "Custom_css must not contain '</style' or NUL characters"),
                FieldMessage(field: "settings.show_uptime_history", message: "Show_uptime_history must be a boolean"),
                FieldMessage(field: "settings.uptime_history_days", message: "Uptime_history_days must be an integer between 1 and 365"),
                FieldMessage(field: "settings.incident_history_days", message: "Incident_history_days must be an integer between 1 and 365"),
                FieldMessage(field: "settings.allow_subscriptions", message: "Allow_subscriptions must be a boolean"),
                FieldMessage(field: "settings.subscription_types", message: "Subscription_types items must be one of: email, webhook"),
            ])
            for body in [#"{"branding": "x"}"#, #"{"settings": []}"#, #"{"name": ""}"#, "[]", "{", #"{"settings": {"uptime_history_days": 366}}"#] {
                #expect(try server.uptimeIO("PATCH", Self.page, body: body).status == 400, "\(body)")
                #expect(try server.uptimeIO("PUT", Self.page, body: body).status == 400, "\(body)")
            }
            expectJSON(try server.uptimeIO("GET", Self.page).body,
                       equals: #"{"success": true, "data": {"status_page": \#(Self.demoPageJSON)}}"#)
        }
    }

    @Test func readOnlyKeys_get403_otherProjects_get404() throws {
        try withTestServer(demo: true) { server in
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer-key")
            let other = try server.store.createProject(id: "other-project", name: "Other")
            _ = try server.store.createCredential(name: "other", projectId: other.id, readOnly: false, secret: "other-key")
            #expect(try server.uptimeIO("GET", Self.page, key: "viewer-key").status == 200)
            for method in ["PATCH", "PUT", "DELETE"] {
                let response = try server.uptimeIO(method, Self.page, key: "viewer-key", body: method == "DELETE" ? nil : #"{"name": "x"}"#)
                #expect(response.status == 403, "\(method)")
                expectJSON(response.body, equals: """
                    {"success": false, "error": {"code": "FORBIDDEN", "message": "This API key is read-only"}}
                    """)
            }
            for method in ["GET", "PATCH", "PUT", "DELETE"] {
                let body = method == "PATCH" || method == "PUT" ? #"{"name": "x"}"# : nil
                let foreign = try server.uptimeIO(method, Self.page, key: "other-key", body: body)
                #expect(foreign.status == 404, "\(method)")
                expectJSON(foreign.body, equals: Self.pageNotFound)
                let wrongProject = try server.uptimeIO(method, "/api/projects/\(other.id)/status-pages/\(Demo.pageId)", body: body)
                #expect(wrongProject.status == 404, "\(method)")
                #expect(try server.uptimeIO(method, "/api/projects/\(Demo.projectId)/status-pages/missing", body: body).status == 404)
            }
            #expect(try server.uptimeIO("GET", Self.page, key: nil).status == 401)
            #expect(try server.uptimeIO("GET", Self.page).status == 200)
        }
    }

    @Test func delete_isSoft_andThePageIsGoneEverywhere() throws {
        try withTestServer(demo: true) { server in
            // Read first, so that a stale cached answer would show below.
            for path in [Self.page, Demo.incidents, "\(Demo.incidents)/\(Demo.apiIncident)"] {
                #expect(try server.uptimeIO("GET", path).status == 200)
            }
            #expect(try server.onlineOrNot("GET", "/v1/status_pages").text.contains(Demo.pageId))
            let response = try server.uptimeIO("DELETE", Self.page)
            #expect(response.status == 200)
            expectJSON(response.body, equals: #"{"success": true, "data": {"message": "Status page deleted successfully"}}"#)

            for (method, path) in [("GET", Self.page), ("PATCH", Self.page), ("DELETE", Self.page),
                                   ("GET", Demo.incidents), ("GET", "\(Demo.incidents)/\(Demo.apiIncident)")] {
                let gone = try server.uptimeIO(method, path, body: method == "PATCH" ? "{}" : nil)
                #expect(gone.status == 404, "\(method) \(path)")
                expectJSON(gone.body, equals: Self.pageNotFound)
            }
            #expect(try server.createIncidentStatus() == 404)
            #expect(try server.onlineOrNot("GET", "/v1/status_pages/\(Demo.pageId)").status == 404)
            #expect(try server.onlineOrNot("GET", "/v1/status_pages/\(Demo.pageId)/incidents").status == 404)
            #expect(try server.send("GET", "/v1/status_pages/acme/summary").status == 404)
            let list = try server.onlineOrNot("GET", "/v1/status_pages")
            #expect(!list.text.contains(Demo.pageId))

            // What the file keeps is checked in StatusdStoreTests' PagePresentationStoreTests.
            // Its subdomain is free for a new page at once.
            let reuse = try server.onlineOrNot("POST", "/v1/status_pages", body: #"{"name": "Acme again", "subdomain": "acme"}"#)
            #expect(reuse.status == 201, "\(reuse.text)")
            #expect(try server.send("GET", "/v1/status_pages/acme/summary").status == 200)
        }
    }

    @Test func anUnpublishedPage_isNotPublic_untilPublishedAgain() throws {
        try withTestServer(demo: true) { server in
            #expect(try server.send("GET", "/v1/status_pages/acme/summary").status == 200)
            #expect(try server.uptimeIO("PATCH", Self.page, body: #"{"is_published": false}"#).status == 200)
            let hidden = try server.send("GET", "/v1/status_pages/acme/summary")
            #expect(hidden.status == 404)
            // Still managed through both shapes.
            #expect(try server.uptimeIO("GET", Demo.incidents).status == 200)
            #expect(try server.onlineOrNot("GET", "/v1/status_pages/\(Demo.pageId)").status == 200)
            #expect(try server.uptimeIO("PATCH", Self.page, body: #"{"is_published": true}"#).status == 200)
            #expect(try server.send("GET", "/v1/status_pages/acme/summary").status == 200)
        }
    }
}

extension TestServer {
    /// The status of a UptimeIO incident create on the demo page.
    func createIncidentStatus() throws -> Int {
        try uptimeIO("POST", Demo.incidents, body: """
            {"title": "t", "message": "m", "severity": "minor", "affected_monitor_ids": ["\(Demo.monitor10)"]}
            """).status
    }
}
