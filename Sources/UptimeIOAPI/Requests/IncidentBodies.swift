import StatusdAPI
import StatusdCore
import StatusdHTTP

/// Field limits from UptimeIO's documentation.
enum IncidentLimits {
    static let title = 1...200
    static let message = 1...5000
    static let monitorIdsField = "affected_monitor_ids"
}

/// `POST .../incidents`: `title`, `message`, `severity`, `affected_monitor_ids` required; `status`
/// defaults to investigating.
package struct CreateIncidentBody {
    var title: String
    var message: String
    var severity: Severity
    var status: IncidentStatus
    var monitorIds: [String]

    package init(_ request: HTTPServerRequest) throws(APIError) {
        var reader = try JSONBodyReader(request)
        let title = reader.string("title", required: true, length: IncidentLimits.title)
        let message = reader.string("message", required: true, length: IncidentLimits.message)
        let severity = reader.choice("severity", Severity.uptimeIONames, required: true)
        let status = reader.choice("status", IncidentStatus.uptimeIONames)
        let monitorIds = reader.stringArray(IncidentLimits.monitorIdsField, required: true, minimumCount: 1)
        try reader.finish()
        guard let title, let message, let severity, let monitorIds else {
            throw .validation(message: reader.summary, issues: reader.issues)
        }
        self.title = title
        self.message = message
        self.severity = severity
        self.status = status ?? .investigating
        self.monitorIds = monitorIds.uniqued()
    }

    func newIncident(createdBy: String) -> NewIncident {
        NewIncident(
            title: title, description: message, status: status, impact: severity.impact,
            components: monitorIds.map { AffectedComponent(componentId: $0) }, createdBy: createdBy)
    }
}

/// `PATCH .../incidents/{id}`: any of the create fields, at least one.
package struct PatchIncidentBody {
    var title: String?
    var message: String?
    var severity: Severity?
    var status: IncidentStatus?
    var monitorIds: [String]?

    static let fieldNames = ["title", "message", "severity", "status", IncidentLimits.monitorIdsField]

    package init(_ request: HTTPServerRequest) throws(APIError) {
        var reader = try JSONBodyReader(request)
        title = reader.string("title", length: IncidentLimits.title)
        message = reader.string("message", length: IncidentLimits.message)
        severity = reader.choice("severity", Severity.uptimeIONames)
        status = reader.choice("status", IncidentStatus.uptimeIONames)
        monitorIds = reader.stringArray(IncidentLimits.monitorIdsField, minimumCount: 1)?.uniqued()
        if !Self.fieldNames.contains(where: reader.has) {
            reader.issue("body", "Body must contain at least one of: " + Self.fieldNames.joined(separator: ", "))
        }
        try reader.finish()
    }
}

/// `POST .../incidents/{id}/updates`: `message` and `status`, both required.
package struct NewUpdateBody {
    var message: String
    var status: IncidentStatus

    package init(_ request: HTTPServerRequest) throws(APIError) {
        var reader = try JSONBodyReader(request)
        let message = reader.string("message", required: true, length: IncidentLimits.message)
        let status = reader.choice("status", IncidentStatus.uptimeIONames, required: true)
        try reader.finish()
        guard let message, let status else { throw .validation(message: reader.summary, issues: reader.issues) }
        self.message = message
        self.status = status
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept: a monitor named twice is affected once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// `POST .../incidents/{id}/resolve`: an optional `message`; an empty or absent body takes the default.
package struct ResolveIncidentBody {
    /// The entry's text when the caller gives none.
    static let defaultMessage = "This incident has been resolved."
    var message: String

    package init(_ request: HTTPServerRequest) throws(APIError) {
        guard !request.body.isEmpty else {
            message = Self.defaultMessage
            return
        }
        var reader = try JSONBodyReader(request)
        let message = reader.string("message", length: IncidentLimits.message)
        try reader.finish()
        self.message = message ?? Self.defaultMessage
    }
}
