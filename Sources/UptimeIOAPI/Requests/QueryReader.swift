import StatusdAPI
import StatusdHTTP

/// Reads UptimeIO query parameters, collecting one `FieldIssue` per invalid parameter (messages in the
/// seed's style, "Status must be one of: ...") before failing once with "Invalid query parameters".
/// Unknown parameters are ignored; a repeated parameter counts by its first value.
struct QueryReader {
    /// Pages beyond this are refused so that `(page - 1) * limit` can never overflow downstream.
    static let maxPage = Int(Int32.max)
    static let maxLimit = 100
    static let defaultLimit = 20

    private let request: HTTPServerRequest
    private(set) var issues: [FieldIssue] = []

    init(_ request: HTTPServerRequest) { self.request = request }

    /// `page`: an integer from 1, default 1.
    mutating func page() -> Int {
        integer("page", in: 1...Self.maxPage, default: 1, message: "Page must be a positive integer")
    }

    /// `limit`: an integer from 1 to 100, default 20.
    mutating func limit() -> Int {
        integer("limit", in: 1...Self.maxLimit, default: Self.defaultLimit,
                message: "Limit must be an integer between 1 and \(Self.maxLimit)")
    }

    /// One of `options` by its wire name; nil when absent or invalid (the issue is recorded).
    mutating func choice<Value>(_ name: String, _ options: [(String, Value)]) -> Value? {
        guard let raw = request.queryValue(name) else { return nil }
        if let match = options.first(where: { $0.0 == raw }) { return match.1 }
        issues.append(.notOneOf(name, options.map(\.0)))
        return nil
    }

    /// Throws the collected issues, if any.
    func finish() throws(APIError) {
        guard issues.isEmpty else { throw APIError.validation(message: "Invalid query parameters", issues: issues) }
    }

    private mutating func integer(_ name: String, in range: ClosedRange<Int>, default: Int, message: String) -> Int {
        guard let raw = request.queryValue(name) else { return `default` }
        guard raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(raw), range.contains(value)
        else {
            issues.append(FieldIssue(field: name, message: message))
            return `default`
        }
        return value
    }
}

extension FieldIssue {
    /// `Status must be one of: investigating, identified, monitoring, resolved` (the seed's wording).
    static func notOneOf(_ field: String, _ names: [String]) -> FieldIssue {
        FieldIssue(field: field, message: "\(field.capitalizingFirstLetter) must be one of: " + names.joined(separator: ", "))
    }
}

extension String {
    /// `sort_by` → `Sort_by`, as the seed writes a field name at the start of a message.
    var capitalizingFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
