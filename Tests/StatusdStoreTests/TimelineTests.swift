import Foundation
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct TimelineTests {
    @Test func addUpdate_changesStatus_setsAndClearsEnded_nilKeepsStatus() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(), statusPageId: "page")
            let kept = try #require(try store.addUpdate(
                NewIncidentUpdate(message: "still looking", status: nil, createdBy: "a"), incidentId: incident.id,
                statusPageId: "page"))
            #expect(kept.status == .investigating && kept.keptStatus)
            _ = try store.addUpdate(NewIncidentUpdate(message: "fixed", status: .resolved, createdBy: "a"),
                                    incidentId: incident.id, statusPageId: "page")
            let resolved = try #require(try store.incident(incident.id, statusPageId: "page"))
            #expect(resolved.status == .resolved && resolved.endedAt != nil)
            #expect(resolved.updatesCount == 3)
            #expect(resolved.latestUpdate?.message == "fixed")
            _ = try store.addUpdate(NewIncidentUpdate(message: "back", status: .identified, createdBy: "a"),
                                    incidentId: incident.id, statusPageId: "page")
            #expect(try store.incident(incident.id, statusPageId: "page")?.endedAt == nil)
            #expect(try store.addUpdate(NewIncidentUpdate(message: "x", status: nil, createdBy: "a"),
                                        incidentId: "absent", statusPageId: "page") == nil)
        }
    }

    @Test func updates_areOrderedByInsertion_withinTheSameMillisecond_andPaged() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(description: "m0"), statusPageId: "page")
            for index in 1..<6 {
                _ = try store.addUpdate(NewIncidentUpdate(message: "m\(index)", status: nil, createdBy: "a"),
                                        incidentId: incident.id, statusPageId: "page")
            }
            let ascending = try #require(try store.updates(
                incidentId: incident.id, statusPageId: "page", page: 1, perPage: 4, order: .ascending))
            #expect(ascending.total == 6)
            #expect(ascending.items.map(\.message) == ["m0", "m1", "m2", "m3"])
            let descending = try #require(try store.updates(
                incidentId: incident.id, statusPageId: "page", page: 2, perPage: 4, order: .descending))
            #expect(descending.items.map(\.message) == ["m1", "m0"])
            #expect(try store.incident(incident.id, statusPageId: "page")?.latestUpdate?.message == "m5")
            #expect(try store.updates(incidentId: incident.id, statusPageId: "nope", page: 1, perPage: 4, order: .ascending) == nil)
        }
    }

    @Test func editUpdate_latestAppliesStatus_olderDoesNot_deleteRemoves() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(), statusPageId: "page")
            let first = try #require(incident.latestUpdate)
            let latest = try #require(try store.addUpdate(
                NewIncidentUpdate(message: "m", status: .identified, createdBy: "a"), incidentId: incident.id, statusPageId: "page"))
            let editedOld = try #require(try store.editUpdate(
                first.id, incidentId: incident.id, statusPageId: "page", message: "edited", status: .monitoring))
            #expect(editedOld.message == "edited" && editedOld.status == .monitoring)
            #expect(try store.incident(incident.id, statusPageId: "page")?.status == .identified)
            _ = try store.editUpdate(latest.id, incidentId: incident.id, statusPageId: "page", message: nil, status: .resolved)
            let after = try #require(try store.incident(incident.id, statusPageId: "page"))
            #expect(after.status == .resolved && after.endedAt != nil)
            #expect(try store.update(latest.id, incidentId: incident.id, statusPageId: "page")?.message == "m")
            #expect(try store.deleteUpdate(first.id, incidentId: incident.id, statusPageId: "page"))
            #expect(try store.deleteUpdate(first.id, incidentId: incident.id, statusPageId: "page") == false)
            #expect(try store.update(first.id, incidentId: incident.id, statusPageId: "page") == nil)
            #expect(try store.editUpdate("nope", incidentId: incident.id, statusPageId: "page", message: "x", status: nil) == nil)
        }
    }
}
