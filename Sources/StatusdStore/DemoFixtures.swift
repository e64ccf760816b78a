import StatusdCore

/// The data behind `statusd serve --demo`, with the ids and values the seed documents show.
enum DemoFixtures {
    static let author = "demo"

    static func time(_ text: String) -> Timestamp {
        guard let time = Timestamp(iso8601: text) else { preconditionFailure("bad fixture time \(text)") }
        return time
    }

    /// Secrets the seed curl examples send; all projects, read-write. The id is also the name.
    static let tokens: [(id: String, secret: String)] = [
        ("demo-token-123", "123"),
        ("demo-token-your-api-key", "YOUR_API_KEY"),
    ]

    static let projects = [
        Project(id: Store.defaultProjectId, name: "Default", createdAt: time("2021-01-01T00:00:00.000Z")),
        Project(id: uptimeProject, name: "Acme", createdAt: time("2024-12-01T00:00:00Z")),
    ]

    static let uptimeProject = "660e8400-e29b-41d4-a716-446655440001"
    static let uptimePage = "550e8400-e29b-41d4-a716-446655440000"
    static let onlineOrNotPage = "a1b2c3d4"

    static let pages = [
        StatusPage(
            id: onlineOrNotPage, projectId: Store.defaultProjectId, name: "Demo Status", subdomain: "demo",
            description: "OnlineOrNot seed example", createdAt: time("2021-01-01T00:00:00.000Z"),
            updatedAt: time("2021-01-01T00:00:00.000Z")),
        StatusPage(
            id: uptimePage, projectId: uptimeProject, name: "Acme Status", subdomain: "acme",
            description: "UptimeIO seed example", createdAt: time("2024-12-01T00:00:00Z"),
            updatedAt: time("2024-12-01T00:00:00Z")),
    ]

    static let components: [Component] = [
        component("property1", onlineOrNotPage, "API", 0, "2021-01-01T00:00:00.000Z"),
        component("property2", onlineOrNotPage, "Website", 1, "2021-01-01T00:00:00.000Z"),
        component("770e8400-e29b-41d4-a716-446655440010", uptimePage, "API Server", 0, "2024-12-01T00:00:00Z"),
        component("770e8400-e29b-41d4-a716-446655440011", uptimePage, "Web Application", 1, "2024-12-01T00:00:00Z"),
        component("770e8400-e29b-41d4-a716-446655440012", uptimePage, "Database Cluster", 2, "2024-12-01T00:00:00Z"),
    ]

    static func component(_ id: String, _ page: String, _ name: String, _ position: Int, _ at: String) -> Component {
        Component(id: id, statusPageId: page, name: name, position: position, createdAt: time(at), updatedAt: time(at))
    }

    struct DemoIncident {
        var record: IncidentRecord
        var timeline: [(message: String, status: IncidentStatus, at: Timestamp)]
    }

    static let incidents = [
        DemoIncident(
            record: IncidentRecord(
                id: "a1b2c3d4", statusPageId: onlineOrNotPage, title: "API is inaccessible",
                description: "We are currently investigating the issue", status: .resolved, impact: .majorOutage,
                components: [AffectedComponent(componentId: "property1", impact: .majorOutage),
                             AffectedComponent(componentId: "property2", impact: .majorOutage)],
                startedAt: time("2021-01-01T00:00:00.000Z"), endedAt: time("2021-02-01T00:00:00.000Z"),
                createdAt: time("2021-01-01T00:00:00.000Z"), updatedAt: time("2021-02-01T00:00:00.000Z")),
            timeline: [
                ("We are currently investigating the issue", .investigating, time("2021-01-01T00:00:00.000Z")),
                ("The API is available again.", .resolved, time("2021-02-01T00:00:00.000Z")),
            ]),
        DemoIncident(
            record: IncidentRecord(
                id: "990e8400-e29b-41d4-a716-446655440050", statusPageId: uptimePage, title: "API Service Degradation",
                description: "We are experiencing elevated response times on our API servers", status: .resolved,
                impact: .partialOutage,
                components: [AffectedComponent(componentId: "770e8400-e29b-41d4-a716-446655440010"),
                             AffectedComponent(componentId: "770e8400-e29b-41d4-a716-446655440011")],
                startedAt: time("2024-12-26T11:00:00Z"), endedAt: time("2024-12-26T13:30:00Z"),
                createdAt: time("2024-12-26T11:00:00Z"), updatedAt: time("2024-12-26T13:30:00Z")),
            timeline: [
                ("We are experiencing elevated response times on our API servers", .investigating,
                 time("2024-12-26T11:00:00Z")),
                ("The cause is an overloaded connection pool; we are adding capacity.", .identified,
                 time("2024-12-26T12:00:00Z")),
                ("Response times are back to normal.", .resolved, time("2024-12-26T13:30:00Z")),
            ]),
        DemoIncident(
            record: IncidentRecord(
                id: "881e8400-e29b-41d4-a716-446655440051", statusPageId: uptimePage, title: "Database Maintenance",
                description: "Scheduled maintenance window for database cluster upgrade", status: .resolved,
                impact: .maintenance,
                components: [AffectedComponent(componentId: "770e8400-e29b-41d4-a716-446655440012")],
                startedAt: time("2024-12-25T22:00:00Z"), endedAt: time("2024-12-25T23:00:00Z"),
                createdAt: time("2024-12-25T22:00:00Z"), updatedAt: time("2024-12-25T23:00:00Z")),
            timeline: [
                ("The database cluster upgrade is complete.", .resolved, time("2024-12-25T23:00:00Z")),
            ]),
    ]
}
