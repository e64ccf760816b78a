import StatusdHTTP

/// Reads query parameters with the same collect-then-fail discipline as `JSONBodyReader`: every bad
/// parameter becomes one `FieldIssue`, thrown together as "Invalid query parameters".
public struct QueryReader {
    public let request: HTTPServerRequest
    public private(set) var issues: [FieldIssue] = []
    public var summary = "Invalid query parameters"

    public init(_ request: HTTPServerRequest) {
        self.request = request
    }

    public mutating func issue(_ field: String, _ message: String) {
        issues.append(FieldIssue(field: field, message: message))
    }

    public func finish() throws(APIError) {
        if !issues.isEmpty { throw .validation(message: summary, issues: issues) }
    }

    /// A whole number in `range`, `defaultValue` when absent. Bad values add an issue and return the default.
    public mutating func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) -> Int {
        guard let text = request.queryValue(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            if range.upperBound == Int.max {
                issue(name, "\(FieldIssue.subject(name)) must be an integer greater than or equal to \(range.lowerBound)")
            } else {
                issue(name, "\(FieldIssue.subject(name)) must be an integer between \(range.lowerBound) and \(range.upperBound)")
            }
            return defaultValue
        }
        return value
    }

    /// One of `choices`, nil when absent. A bad value adds an issue listing the choices.
    public mutating func choice<T>(_ name: String, _ choices: KeyValuePairs<String, T>) -> T? {
        guard let text = request.queryValue(name) else { return nil }
        if let match = choices.first(where: { $0.key == text }) { return match.value }
        let names = choices.map(\.key).joined(separator: ", ")
        issue(name, "\(FieldIssue.subject(name)) must be one of: \(names)")
        return nil
    }

    /// A string, nil when absent; an issue when longer than `maximumLength`.
    public mutating func string(_ name: String, maximumLength: Int = 256) -> String? {
        guard let text = request.queryValue(name) else { return nil }
        guard text.unicodeScalars.count <= maximumLength else {
            issue(name, "\(FieldIssue.subject(name)) must be at most \(maximumLength) characters long")
            return nil
        }
        return text
    }
}
