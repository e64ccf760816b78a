import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The fields of an incident create or update body, validated together (every bad field reported).
///
/// Create requires `title` (1–256), `description` and `status` (both specs agree); `impact`,
/// `components` and `notify_subscribers` (default true) are optional. An update (POST or PATCH)
/// applies whichever of the first five is present.
package struct IncidentInput {
    var title: String?
    var description: String?
    var status: StatusInput?
    /// `.some(nil)`: the client sent `"impact": null`.
    var impact: Impact??
    var components: [AffectedComponent]?
    var notifySubscribers: Bool?

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> IncidentInput {
        try read(request, required: true)
    }

    package static func forUpdate(_ request: HTTPServerRequest) throws(APIError) -> IncidentInput {
        try read(request, required: false)
    }

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> IncidentInput {
        var reader = try JSONBodyReader(request)
        let input = IncidentInput(
            title: reader.string("title", required: required, length: 1...256),
            description: reader.string("description", required: required, length: 0...10_000),
            status: reader.choice("status", OnlineOrNotVocabulary.statusInputs, required: required),
            impact: reader.nullableChoice("impact", OnlineOrNotVocabulary.impacts),
            components: ComponentsField.read(from: &reader),
            notifySubscribers: required ? reader.bool("notify_subscribers") : nil
        )
        try reader.finish()
        return input
    }

    /// The status to store: `UPDATE` (or nothing) keeps it.
    var newStatus: IncidentStatus? {
        if case .set(let status) = status { return status }
        return nil
    }

    func newIncident(createdBy: String) -> NewIncident {
        NewIncident(
            title: title ?? "", description: description ?? "", status: newStatus ?? .investigating,
            impact: impact ?? nil, components: components ?? [], createdBy: createdBy,
            notifySubscribers: notifySubscribers ?? true
        )
    }

    func changes(changedBy: String) -> IncidentChanges {
        IncidentChanges(
            title: title, description: description, status: newStatus, impact: impact,
            components: components, changedBy: changedBy
        )
    }
}
