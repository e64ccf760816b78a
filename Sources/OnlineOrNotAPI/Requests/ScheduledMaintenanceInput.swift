import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of a scheduled maintenance create or update, every bad field reported together.
///
/// Create requires `title` (1–256), `description` (1–10,000), `start_date` (an ISO 8601 date-time,
/// `Z` or an offset, not in the past nor after 9998) and `duration_minutes` (1 to 366 days' worth); the 2026 spec
/// lists only `title`, `start_date` and `duration_minutes` for an update, but the Terraform provider
/// PATCHes every field, so an update applies whichever is present. `components_affected` (ids of the
/// page's components; `null` or `[]` names none) may also come as `components` (ids, or `{id}`
/// objects as the answers show them); `notifications` sets `an_hour_before`, `at_start` and
/// `at_end` (defaults false, true, true; an update changes only the flags it sends).
package struct ScheduledMaintenanceInput {
    var title: String?
    var description: String?
    var startsAt: Timestamp?
    var durationMinutes: Int?
    var componentIds: [String]?
    var anHourBefore: Bool?
    var atStart: Bool?
    var atEnd: Bool?

    static let componentsKey = "components_affected"
    /// 9998-12-30T23:59:59.999Z: the longest window starting then still ends by the last moment
    /// statusd prints (9999-12-31T23:59:59.999Z).
    static let latestStart = Timestamp(
        millisecondsSince1970: 253_402_300_799_999 - Int64(ScheduledMaintenance.maximumDurationMinutes) * 60_000)

    /// `now` is the store's clock, which `start_date` may not be before.
    package static func forCreate(_ request: HTTPServerRequest, now: Timestamp) throws(APIError) -> ScheduledMaintenanceInput {
        try read(request, required: true, now: now)
    }

    package static func forUpdate(_ request: HTTPServerRequest, now: Timestamp) throws(APIError) -> ScheduledMaintenanceInput {
        try read(request, required: false, now: now)
    }

    private static func read(
        _ request: HTTPServerRequest, required: Bool, now: Timestamp
    ) throws(APIError) -> ScheduledMaintenanceInput {
        var reader = try JSONBodyReader(request)
        var input = ScheduledMaintenanceInput(
            title: reader.string("title", required: required, length: 1...256),
            description: reader.string("description", required: required, length: 1...10_000),
            durationMinutes: reader.integer(
                "duration_minutes", required: required, in: 1...ScheduledMaintenance.maximumDurationMinutes)
        )
        if let text = reader.string("start_date", required: required) {
            if let start = Timestamp(iso8601WithOffset: text) {
                if start < now {
                    reader.issue("start_date", "start_date must not be in the past (now: \(now.iso8601Milliseconds))")
                } else if start > latestStart {
                    reader.issue("start_date", "start_date must be no later than \(latestStart.iso8601Milliseconds)")
                } else {
                    input.startsAt = start
                }
            } else {
                reader.issue("start_date", "start_date must be an ISO 8601 date-time like 2024-03-01T02:00:00.000Z")
            }
        }
        input.componentIds = readComponents(&reader)
        readNotifications(&reader, into: &input)
        try reader.finish()
        return input
    }

    /// `components_affected`, else `components`: `null` names none. Both are checked when both
    /// are sent; `components_affected` then wins.
    private static func readComponents(_ reader: inout JSONBodyReader) -> [String]? {
        let affected = readIds(componentsKey, &reader)
        let listed = readIds("components", &reader)
        return reader.has(componentsKey) ? affected : listed
    }

    /// The ids under `key`, nil when absent or invalid (an issue then).
    private static func readIds(_ key: String, _ reader: inout JSONBodyReader) -> [String]? {
        guard let value = reader.value(key) else { return nil }
        let message = key == componentsKey
            ? "\(key) must be an array of component ids"
            : "\(key) must be an array of component ids or of {\"id\": ...} objects"
        switch value {
        case .null:
            return []
        case .array(let elements):
            var ids: [String] = []
            for element in elements {
                var id: String?
                if case .string(let text) = element {
                    id = text
                } else if key != componentsKey, case .string(let text)? = element["id"] {
                    id = text
                }
                guard let id, (1...256).contains(id.unicodeScalars.count) else {
                    reader.issue(key, message + " (each 1 to 256 characters)")
                    return nil
                }
                ids.append(id)
            }
            var seen = Set<String>()
            let repeated = ids.filter { !seen.insert($0).inserted }
            guard repeated.isEmpty else {
                reader.issue(key, "\(key) names an id more than once: \(Set(repeated).sorted().joined(separator: ", "))")
                return nil
            }
            return ids
        default:
            reader.issue(key, message)
            return nil
        }
    }

    /// The three flags of `notifications`; `null` is as if it were absent.
    private static func readNotifications(_ reader: inout JSONBodyReader, into input: inout ScheduledMaintenanceInput) {
        guard let value = reader.value("notifications"), value != .null else { return }
        guard case .object = value else {
            reader.issue("notifications", "notifications must be an object {an_hour_before, at_start, at_end}")
            return
        }
        func flag(_ name: String) -> Bool? {
            guard let member = value[name], member != .null else { return nil }
            guard case .bool(let on) = member else {
                reader.issue("notifications.\(name)", "notifications.\(name) must be a boolean")
                return nil
            }
            return on
        }
        input.anHourBefore = flag("an_hour_before")
        input.atStart = flag("at_start")
        input.atEnd = flag("at_end")
    }

    func newMaintenance() -> NewScheduledMaintenance {
        NewScheduledMaintenance(
            title: title ?? "", description: description ?? "", startsAt: startsAt ?? Timestamp(millisecondsSince1970: 0),
            durationMinutes: durationMinutes ?? 1, componentIds: componentIds ?? [],
            notifications: changes.applied(to: .defaults))
    }

    var changes: ScheduledMaintenanceChanges {
        ScheduledMaintenanceChanges(
            title: title, description: description, startsAt: startsAt, durationMinutes: durationMinutes,
            componentIds: componentIds, anHourBefore: anHourBefore, atStart: atStart, atEnd: atEnd)
    }
}
