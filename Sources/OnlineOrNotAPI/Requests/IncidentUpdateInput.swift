import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of `POST/PATCH .../incidents/{id}/updates[/{update_id}]`: `status` (with `UPDATE` = keep the
/// incident's status) and `description` (the message, at least one character). Both are required on
/// create, optional on edit. `components_affected` (`[{id, status}]`, or the seed's map) sets those
/// components' impact on the incident. `date_happened` (a UTC timestamp, not in the future) dates the
/// entry in the timeline, now by default; `notify_subscribers` (create, default true) is kept.
package struct IncidentUpdateInput {
    static let componentsKey = "components_affected"

    var status: StatusInput?
    var message: String?
    var componentsAffected: [AffectedComponent]?
    var happenedAt: Timestamp?
    var notifySubscribers: Bool?

    /// How far ahead of the server's clock a client's `date_happened` may be (clock skew).
    static let futureTolerance: Int64 = 60_000

    /// `now` is the store's clock, which `date_happened` may not run ahead of.
    package static func forCreate(_ request: HTTPServerRequest, now: Timestamp) throws(APIError) -> IncidentUpdateInput {
        try read(request, required: true, now: now)
    }

    package static func forEdit(_ request: HTTPServerRequest, now: Timestamp) throws(APIError) -> IncidentUpdateInput {
        try read(request, required: false, now: now)
    }

    private static func read(
        _ request: HTTPServerRequest, required: Bool, now: Timestamp
    ) throws(APIError) -> IncidentUpdateInput {
        var reader = try JSONBodyReader(request)
        var input = IncidentUpdateInput(
            status: reader.choice("status", OnlineOrNotVocabulary.statusInputs, required: required),
            message: reader.string("description", required: required, length: 1...10_000),
            componentsAffected: required ? ComponentsField.read(from: &reader, key: componentsKey) : nil,
            notifySubscribers: required ? reader.bool("notify_subscribers") : nil
        )
        if let date = reader.string("date_happened") {
            if let time = Timestamp(iso8601: date) {
                if time.millisecondsSince1970 > now.millisecondsSince1970 + futureTolerance {
                    reader.issue("date_happened", "date_happened must not be in the future")
                } else {
                    input.happenedAt = time
                }
            } else {
                reader.issue("date_happened", "date_happened must be a UTC timestamp like 2021-01-01T00:00:00.000Z")
            }
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
