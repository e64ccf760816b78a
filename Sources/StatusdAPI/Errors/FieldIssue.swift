/// One invalid input field, reported to the client (UptimeIO `details[]`, OnlineOrNot `errors[]`).
public struct FieldIssue: Sendable, Equatable {
    public var field: String
    /// In the UptimeIO seed's style: `Status must be one of: investigating, identified, monitoring, resolved`.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `status` → `Status`: the seed's messages start with the field name, capitalised.
    public static func subject(_ field: String) -> String {
        guard let first = field.first else { return field }
        return first.uppercased() + field.dropFirst()
    }
}
