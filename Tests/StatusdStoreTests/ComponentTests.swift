import Foundation
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct ComponentTests {
    @Test func status_isWorstImpactOfOpenIncidents_elseOperational() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, componentCount: 3)
            let degraded = try store.createIncident(
                .make(impact: .degradedPerformance, components: [AffectedComponent(componentId: "page-c0")]),
                statusPageId: "page")
            // Link impact wins over the incident's; nil link falls back to the incident's impact.
            let major = try store.createIncident(
                .make(impact: .majorOutage, components: [AffectedComponent(componentId: "page-c0", impact: .partialOutage),
                                                         AffectedComponent(componentId: "page-c1")]),
                statusPageId: "page")
            _ = try store.createIncident(
                .make(impact: nil, components: [AffectedComponent(componentId: "page-c2")]), statusPageId: "page")
            var statuses = try store.components(statusPageId: "page").map(\.status)
            #expect(statuses == [.impacted(.partialOutage), .impacted(.majorOutage), .impacted(.noImpact)])
            _ = try store.updateIncident(major.id, statusPageId: "page", IncidentChanges(status: .resolved, changedBy: "x"))
            statuses = try store.components(statusPageId: "page").map(\.status)
            #expect(statuses == [.impacted(.degradedPerformance), .operational, .impacted(.noImpact)])
            _ = try store.addUpdate(
                NewIncidentUpdate(message: "done", status: .resolved, createdBy: "x"),
                incidentId: degraded.id, statusPageId: "page")
            #expect(try store.component("page-c0", statusPageId: "page")?.status == .operational)
        }
    }

    @Test func override_wins_andCanBeCleared() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            _ = try store.createIncident(
                .make(impact: .majorOutage, components: [AffectedComponent(componentId: "page-c0")]), statusPageId: "page")
            let overridden = try #require(try store.updateComponent(
                "page-c0", statusPageId: "page", name: "Renamed", description: .some("d"),
                statusOverride: .some(.impacted(.maintenance))))
            #expect(overridden.status == .impacted(.maintenance))
            #expect(overridden.name == "Renamed")
            #expect(overridden.description == "d")
            let cleared = try #require(try store.updateComponent(
                "page-c0", statusPageId: "page", name: nil, description: nil, statusOverride: .some(nil)))
            #expect(cleared.statusOverride == nil)
            #expect(cleared.status == .impacted(.majorOutage))
            #expect(cleared.description == "d")
        }
    }

    @Test func components_areOrderedByPosition_andScopedToTheirPage() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, componentCount: 3)
            _ = try PageFixture.make(in: store, pageId: "other", componentCount: 1)
            #expect(try store.components(statusPageId: "page").map(\.id) == ["page-c0", "page-c1", "page-c2"])
            #expect(try store.component("page-c0", statusPageId: "other") == nil)
            #expect(try store.updateComponent("page-c0", statusPageId: "other", name: "x", description: nil,
                                              statusOverride: nil) == nil)
            #expect(try store.deleteComponent("page-c0", statusPageId: "other") == false)
        }
    }

    @Test func delete_removesLinks_fromIncidents() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(
                .make(components: [AffectedComponent(componentId: "page-c0"), AffectedComponent(componentId: "page-c1")]),
                statusPageId: "page")
            #expect(try store.deleteComponent("page-c0", statusPageId: "page"))
            #expect(try store.incident(incident.id, statusPageId: "page")?.components.map(\.componentId) == ["page-c1"])
        }
    }

    @Test func createComponent_duplicateId_orMissingPage() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            #expect(throws: StoreError.duplicate(field: "id", value: "page-c0")) {
                try store.createComponent(id: "page-c0", statusPageId: "page", name: "x", description: nil, statusOverride: nil)
            }
            #expect(throws: StoreError.missingParent("status page")) {
                try store.createComponent(id: nil, statusPageId: "nope", name: "x", description: nil, statusOverride: nil)
            }
        }
    }
}
