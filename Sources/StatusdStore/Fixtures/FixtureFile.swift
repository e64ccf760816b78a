import Foundation

/// The JSON a test suite (or `serve --demo`) loads with `serve --fixtures FILE`: projects,
/// credentials, status pages, component groups, components, incidents with their timelines,
/// scheduled maintenance windows and subscribers, each with the ids
/// and times it gives. The README's "Fixtures" section documents every field; unknown fields are
/// refused with their path, since a misspelt field in a fixture file would otherwise vanish silently.
struct FixtureFile: Decodable, Sendable {
    var projects: [ProjectFixture]?
    var credentials: [CredentialFixture]?
    var statusPages: [StatusPageFixture]?
    var componentGroups: [ComponentGroupFixture]?
    var components: [ComponentFixture]?
    var incidents: [IncidentFixture]?
    var scheduledMaintenance: [MaintenanceFixture]?
    var subscribers: [SubscriberFixture]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case projects, credentials, statusPages = "status_pages", componentGroups = "component_groups", components
        case incidents, scheduledMaintenance = "scheduled_maintenance", subscribers
    }

    struct ProjectFixture: Decodable, Sendable {
        var id: String
        var name: String
        var createdAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, name, createdAt = "created_at"
        }
    }

    /// `secret` in clear (hashed on load) or `secret_sha256` (64 hex digits), exactly one.
    struct CredentialFixture: Decodable, Sendable {
        var id: String
        var name: String?
        var secret: String?
        var secretSHA256: String?
        var projectId: String?
        var readOnly: Bool?
        var createdAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, name, secret, secretSHA256 = "secret_sha256", projectId = "project_id", readOnly = "read_only"
            case createdAt = "created_at"
        }
    }

    struct StatusPageFixture: Decodable, Sendable {
        var id: String
        var projectId: String?
        var name: String
        var subdomain: String?
        var customDomain: String?
        var description: String?
        var hideFromSearchEngines: Bool?
        var faviconURL: String?
        var logoURL: String?
        var darkLogoURL: String?
        /// In clear; hashed on load like a credential's secret.
        var password: String?
        var allowedIPs: [String]?
        var isPublished: Bool?
        var primaryColor: String?
        var accentColor: String?
        var companyName: String?
        var customCSS: String?
        var showUptimeHistory: Bool?
        var uptimeHistoryDays: Int?
        var showIncidentHistory: Bool?
        var incidentHistoryDays: Int?
        var allowSubscriptions: Bool?
        var subscriptionTypes: [String]?
        var createdAt: String?
        var updatedAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, projectId = "project_id", name, subdomain, customDomain = "custom_domain", description
            case hideFromSearchEngines = "hide_from_search_engines", faviconURL = "favicon_url", logoURL = "logo_url"
            case darkLogoURL = "dark_logo_url", password, allowedIPs = "allowed_ips"
            case isPublished = "is_published", primaryColor = "primary_color", accentColor = "accent_color"
            case companyName = "company_name", customCSS = "custom_css"
            case showUptimeHistory = "show_uptime_history", uptimeHistoryDays = "uptime_history_days"
            case showIncidentHistory = "show_incident_history", incidentHistoryDays = "incident_history_days"
            case allowSubscriptions = "allow_subscriptions", subscriptionTypes = "subscription_types"
            case createdAt = "created_at", updatedAt = "updated_at"
        }
    }

    struct ComponentGroupFixture: Decodable, Sendable {
        var id: String
        var statusPageId: String
        var name: String
        var description: String?
        var sortOrder: Int?
        var createdAt: String?
        var updatedAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, statusPageId = "status_page_id", name, description, sortOrder = "sort_order"
            case createdAt = "created_at", updatedAt = "updated_at"
        }
    }

    struct ComponentFixture: Decodable, Sendable {
        var id: String
        var statusPageId: String
        var name: String
        var description: String?
        var statusOverride: String?
        var displayUptime: Bool?
        var displayMetrics: Bool?
        var groupId: String?
        var position: Int?
        var createdAt: String?
        var updatedAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, statusPageId = "status_page_id", name, description, statusOverride = "status_override"
            case displayUptime = "display_uptime", displayMetrics = "display_metrics", groupId = "group_id", position
            case createdAt = "created_at", updatedAt = "updated_at"
        }
    }

    struct IncidentFixture: Decodable, Sendable {
        var id: String
        var statusPageId: String
        var title: String
        var description: String?
        var status: String
        var impact: String?
        var components: [AffectedFixture]?
        var startedAt: String?
        var endedAt: String?
        var createdAt: String?
        var updatedAt: String?
        var updates: [UpdateFixture]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, statusPageId = "status_page_id", title, description, status, impact, components
            case startedAt = "started_at", endedAt = "ended_at", createdAt = "created_at", updatedAt = "updated_at"
            case updates
        }
    }

    /// A component an incident names; `impact` nil: the incident's own applies.
    struct AffectedFixture: Decodable, Sendable {
        var id: String
        var impact: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, impact
        }
    }

    /// A maintenance window, in the API's own field names. Unlike the API, a start in the past is
    /// allowed: a fixture may hold a window that is open or over.
    struct MaintenanceFixture: Decodable, Sendable {
        var id: String
        var statusPageId: String
        var title: String
        var description: String
        var startDate: String
        var durationMinutes: Int
        var componentsAffected: [String]?
        var notifications: NotificationsFixture?
        var createdAt: String?
        var updatedAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, statusPageId = "status_page_id", title, description, startDate = "start_date"
            case durationMinutes = "duration_minutes", componentsAffected = "components_affected", notifications
            case createdAt = "created_at", updatedAt = "updated_at"
        }
    }

    /// A subscriber, in the API's field names. `confirmed` (default false) loads one whose owner has
    /// confirmed the address already, at `confirmed_at` (default `created_at`).
    struct SubscriberFixture: Decodable, Sendable {
        var id: String
        var statusPageId: String
        var emailAddress: String
        var confirmed: Bool?
        var confirmedAt: String?
        var createdAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, statusPageId = "status_page_id", emailAddress = "email_address", confirmed
            case confirmedAt = "confirmed_at", createdAt = "created_at"
        }
    }

    struct NotificationsFixture: Decodable, Sendable {
        var anHourBefore: Bool?
        var atStart: Bool?
        var atEnd: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case anHourBefore = "an_hour_before", atStart = "at_start", atEnd = "at_end"
        }
    }

    /// One timeline entry; `status` nil keeps the status before it (an OnlineOrNot `UPDATE`).
    struct UpdateFixture: Decodable, Sendable {
        var id: String?
        var message: String
        var status: String?
        var createdBy: String?
        var createdAt: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, message, status, createdBy = "created_by", createdAt = "created_at"
        }
    }
}

