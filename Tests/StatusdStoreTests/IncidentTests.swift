import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct IncidentTests {
    @Test func create_recordsFirstUpdate_andLinks() throws {
        try withTestStore { store in
            let fixture = try PageFixture.make(in: store)
            let incident = try store.createIncident(
                .make(components: [AffectedComponent(componentId: "page-c1", impact: .partialOutage),
                                   AffectedComponent(componentId: "page-c0")]),
                statusPageId: fixture.page.id)
            #expect(incident.id == incident.id.lowercased())
            #expect(UUID(uuidString: incident.id) != nil)
            #expect(incident.status == .investigating)
            #expect(incident.endedAt == nil)
            #expect(incident.startedAt == incident.createdAt)
            #expect(incident.updatesCount == 1)
            #expect(incident.latestUpdate?.message == "Looking into it")
            #expect(incident.latestUpdate?.createdBy == "tester")
            #expect(incident.components == [AffectedComponent(componentId: "page-c1", impact: .partialOutage),
                                            AffectedComponent(componentId: "page-c0")])
            #expect(try store.incident(incident.id, statusPageId: "page") == incident)
        }
    }

    @Test func create_keepsGivenId_andRefusesDuplicate() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(id: "given"), statusPageId: "page")
            #expect(incident.id == "given")
            #expect(throws: StoreError.duplicate(field: "id", value: "given")) {
                try store.createIncident(.make(id: "given"), statusPageId: "page")
            }
        }
    }

    @Test func create_resolved_setsEnded() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(status: .resolved), statusPageId: "page")
            #expect(incident.endedAt == incident.createdAt)
        }
    }

    @Test func create_unknownComponents_writesNothing() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            _ = try PageFixture.make(in: store, pageId: "other")
            #expect(throws: StoreError.unknownComponents(["nope", "other-c0"])) {
                try store.createIncident(
                    .make(components: [AffectedComponent(componentId: "page-c0"), AffectedComponent(componentId: "nope"),
                                       AffectedComponent(componentId: "other-c0"), AffectedComponent(componentId: "nope")]),
                    statusPageId: "page")
            }
            #expect(try store.incidents(IncidentQuery(statusPageId: "page")).total == 0)
            let rows = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") }
            #expect(rows == 0)
        }
    }

    @Test func create_onMissingPage_throwsMissingParent() throws {
        try withTestStore { store in
            #expect(throws: StoreError.missingParent("status page")) {
                try store.createIncident(.make(), statusPageId: "absent")
            }
        }
    }

    @Test func update_statusChange_setsAndClearsEnded_andRecordsTimeline() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let created = try store.createIncident(.make(), statusPageId: "page")
            let resolved = try #require(try store.updateIncident(
                created.id, statusPageId: "page", IncidentChanges(status: .resolved, changedBy: "ops")))
            #expect(resolved.status == .resolved)
            #expect(resolved.endedAt != nil)
            #expect(resolved.updatesCount == 2)
            #expect(resolved.latestUpdate?.message == "Status changed to resolved")
            #expect(resolved.latestUpdate?.createdBy == "ops")
            let reopened = try #require(try store.updateIncident(
                created.id, statusPageId: "page", IncidentChanges(status: .monitoring, changedBy: "ops")))
            #expect(reopened.endedAt == nil)
            #expect(reopened.updatesCount == 3)
        }
    }

    @Test func update_titleOnly_addsNoTimelineEntry_descriptionDoes() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let created = try store.createIncident(.make(), statusPageId: "page")
            let retitled = try #require(try store.updateIncident(
                created.id, statusPageId: "page", IncidentChanges(title: "New title", impact: .some(nil), changedBy: "x")))
            #expect(retitled.title == "New title")
            #expect(retitled.impact == nil)
            #expect(retitled.severity == .minor)
            #expect(retitled.updatesCount == 1)
            let described = try #require(try store.updateIncident(
                created.id, statusPageId: "page", IncidentChanges(description: "Found it", changedBy: "x")))
            #expect(described.updatesCount == 2)
            #expect(described.latestUpdate?.message == "Found it")
            #expect(described.latestUpdate?.keptStatus == true)
        }
    }

    @Test func update_components_replacesLinks_unknownRollsBack() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let created = try store.createIncident(
                .make(components: [AffectedComponent(componentId: "page-c0")]), statusPageId: "page")
            let moved = try #require(try store.updateIncident(
                created.id, statusPageId: "page",
                IncidentChanges(components: [AffectedComponent(componentId: "page-c1")], changedBy: "x")))
            #expect(moved.components.map(\.componentId) == ["page-c1"])
            #expect(throws: StoreError.unknownComponents(["zz"])) {
                try store.updateIncident(
                    created.id, statusPageId: "page",
                    IncidentChanges(title: "changed", components: [AffectedComponent(componentId: "zz")], changedBy: "x"))
            }
            let after = try #require(try store.incident(created.id, statusPageId: "page"))
            #expect(after.title == "Outage")
            #expect(after.components.map(\.componentId) == ["page-c1"])
        }
    }

    @Test func update_absent_orOnOtherPage_returnsNil() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            _ = try PageFixture.make(in: store, pageId: "other")
            let created = try store.createIncident(.make(), statusPageId: "page")
            #expect(try store.updateIncident("absent", statusPageId: "page", IncidentChanges(title: "t", changedBy: "x")) == nil)
            #expect(try store.updateIncident(created.id, statusPageId: "other", IncidentChanges(title: "t", changedBy: "x")) == nil)
            #expect(try store.incident(created.id, statusPageId: "other") == nil)
        }
    }

    @Test func delete_removesUpdatesAndLinks() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let created = try store.createIncident(
                .make(components: [AffectedComponent(componentId: "page-c0")]), statusPageId: "page")
            #expect(try store.deleteIncident(created.id, statusPageId: "other") == false)
            #expect(try store.deleteIncident(created.id, statusPageId: "page") == true)
            #expect(try store.deleteIncident(created.id, statusPageId: "page") == false)
            let leftovers = try store.read { db in
                try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM incident_updates) + (SELECT COUNT(*) FROM incident_components)")
            }
            #expect(leftovers == 0)
            #expect(try store.incidents(IncidentQuery(statusPageId: "page")).total == 0)
        }
    }
}

