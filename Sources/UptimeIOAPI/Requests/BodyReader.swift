import StatusdAPI
import StatusdHTTP

/// Reads an UptimeIO JSON request body field by field, collecting one `FieldIssue` per invalid field
/// before failing once with "Invalid request body". Unknown fields are ignored.
struct BodyReader {
    private let object: JSONValue
    private(set) var issues: [FieldIssue] = []

    init(_ request: HTTPServerRequest) throws(APIError) {
        object = try request.jsonObjectBody()
    }

    /// A string of 1 to `maxLength` characters (blank counts as empty). nil when absent or invalid.
    mutating func text(_ field: String, maxLength: Int, required: Bool) -> String? {
        guard let value = present(field, required: required) else { return nil }
        guard case .string(let text) = value else {
            issues.append(FieldIssue(field: field, message: "\(field.capitalizingFirstLetter) must be a string"))
            return nil
        }
        let isBlank = text.allSatisfy(\.isWhitespace)
        guard !isBlank, text.count <= maxLength else {
            let message = "\(field.capitalizingFirstLetter) must be between 1 and \(maxLength) characters"
            issues.append(FieldIssue(field: field, message: message))
            return nil
        }
        return text
    }

    /// One of `options` by its wire name. nil when absent or invalid.
    mutating func choice<Value>(_ field: String, _ options: [(String, Value)], required: Bool) -> Value? {
        guard let value = present(field, required: required) else { return nil }
        if case .string(let name) = value, let match = options.first(where: { $0.0 == name }) { return match.1 }
        issues.append(.notOneOf(field, options.map(\.0)))
        return nil
    }

    /// A non-empty array of non-empty id strings, duplicates dropped (first occurrence kept).
    mutating func ids(_ field: String, required: Bool) -> [String]? {
        guard let value = present(field, required: required) else { return nil }
        let label = field.capitalizingFirstLetter
        guard case .array(let elements) = value else {
            issues.append(FieldIssue(field: field, message: "\(label) must be an array of monitor ids"))
            return nil
        }
        var ids: [String] = []
        for element in elements {
            guard case .string(let id) = element, !id.isEmpty else {
                issues.append(FieldIssue(field: field, message: "\(label) must be an array of monitor ids"))
                return nil
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard !ids.isEmpty else {
            issues.append(FieldIssue(field: field, message: "\(label) must contain at least 1 monitor id"))
            return nil
        }
        return ids
    }

    /// Throws the collected issues, if any.
    func finish() throws(APIError) {
        guard issues.isEmpty else { throw APIError.validation(message: "Invalid request body", issues: issues) }
    }

    /// The field's value, or nil (recording "X is required" when it must be there).
    private mutating func present(_ field: String, required: Bool) -> JSONValue? {
        if let value = object[field] { return value }
        if required {
            issues.append(FieldIssue(field: field, message: "\(field.capitalizingFirstLetter) is required"))
        }
        return nil
    }
}
