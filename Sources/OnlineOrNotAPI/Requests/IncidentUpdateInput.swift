import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of `POST/PATCH .../incidents/{id}/updates[/{update_id}]`: `status` (with `UPDATE` = keep the
/// incident's status) and `description` (the message, at least one character). Both are required on
/// create, optional on edit. `components_affected` (`[{id, status}]`, or the seed's map) sets those
/// components' impact on the incident. `date_happened`, when sent, must be a timestamp; statusd dates
/// an entry when it is written.
package struct IncidentUpdateInput {
    static let componentsKey = "components_affected"

    var status: StatusInput?
    var message: String?
    var componentsAffected: [AffectedComponent]?

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> IncidentUpdateInput {
        try read(request, required: true)
    }

    package static func forEdit(_ request: HTTPServerRequest) throws(APIError) -> IncidentUpdateInput {
        try read(request, required: false)
    }

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> IncidentUpdateInput {
        var reader = try JSONBodyReader(request)
        let input = IncidentUpdateInput(
            status: reader.choice("status", OnlineOrNotVocabulary.statusInputs, required: required),
            message: reader.string("description", required: required, length: 1...10_000),
            componentsAffected: required ? ComponentsField.read(from: &reader, key: componentsKey) : nil
        )
        if let date = reader.string("date_happened"), Timestamp(iso8601: date) == nil {
            reader.issue("date_happened", "date_happened must be a UTC timestamp like 2021-01-01T00:00:00.000Z")
        }
        try reader.finish()
        return input
    }

    /// The incident's components with `componentsAffected` applied (changed impacts, new ones appended).
    func mergedComponents(into current: [AffectedComponent]) -> [AffectedComponent]? {
        guard let changed = componentsAffected, !changed.isEmpty else { return nil }
        var merged = current
        for component in changed {
            if let index = merged.firstIndex(where: { $0.componentId == component.componentId }) {
                merged[index] = component
            } else {
                merged.append(component)
            }
        }
        return merged
    }

    var newStatus: IncidentStatus? {
        if case .set(let status) = status { return status }
        return nil
    }
}
