import HTTPTypes

/// The `Idempotency-Key` request header: one Structured Field String (RFC 8941 §3.3.3), as the
/// httpapi draft defines it (`Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`), of 1 to
/// 255 characters. Anything else is refused with 400 rather than run unprotected.
enum IdempotencyKey {
    static let name = HTTPField.Name("Idempotency-Key")!
    static let maximumLength = 255

    /// The key, nil when the request has none; throws `validation` for a malformed one.
    static func parse(_ fields: HTTPFields) throws -> String? {
        let values = fields[values: name]
        guard let first = values.first else { return nil }
        guard values.count == 1, let key = string(first), !key.isEmpty, key.count <= maximumLength else {
            throw APIError.validation(message: "Invalid Idempotency-Key header", issues: [
                FieldIssue(
                    field: "Idempotency-Key",
                    message: "Idempotency-Key must be one quoted string (RFC 8941) of 1 to \(maximumLength) printable ASCII characters, e.g. \"4f1c2a\"")
            ])
        }
        return key
    }

    /// RFC 8941 §4.2.5 (Parsing a String), the whole field value being that one string: printable
    /// ASCII between double quotes, `\"` and `\\` the only escapes. nil when it is not one.
    static func string(_ value: String) -> String? {
        var bytes = Array(value.utf8)[...]
        // §4.2: leading and trailing spaces are discarded.
        while bytes.first == 0x20 { bytes.removeFirst() }
        while bytes.last == 0x20 { bytes.removeLast() }
        guard bytes.first == UInt8(ascii: "\""), bytes.count >= 2 else { return nil }
        bytes.removeFirst()
        var out: [UInt8] = []
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\\"):
                guard let next = bytes.popFirst(), next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") else { return nil }
                out.append(next)
            case UInt8(ascii: "\""):
                return bytes.isEmpty ? String(decoding: out, as: UTF8.self) : nil
            case 0x20...0x7E:
                out.append(byte)
            default:
                return nil
            }
        }
        return nil
    }
}