extension FixtureFile {
    /// The fields each level may have, by the path of its objects (`incidents[].updates[]`).
    private static let allowedFields: [String: Set<String>] = [
        "": names(CodingKeys.self),
        "projects[]": names(ProjectFixture.CodingKeys.self),
        "credentials[]": names(CredentialFixture.CodingKeys.self),
        "status_pages[]": names(StatusPageFixture.CodingKeys.self),
        "component_groups[]": names(ComponentGroupFixture.CodingKeys.self),
        "components[]": names(ComponentFixture.CodingKeys.self),
        "incidents[]": names(IncidentFixture.CodingKeys.self),
        "incidents[].components[]": names(AffectedFixture.CodingKeys.self),
        "incidents[].updates[]": names(UpdateFixture.CodingKeys.self),
        "scheduled_maintenance[]": names(MaintenanceFixture.CodingKeys.self),
        "scheduled_maintenance[].notifications": names(NotificationsFixture.CodingKeys.self),
        "subscribers[]": names(SubscriberFixture.CodingKeys.self),
    ]

    private static func names<Key: CodingKey & CaseIterable>(_: Key.Type) -> Set<String> {
        Set(Key.allCases.map(\.stringValue))
    }

    /// Parses the file's bytes; every problem is a `FixtureError` naming the field's path.
    static func parse(_ data: Data) throws -> FixtureFile {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw FixtureError("not valid JSON (\((error as NSError).userInfo["NSDebugDescription"] ?? "unreadable"))")
        }
        guard object is [String: Any] else { throw FixtureError("the top level must be a JSON object") }
        try rejectUnknownFields(object, shape: "", path: "")
        do {
            return try JSONDecoder().decode(FixtureFile.self, from: data)
        } catch let error as DecodingError {
            throw FixtureError(describe(error))
        }
    }

    private static func rejectUnknownFields(_ value: Any, shape: String, path: String) throws {
        if let object = value as? [String: Any] {
            guard let allowed = allowedFields[shape] else { return }
            for key in object.keys.sorted() {
                let here = path.isEmpty ? key : "\(path).\(key)"
                guard allowed.contains(key) else { throw FixtureError("\(here): unknown field") }
                try rejectUnknownFields(object[key]!, shape: shape.isEmpty ? key : "\(shape).\(key)", path: here)
            }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                try rejectUnknownFields(element, shape: shape + "[]", path: "\(path)[\(index)]")
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "(top level)" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required field missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): must be \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): must be \(typeName(type)), not null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "invalid fixture file"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "an integer"
        default: String(describing: type).contains("Array") ? "an array" : "an object"
        }
    }
}

/// A fixture file that cannot be loaded: what is wrong, with the field's path. Nothing is loaded.
public struct FixtureError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) { self.description = description }
}
