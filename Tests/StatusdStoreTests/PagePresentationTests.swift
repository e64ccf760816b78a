import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

/// The 0009 page fields (publication, branding, display settings) and soft deletion.
@Suite struct PagePresentationStoreTests {
    @Test func presentationFieldsRoundTrip_andDefaultsHoldForNewPages() throws {
        try withTestStore { store in
            let fixture = try PageFixture.make(in: store)
            #expect(fixture.page.isPublished)
            #expect(fixture.page.branding == PageBranding())
            #expect(fixture.page.display == PageDisplaySettings())
            var changes = StatusPageChanges()
            changes.isPublished = false
            (changes.primaryColor, changes.accentColor) = (.some("#fff"), .some("#000000"))
            (changes.companyName, changes.customCSS) = (.some("Acme"), .some("a { color: red }"))
            (changes.showUptimeHistory, changes.uptimeHistoryDays) = (false, 7)
            (changes.showIncidentHistory, changes.incidentHistoryDays) = (false, 365)
            (changes.allowSubscriptions, changes.subscriptionTypes) = (false, [.webhook, .email])
            let page = try #require(try store.updateStatusPage("page", changes))
            #expect(!page.isPublished)
            #expect(page.branding == PageBranding(primaryColor: "#fff", accentColor: "#000000", companyName: "Acme", customCSS: "a { color: red }"))
            #expect(page.display == PageDisplaySettings(
                showUptimeHistory: false, uptimeHistoryDays: 7, showIncidentHistory: false, incidentHistoryDays: 365,
                allowSubscriptions: false, subscriptionTypes: [.email, .webhook]))
            var none = StatusPageChanges()
            none.subscriptionTypes = []
            #expect(try store.updateStatusPage("page", none)?.display.subscriptionTypes == [])
            // The schema refuses what the API would, whoever writes.
            #expect(throws: (any Error).self) {
                try store.write { db in try db.execute(sql: "UPDATE status_pages SET uptime_history_days = 0") }
            }
        }
    }

    @Test func softDeletion_hidesThePage_keepsItsRows_andFreesTheSubdomain() throws {
        try withTestStore { store in
            let fixture = try PageFixture.make(in: store)
            _ = try store.createIncident(.make(), statusPageId: "page")
            let subdomain = fixture.page.subdomain
            #expect(try store.softDeleteStatusPage("page"))
            #expect(try !store.softDeleteStatusPage("page"))
            #expect(try store.statusPage("page") == nil)
            #expect(try store.statusPage(subdomain: subdomain) == nil)
            #expect(try store.statusPages(projectId: "proj").isEmpty)
            #expect(try store.statusPages(projectId: nil).isEmpty)
            #expect(try store.statusPageCounts()["proj"] == nil)
            #expect(try store.updateStatusPage("page", StatusPageChanges(name: "x")) == nil)
            let kept = try store.read { db in
                try db.makeStatement(sql: """
                    SELECT deleted_subdomain, deleted_at IS NOT NULL AS deleted,
                           (SELECT COUNT(*) FROM incidents WHERE status_page_id = 'page') AS incidents,
                           (SELECT COUNT(*) FROM components WHERE status_page_id = 'page') AS components
                    FROM status_pages WHERE id = 'page'
                    """).decodeFirst { ($0[0] as String?, $0[1] as Bool, $0[2] as Int, $0[3] as Int) }
            }
            #expect(kept?.0 == subdomain)
            #expect(kept?.1 == true)
            #expect(kept?.2 == 1)
            #expect(kept?.3 == 2)
            let again = try store.createStatusPage(
                id: "page2", projectId: "proj", name: "Again", subdomain: subdomain, description: nil)
            #expect(again.subdomain == subdomain)
            // The id stays taken: ids are never reused.
            #expect(throws: StoreError.duplicate(field: "id", value: "page")) {
                try store.createStatusPage(id: "page", projectId: "proj", name: "x", subdomain: nil, description: nil)
            }
        }
    }

    @Test func fixturesSetThePresentationFields_andRefuseBadOnes() throws {
        try withTestStore { store in
            let file = """
                {"projects": [{"id": "p", "name": "P"}],
                 "status_pages": [{"id": "sp", "project_id": "p", "name": "SP", "is_published": false,
                                   "primary_color": "#0066cc", "company_name": "Acme", "uptime_history_days": 30,
                                   "subscription_types": ["email"]}]}
                """
            try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))
            let page = try #require(try store.statusPage("sp"))
            #expect(!page.isPublished)
            #expect(page.branding.primaryColor == "#0066cc")
            #expect(page.branding.companyName == "Acme")
            #expect(page.display.uptimeHistoryDays == 30)
            #expect(page.display.subscriptionTypes == [.email])
            for (field, bad) in [("primary_color", #""blue""#), ("uptime_history_days", "0"),
                                 ("subscription_types", #"["sms"]"#), ("custom_css", #""</style>""#)] {
                let broken = #"{"status_pages": [{"id": "bad", "name": "B", "\#(field)": \#(bad)}]}"#
                #expect(throws: FixtureError.self, "\(field)") { try store.load(try Fixtures.parse(Data(broken.utf8), source: "t.json")) }
            }
            #expect(try store.statusPage("bad") == nil)
        }
    }
}
