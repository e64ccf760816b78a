import Foundation
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct DemoFixtureTests {
    @Test func fixtures_matchTheSeedDocuments_andLoadIdempotently() throws {
        try withTestStore { store in
            try store.loadDemoFixtures()
            try store.loadDemoFixtures()
            #expect(try store.credentials().count == 2)
            #expect(try store.authenticate(secret: "123")?.projectId == nil)
            #expect(try store.authenticate(secret: "YOUR_API_KEY")?.readOnly == false)

            let onlineOrNot = try #require(try store.incident("a1b2c3d4", statusPageId: "a1b2c3d4"))
            #expect(onlineOrNot.title == "API is inaccessible" && onlineOrNot.impact == .majorOutage)
            #expect(onlineOrNot.startedAt.iso8601Milliseconds == "2021-01-01T00:00:00.000Z")
            #expect(onlineOrNot.createdAt.iso8601Milliseconds == "2021-01-01T00:00:00.000Z")
            #expect(onlineOrNot.endedAt?.iso8601Milliseconds == "2021-02-01T00:00:00.000Z")
            #expect(onlineOrNot.updatedAt.iso8601Milliseconds == "2021-02-01T00:00:00.000Z")
            #expect(onlineOrNot.components.map(\.componentId) == ["property1", "property2"])
            #expect(try store.statusPage("a1b2c3d4")?.projectId == Store.defaultProjectId)

            let page = "550e8400-e29b-41d4-a716-446655440000"
            #expect(try store.statusPage(page)?.projectId == "660e8400-e29b-41d4-a716-446655440001")
            let list = try store.incidents(IncidentQuery(statusPageId: page))
            #expect(list.total == 2)
            let (first, second) = (list.items[0], list.items[1])
            #expect(first.id == "990e8400-e29b-41d4-a716-446655440050" && first.severity == .major)
            #expect(first.description == "We are experiencing elevated response times on our API servers")
            #expect(first.components.map(\.componentId) == ["770e8400-e29b-41d4-a716-446655440010",
                                                             "770e8400-e29b-41d4-a716-446655440011"])
            #expect(first.createdAt.iso8601Seconds == "2024-12-26T11:00:00Z")
            #expect(first.updatedAt.iso8601Seconds == "2024-12-26T13:30:00Z")
            #expect(first.endedAt?.iso8601Seconds == "2024-12-26T13:30:00Z")
            #expect(first.status == .resolved && first.updatesCount == 3)
            #expect(second.id == "881e8400-e29b-41d4-a716-446655440051" && second.severity == .minor)
            #expect(second.impact == .maintenance && second.title == "Database Maintenance")
            #expect(second.createdAt.iso8601Seconds == "2024-12-25T22:00:00Z")
            #expect(second.endedAt?.iso8601Seconds == "2024-12-25T23:00:00Z")
            #expect(second.updatesCount == 1)
            #expect(try store.components(statusPageId: page).count == 3)
            #expect(try store.components(statusPageId: page).allSatisfy { $0.status == .operational })
        }
    }

    @Test func fixtures_leaveOperatorChangesAlone() throws {
        try withTestStore { store in
            try store.loadDemoFixtures()
            _ = try store.deleteIncident("a1b2c3d4", statusPageId: "a1b2c3d4")
            _ = try store.updateStatusPage("a1b2c3d4", name: "Mine", subdomain: nil, description: nil)
            try store.loadDemoFixtures()
            #expect(try store.statusPage("a1b2c3d4")?.name == "Mine")
            #expect(try store.incident("a1b2c3d4", statusPageId: "a1b2c3d4")?.updatesCount == 2)
        }
    }
}
