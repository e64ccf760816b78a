/// Failures the API shapes turn into 400/404/409 responses. Never carries secrets or bound values.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Component ids that are not components of the incident's status page (400 naming them).
    case unknownComponents([String])
    /// An id or a subdomain that is already taken (OnlineOrNot 400, UptimeIO 409/400).
    case duplicate(field: String, value: String)
    /// A referenced parent (project, page) does not exist: the payload names its kind
    /// (`project`, `status page`).
    case missingParent(String)

    public var description: String {
        switch self {
        case .unknownComponents(let ids):
            "unknown component ids for this status page: " + ids.joined(separator: ", ")
        case .duplicate(let field, let value):
            "\(field) '\(value)' is already taken"
        case .missingParent(let kind):
            "no such \(kind)"
        }
    }
}
