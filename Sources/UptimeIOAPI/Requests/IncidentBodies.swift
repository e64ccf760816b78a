import StatusdAPI
import StatusdCore
import StatusdHTTP

/// Limits from UptimeIO's documentation.
enum IncidentLimits {
    static let title = 200
    static let message = 5000
}

/// `POST .../incidents`: `title`, `message`, `severity`, `affected_monitor_ids` required; `status`
/// defaults to investigating.
struct CreateIncidentBody {
    var title: String
    var message: String
    var severity: Severity
    var status: IncidentStatus
    var monitorIds: [String]

    init(_ request: HTTPServerRequest) throws(APIError) {
        var reader = try BodyReader(request)
        let title = reader.text("title", maxLength: IncidentLimits.title, required: true)
        let message = reader.text("message", maxLength: IncidentLimits.message, required: true)
        let severity = reader.choice("severity", Severity.uptimeIONames, required: true)
        let status = reader.choice("status", IncidentStatus.uptimeIONames, required: false)
        let monitorIds = reader.ids("affected_monitor_ids", required: true)
        try reader.finish()
        guard let title, let message, let severity, let monitorIds else {
            throw APIError.validation(message: "Invalid request body", issues: reader.issues)
        }
        self.init(title: title, message: message, severity: severity, status: status ?? .investigating,
                  monitorIds: monitorIds)
    }

    init(title: String, message: String, severity: Severity, status: IncidentStatus, monitorIds: [String]) {
        self.title = title
        self.message = message
        self.severity = severity
        self.status = status
        self.monitorIds = monitorIds
    }

    func newIncident(createdBy: String) -> NewIncident {
        NewIncident(
            title: title, description: message, status: status, impact: severity.impact,
            components: monitorIds.map { AffectedComponent(componentId: $0) }, createdBy: createdBy)
    }
}

/// `PATCH .../incidents/{id}`: any of the create fields, at least one.
struct PatchIncidentBody {
    var title: String?
    var message: String?
    var severity: Severity?
    var status: IncidentStatus?
    var monitorIds: [String]?

    static let fieldNames = ["title", "message", "severity", "status", "affected_monitor_ids"]

    init(_ request: HTTPServerRequest) throws(APIError) {
        var reader = try BodyReader(request)
        title = reader.text("title", maxLength: IncidentLimits.title, required: false)
        message = reader.text("message", maxLength: IncidentLimits.message, required: false)
        severity = reader.choice("severity", Severity.uptimeIONames, required: false)
        status = reader.choice("status", IncidentStatus.uptimeIONames, required: false)
        monitorIds = reader.ids("affected_monitor_ids", required: false)
        try reader.finish()
        if title == nil, message == nil, severity == nil, status == nil, monitorIds == nil {
            let names = Self.fieldNames.joined(separator: ", ")
            throw APIError.validation(message: "Invalid request body", issues: [
                FieldIssue(field: "body", message: "Body must contain at least one of: \(names)"),
            ])
        }
    }
}

/// `POST .../incidents/{id}/updates`: `message` and `status`, both required.
struct NewUpdateBody {
    var message: String
    var status: IncidentStatus

    init(_ request: HTTPServerRequest) throws(APIError) {
        var reader = try BodyReader(request)
        let message = reader.text("message", maxLength: IncidentLimits.message, required: true)
        let status = reader.choice("status", IncidentStatus.uptimeIONames, required: true)
        try reader.finish()
        guard let message, let status else {
            throw APIError.validation(message: "Invalid request body", issues: reader.issues)
        }
        self.message = message
        self.status = status
    }
}
