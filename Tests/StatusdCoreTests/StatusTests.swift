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
}
