/// Failures the API shapes turn into 400/404/409 responses. Never carries secrets or bound values.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Component ids that are not components of the incident's status page (400 naming them).
    case unknownComponents([String])
    /// An id or a subdomain that is already taken (OnlineOrNot 400, UptimeIO 409/400).
    case duplicate(field: String, value: String)
    /// A referenced parent (project, page) does not exist: the payload names its kind
    /// (`project`, `status page`).
    case missingParent(String)
    /// A component group id that is not a group of the component's status page (400 naming it).
    case unknownGroup(String)
    /// Ids in a sort-order request that are not members of the list being ordered (400 naming
    /// them); `field` is the request field that carried them.
    case notInOrder(field: String, ids: [String])
    /// A scheduled maintenance window that has started (or ended) is no longer changed (400, as
    /// the 2026 OnlineOrNot spec answers).
    case maintenanceStarted
    /// The address is subscribed to the page already, in this or another letter case (409, as
    /// the 2026 spec answers).
    case alreadySubscribed

    public var description: String {
        switch self {
        case .unknownComponents(let ids):
            "unknown component ids for this status page: " + ids.joined(separator: ", ")
        case .duplicate(let field, let value):
            "\(field) '\(value)' is already taken"
        case .missingParent(let kind):
            "no such \(kind)"
        case .unknownGroup(let id):
            "no component group '\(id)' on this status page"
        case .notInOrder(let field, let ids):
            "\(field): not in the list being ordered: " + ids.joined(separator: ", ")
        case .maintenanceStarted:
            "scheduled maintenance cannot be updated once it has started"
        case .alreadySubscribed:
            "this e-mail address is already subscribed to the status page"
        }
    }
}
