import StatusdCore

/// What a PATCH really changes: fields equal to the current values are dropped, so an unchanged
/// severity keeps an OnlineOrNot impact such as `NO_IMPACT` that also reads as `minor`.
struct IncidentEdit {
    let changes: IncidentChanges
    /// A timeline message for the changes the store does not record itself (title, severity,
    /// affected monitors); nil when none of them changed.
    let historyNote: String?

    init(current: Incident, body: PatchIncidentBody, changedBy: String) {
        var changes = IncidentChanges(changedBy: changedBy)
        var notes: [String] = []
        if let title = body.title, title != current.title {
            changes.title = title
            notes.append("Title changed to \"\(title)\"")
        }
        if let message = body.message, message != current.description { changes.description = message }
        if let status = body.status, status != current.status { changes.status = status }
        if let severity = body.severity, severity != current.severity {
            changes.impact = .some(severity.impact)
            notes.append("Severity changed from \(current.severity.uptimeIOName) to \(severity.uptimeIOName)")
        }
        if let ids = body.monitorIds, ids != current.components.map(\.componentId) {
            changes.components = ids.map { AffectedComponent(componentId: $0) }
            notes.append("Affected monitors changed to: " + ids.joined(separator: ", "))
        }
        self.changes = changes
        self.historyNote = notes.isEmpty ? nil : notes.joined(separator: "; ")
    }
}
