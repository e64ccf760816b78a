import StatusdCore
import Testing

@Suite struct StatusTests {
    @Test func severity_fromImpact_followsTheContract() {
        #expect(Severity(impact: .majorOutage) == .critical)
        #expect(Severity(impact: .partialOutage) == .major)
        #expect(Severity(impact: .degradedPerformance) == .minor)
        #expect(Severity(impact: .noImpact) == .minor)
        #expect(Severity(impact: .maintenance) == .minor)
        #expect(Severity(impact: nil) == .minor)
        #expect(Severity.critical.impact == .majorOutage)
        #expect(Severity.major.impact == .partialOutage)
        #expect(Severity.minor.impact == .degradedPerformance)
        #expect(Severity.minor < .major && Severity.major < .critical)
    }

    @Test func derive_takesWorstOpenImpact_overrideWins() {
        #expect(ComponentStatus.derive(openImpacts: []) == .operational)
        #expect(ComponentStatus.derive(openImpacts: [.maintenance, .majorOutage, .degradedPerformance])
                == .impacted(.majorOutage))
        #expect(ComponentStatus.derive(openImpacts: [.noImpact, .maintenance]) == .impacted(.maintenance))
        #expect(ComponentStatus.derive(openImpacts: [.majorOutage], override: .operational) == .operational)
        #expect(ComponentStatus.derive(openImpacts: [], override: .impacted(.partialOutage)) == .impacted(.partialOutage))
    }

    @Test func componentStatus_wireSpelling_roundTrips() {
        #expect(ComponentStatus(rawValue: "OPERATIONAL") == .operational)
        for impact in Impact.allCases {
            #expect(ComponentStatus(rawValue: impact.rawValue) == .impacted(impact))
            #expect(ComponentStatus.impacted(impact).rawValue == impact.rawValue)
        }
        #expect(ComponentStatus(rawValue: "operational") == nil)
    }

    @Test func incidentStatus_ordersInvestigatingFirst() {
        #expect(IncidentStatus.allCases.sorted() == [.investigating, .identified, .monitoring, .resolved])
        #expect(IncidentStatus.resolved.isOpen == false && IncidentStatus.monitoring.isOpen)
    }

    /// A window is open on [start, end): the end itself is after it.
    @Test func maintenancePhases() {
        let start = Timestamp(millisecondsSince1970: 1_000_000)
        let window = ScheduledMaintenance(
            id: "w", statusPageId: "p", title: "t", description: "d", startsAt: start, durationMinutes: 2,
            componentIds: [], createdAt: start, updatedAt: start)
        #expect(window.endsAt.millisecondsSince1970 == 1_120_000)
        #expect(window.phase(at: Timestamp(millisecondsSince1970: 999_999)) == .scheduled)
        #expect(window.phase(at: start) == .inProgress)
        #expect(window.phase(at: Timestamp(millisecondsSince1970: 1_119_999)) == .inProgress)
        #expect(window.phase(at: window.endsAt) == .completed)
        let changes = ScheduledMaintenanceChanges(atStart: false)
        #expect(changes.applied(to: .defaults) == MaintenanceNotifications(anHourBefore: false, atStart: false, atEnd: true))
    }
}