/// `IncidentChanges.note`: an extra timeline entry written in the same transaction as the change.
@Suite struct IncidentNoteTests {
    @Test func note_isRecordedAfterTheStatusEntry_keepingTheNewStatus() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(), statusPageId: "page")
            let updated = try #require(try store.updateIncident(
                incident.id, statusPageId: "page",
                IncidentChanges(title: "New title", status: .identified, note: "Title changed", changedBy: "ed")))
            #expect(updated.title == "New title")
            #expect(updated.updatesCount == 3)
            let timeline = try #require(try store.updates(
                incidentId: incident.id, statusPageId: "page", page: 1, perPage: 10, order: .ascending))
            #expect(timeline.items.map(\.message) == ["Looking into it", "Status changed to identified", "Title changed"])
            #expect(timeline.items.map(\.keptStatus) == [false, false, true])
            #expect(timeline.items.last?.status == .identified)
            #expect(timeline.items.last?.createdBy == "ed")
            #expect(updated.latestUpdate?.message == "Title changed")
        }
    }

    @Test func noteAlone_isAChange_thatKeepsTheStatus() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(status: .monitoring), statusPageId: "page")
            let changes = IncidentChanges(note: "Still watching", changedBy: "ed")
            #expect(!changes.isEmpty)
            let updated = try #require(try store.updateIncident(incident.id, statusPageId: "page", changes))
            #expect(updated.status == .monitoring)
            #expect(updated.updatesCount == 2)
            #expect(updated.latestUpdate?.message == "Still watching")
            #expect(updated.latestUpdate?.keptStatus == true)
        }
    }

    @Test func failingChange_recordsNoNote() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(.make(), statusPageId: "page")
            #expect(throws: StoreError.unknownComponents(["nope"])) {
                try store.updateIncident(
                    incident.id, statusPageId: "page",
                    IncidentChanges(components: [AffectedComponent(componentId: "nope")], note: "Monitors changed",
                                    changedBy: "ed"))
            }
            #expect(try store.incident(incident.id, statusPageId: "page")?.updatesCount == 1)
        }
    }
}
