import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of `POST/PATCH .../incidents/{id}/updates[/{update_id}]`: `status` (with `UPDATE` = keep the
/// incident's status) and `description` (the message, at least one character). Both are required on
/// create, optional on edit. `date_happened`, when sent, must be a timestamp; statusd dates an entry
/// when it is written.
struct IncidentUpdateInput {
    var status: StatusInput?
    var message: String?

    static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> IncidentUpdateInput {
        try read(request, required: true)
    }

    static func forEdit(_ request: HTTPServerRequest) throws(APIError) -> IncidentUpdateInput {
        try read(request, required: false)
    }

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> IncidentUpdateInput {
        var reader = try JSONBodyReader(request)
        let input = IncidentUpdateInput(
            status: reader.choice("status", OnlineOrNotVocabulary.statusInputs, required: required),
            message: reader.string("description", required: required, length: 1...10_000)
        )
        if let date = reader.string("date_happened"), Timestamp(iso8601: date) == nil {
            reader.issue("date_happened", "date_happened must be a UTC timestamp like 2021-01-01T00:00:00.000Z")
        }
        try reader.finish()
        return input
    }

    var newStatus: IncidentStatus? {
        if case .set(let status) = status { return status }
        return nil
    }
}
