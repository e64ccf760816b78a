import GRDB
import StatusdCore

/// What `resolveIncident` found: resolving is a state change with one timeline entry, so a second
/// resolve of a resolved incident is refused rather than adding a duplicate entry.
public enum ResolveOutcome: Sendable {
    case resolved(Incident, resolution: IncidentUpdate)
    case alreadyResolved
    case notFound
}

extension Store {
    /// Sets the incident resolved (endedAt now) and records `message` as its resolution entry, in
    /// one transaction.
    public func resolveIncident(
        _ id: String, statusPageId: String, message: String, resolvedBy: String
    ) throws -> ResolveOutcome {
        try write { db in
            guard let incident = try Self.fetchIncident(id, statusPageId: statusPageId, db) else { return .notFound }
            guard incident.status != .resolved else { return .alreadyResolved }
            let now = Timestamp(column: now())
            let before = try auditedRow(.incident, id, db)
            try Self.setStatus(.resolved, of: incident, at: now, db)
            let resolution = try insertUpdate(
                id: nil, incidentId: id, message: message, status: .resolved, keptStatus: false,
                createdBy: resolvedBy, at: now, db)
            try enqueue(.incidentResolved, incidentId: id, statusPageId: statusPageId, db)
            try auditUpdated(.incident, id, before: before, also: ["updates"], db)
            guard let resolved = try Self.fetchIncident(id, statusPageId: statusPageId, db) else { return .notFound }
            return .resolved(resolved, resolution: resolution)
        }
    }
}
