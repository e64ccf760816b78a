import HTTPTypes

/// Parses a complete, scanned header section into a `RequestHead`, refusing anything ambiguous.
enum HeadParser {
    static func parse(
        _ input: UnsafeRawBufferPointer, lines: HeadScanner.Lines, limits: RequestParser.Limits
    ) throws(HTTPParseError) -> RequestHead {
        let requestLine = try RequestLine(UnsafeRawBufferPointer(rebasing: input[lines.requestLine]), limits: limits)
        var fields = HTTPFields()
        fields.reserveCapacity(lines.fields.count)
        var framing = FramingFields()
        for range in lines.fields {
            let line = UnsafeRawBufferPointer(rebasing: input[range])
            let (field, name, value) = try parseField(line)
            framing.note(name: name, value: value)
            fields.append(field)
        }
        return try framing.makeHead(requestLine: requestLine, fields: fields)
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).
    static func parseField(
        _ line: UnsafeRawBufferPointer
    ) throws(HTTPParseError) -> (HTTPField, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        // §5.2: obs-fold (a line starting with whitespace) is refused.
        guard let first = line.first, !ByteClass.isWhitespace(first) else {
            throw .badRequest("obsolete line folding")
        }
        var colon = 0
        while colon < line.count, line[colon] != ByteClass.colon {
            let byte = line[colon]
            guard ByteClass.isTokenChar(byte) else {
                // §5.1: no whitespace is allowed between the field name and colon.
                throw .badRequest(ByteClass.isWhitespace(byte) ? "whitespace before colon" : "invalid field name")
            }
            colon += 1
        }
        guard colon < line.count, colon > 0 else { throw .badRequest("invalid field line") }
        var start = colon + 1
        var end = line.count
        while start < end, ByteClass.isWhitespace(line[start]) { start += 1 }
        while end > start, ByteClass.isWhitespace(line[end - 1]) { end -= 1 }
        for index in start..<end where !ByteClass.isFieldValueChar(line[index]) {
            // Bare CR, NUL and other controls (RFC 9110 §5.5).
            throw .badRequest("invalid character in field value")
        }
        let name = UnsafeRawBufferPointer(rebasing: line[0..<colon])
        let value = UnsafeRawBufferPointer(rebasing: line[start..<end])
        guard let fieldName = KnownFieldNames.name(for: name) else { throw .badRequest("invalid field name") }
        return (HTTPField(name: fieldName, value: value), name, value)
    }
}

/// Field names resolved without allocating for the common ones.
enum KnownFieldNames {
    /// swift-http-types hides `.host` (HTTP/2 moves it to `:authority`); HTTP/1.1 handlers still see it.
    static let host = HTTPField.Name("Host")!

    static func name(for bytes: UnsafeRawBufferPointer) -> HTTPField.Name? {
        switch bytes.count {
        case 4 where ByteClass.equalsLowercase(bytes, "host"): return KnownFieldNames.host
        case 6 where ByteClass.equalsLowercase(bytes, "accept"): return .accept
        case 10 where ByteClass.equalsLowercase(bytes, "connection"): return .connection
        case 10 where ByteClass.equalsLowercase(bytes, "user-agent"): return .userAgent
        case 12 where ByteClass.equalsLowercase(bytes, "content-type"): return .contentType
        case 13 where ByteClass.equalsLowercase(bytes, "authorization"): return .authorization
        case 14 where ByteClass.equalsLowercase(bytes, "content-length"): return .contentLength
        default: return HTTPField.Name(String(decoding: bytes, as: UTF8.self))
        }
    }
}
