import HTTPTypes
import StatusdHTTP

/// Reads a request's JSON body field by field, collecting every `FieldIssue` before failing once.
///
/// 415 when a Content-Type is present and is not JSON; 400 `.malformedJSON` when the body is not a JSON
/// object. Absent and `null` are told apart; unknown fields are ignored (the contract says clients send
/// more than a schema lists). Call `finish()` after reading to throw the collected issues.
public struct JSONBodyReader {
    public let members: [JSONValue.Member]
    public private(set) var issues: [FieldIssue] = []
    /// The summary message of the validation error (`Invalid request body`).
    public var summary = "Invalid request body"
    /// `branding.` for the reader of a nested object: its issues name the field by its whole path.
    private var path = ""

    private init(members: [JSONValue.Member], path: String) {
        self.members = members
        self.path = path
    }

    public init(_ request: HTTPServerRequest) throws(APIError) {
        if let contentType = request.headerFields[.contentType], !Self.isJSON(contentType) {
            throw .unsupportedMediaType
        }
        guard !request.body.isEmpty else { throw .malformedJSON("A JSON object body is required") }
        guard case .object(let members) = try JSONValue.parse(request.body) else {
            throw .malformedJSON("The request body must be a JSON object")
        }
        self.members = members
    }

    /// `application/json`, `application/merge-patch+json` and the like, any parameters.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let type = mediaType.trimmingASCIIWhitespace().lowercased()
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// The raw value of `key`, nil when absent.
    public func value(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    public func has(_ key: String) -> Bool { value(key) != nil }

    public mutating func issue(_ field: String, _ message: String) {
        issues.append(FieldIssue(field: path + field, message: message))
    }

    /// A reader of the object under `key` (absent: nil; anything but an object: an issue), whose
    /// issues name `key.field`. Hand it back to `absorb` when done with it.
    public mutating func object(_ key: String) -> JSONBodyReader? {
        guard let value = value(key) else { return nil }
        guard case .object(let members) = value else {
            issue(key, "\(FieldIssue.subject(key)) must be an object")
            return nil
        }
        return JSONBodyReader(members: members, path: path + key + ".")
    }

    /// Takes over the issues a nested reader (from `object`) collected.
    public mutating func absorb(_ nested: JSONBodyReader) {
        issues.append(contentsOf: nested.issues)
    }

    /// Throws `.validation` with every collected issue, if any.
    public func finish() throws(APIError) {
        if !issues.isEmpty { throw .validation(message: summary, issues: issues) }
    }

    /// A string of `length` characters. Absent: nil (an issue if `required`). `null` is an issue.
    public mutating func string(_ key: String, required: Bool = false, length: ClosedRange<Int>? = nil) -> String? {
        guard let value = value(key) else {
            if required { issue(key, "\(FieldIssue.subject(key)) is required") }
            return nil
        }
        return checkedString(key, value, length: length)
    }

    /// Like `string`, but `null` is allowed: `.some(nil)`. Absent: nil.
    public mutating func nullableString(_ key: String, length: ClosedRange<Int>? = nil) -> String?? {
        guard let value = value(key) else { return nil }
        if value == .null { return .some(nil) }
        guard let string = checkedString(key, value, length: length) else { return nil }
        return .some(string)
    }

    /// One of `choices` (wire spelling → value). Absent: nil (an issue if `required`).
    public mutating func choice<T>(
        _ key: String, _ choices: KeyValuePairs<String, T>, required: Bool = false
    ) -> T? {
        guard let value = value(key) else {
            if required { issue(key, "\(FieldIssue.subject(key)) is required") }
            return nil
        }
        return checkedChoice(key, value, choices)
    }

    /// One of `choices` or `null` (`.some(nil)`). Absent: nil.
    public mutating func nullableChoice<T>(_ key: String, _ choices: KeyValuePairs<String, T>) -> T?? {
        guard let value = value(key) else { return nil }
        if value == .null { return .some(nil) }
        guard let chosen = checkedChoice(key, value, choices) else { return nil }
        return .some(chosen)
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else {
            issue(key, "\(FieldIssue.subject(key)) must be a boolean")
            return nil
        }
        return flag
    }

    /// A whole number in `range` (JSON Schema's integer: `60` or `60.0`, not `60.5` or `"60"`).
    /// Absent: nil (an issue if `required`). `null` is an issue.
    public mutating func integer(_ key: String, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key) else {
            if required { issue(key, "\(FieldIssue.subject(key)) is required") }
            return nil
        }
        // Int(exactly:) is nil for a fraction or a number beyond Int: never a trap.
        guard case .number(let number) = value, let whole = Int(exactly: number), range.contains(whole) else {
            issue(key, "\(FieldIssue.subject(key)) must be an integer between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return whole
    }

    /// An array of strings with at least `minimumCount` elements.
    public mutating func stringArray(_ key: String, required: Bool = false, minimumCount: Int = 0) -> [String]? {
        guard let value = value(key) else {
            if required { issue(key, "\(FieldIssue.subject(key)) is required") }
            return nil
        }
        guard case .array(let elements) = value else {
            issue(key, "\(FieldIssue.subject(key)) must be an array of strings")
            return nil
        }
        var strings: [String] = []
        for element in elements {
            guard case .string(let string) = element else {
                issue(key, "\(FieldIssue.subject(key)) must be an array of strings")
                return nil
            }
            strings.append(string)
        }
        guard strings.count >= minimumCount else {
            issue(key, "\(FieldIssue.subject(key)) must contain at least \(minimumCount) item\(minimumCount == 1 ? "" : "s")")
            return nil
        }
        return strings
    }

    /// Like `stringArray`, but `null` is allowed: `.some(nil)`. Absent: nil. At most `maximumCount`
    /// elements, each of `length` characters.
    public mutating func nullableStringArray(
        _ key: String, maximumCount: Int, length: ClosedRange<Int>
    ) -> [String]?? {
        guard let value = value(key) else { return nil }
        if value == .null { return .some(nil) }
        guard let strings = stringArray(key) else { return nil }
        guard strings.count <= maximumCount else {
            issue(key, "\(FieldIssue.subject(key)) must contain at most \(maximumCount) items")
            return nil
        }
        guard strings.allSatisfy({ length.contains($0.unicodeScalars.count) }) else {
            issue(key, "\(FieldIssue.subject(key)) items must be between \(length.lowerBound) and \(length.upperBound) characters long")
            return nil
        }
        return .some(strings)
    }

    private mutating func checkedString(_ key: String, _ value: JSONValue, length: ClosedRange<Int>?) -> String? {
        guard case .string(let string) = value else {
            issue(key, "\(FieldIssue.subject(key)) must be a string")
            return nil
        }
        if let length, !length.contains(string.unicodeScalars.count) {  // code points, as JSON Schema counts
            let bounds = length.lowerBound == length.upperBound
                ? "exactly \(length.lowerBound)" : "between \(length.lowerBound) and \(length.upperBound)"
            issue(key, "\(FieldIssue.subject(key)) must be \(bounds) characters long")
            return nil
        }
        return string
    }

    private mutating func checkedChoice<T>(_ key: String, _ value: JSONValue, _ choices: KeyValuePairs<String, T>) -> T? {
        if case .string(let string) = value, let match = choices.first(where: { $0.key == string }) {
            return match.value
        }
        let names = choices.map(\.key).joined(separator: ", ")
        issue(key, "\(FieldIssue.subject(key)) must be one of: \(names)")
        return nil
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
