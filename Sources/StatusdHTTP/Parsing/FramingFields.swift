import HTTPTypes

/// The header fields that decide framing and persistence, gathered while fields are parsed and
/// checked together once the section is complete (RFC 9112 §6, §9.3; RFC 9110 §7.2, §10.1.1).
struct FramingFields {
    private var hostCount = 0
    private var host: String?
    private var contentLengths: [UnsafeRawBufferPointer] = []
    private var transferCodings: [[UInt8]] = []
    private var sawTransferEncoding = false
    private var connectionClose = false
    private var connectionKeepAlive = false
    private var expectations: [[UInt8]] = []

    mutating func note(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        switch name.count {
        case 4 where ByteClass.equalsLowercase(name, "host"):
            hostCount += 1
            host = String(decoding: value, as: UTF8.self)
        case 14 where ByteClass.equalsLowercase(name, "content-length"):
            contentLengths.append(value)
        case 17 where ByteClass.equalsLowercase(name, "transfer-encoding"):
            sawTransferEncoding = true
            transferCodings.append(contentsOf: Self.listElements(value))
        case 10 where ByteClass.equalsLowercase(name, "connection"):
            for option in Self.listElements(value) {
                if option == Array("close".utf8) { connectionClose = true }
                if option == Array("keep-alive".utf8) { connectionKeepAlive = true }
            }
        case 6 where ByteClass.equalsLowercase(name, "expect"):
            expectations.append(contentsOf: Self.listElements(value))
        default:
            break
        }
    }

    func makeHead(requestLine: RequestLine, fields: HTTPFields) throws(HTTPParseError) -> RequestHead {
        // RFC 9112 §3.2: exactly one Host on HTTP/1.1; never more than one.
        if hostCount > 1 { throw .badRequest("several Host fields") }
        if hostCount == 0 && requestLine.minorVersion == 1 { throw .badRequest("missing Host") }
        if let host, host.utf8.contains(where: { ByteClass.isWhitespace($0) || $0 == UInt8(ascii: "/") }) {
            throw .badRequest("invalid Host")
        }
        let split = RequestTarget(requestLine.target)
        return RequestHead(
            method: requestLine.method, target: requestLine.target, path: split.path, query: split.query,
            minorVersion: requestLine.minorVersion, fields: fields, host: host,
            framing: try framing(minorVersion: requestLine.minorVersion),
            keepAlive: requestLine.minorVersion == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose),
            expectsContinue: try expectsContinue())
    }

    private func framing(minorVersion: Int) throws(HTTPParseError) -> RequestHead.Framing {
        if sawTransferEncoding {
            // §6.1: Transfer-Encoding with Content-Length is a smuggling vector; refuse it.
            if !contentLengths.isEmpty { throw .badRequest("Content-Length with Transfer-Encoding") }
            if minorVersion == 0 { throw .badRequest("Transfer-Encoding in HTTP/1.0") }
            guard transferCodings.last == Array("chunked".utf8) else {
                throw .badRequest("final transfer coding is not chunked")
            }
            let chunkedCount = transferCodings.count { $0 == Array("chunked".utf8) }
            if chunkedCount > 1 { throw .badRequest("chunked applied more than once") }
            if transferCodings.count > 1 { throw .unsupportedTransferCoding }
            return .chunked
        }
        guard !contentLengths.isEmpty else { return .none }
        // §6.3: several Content-Length fields, or a list, are refused rather than reconciled.
        guard contentLengths.count == 1 else { throw .badRequest("several Content-Length fields") }
        let digits = contentLengths[0]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .badRequest("malformed Content-Length")
        }
        // 18 digits fit in Int; anything longer is certainly over any body limit.
        guard digits.count <= 18 else { return .contentLength(Int.max) }
        return .contentLength(digits.reduce(0) { $0 * 10 + Int($1 - 0x30) })
    }

    /// RFC 9110 §10.1.1: `100-continue` is the only expectation defined; others get 417.
    private func expectsContinue() throws(HTTPParseError) -> Bool {
        var expects = false
        for expectation in expectations {
            guard expectation == Array("100-continue".utf8) else { throw .unknownExpectation }
            expects = true
        }
        return expects
    }

    /// Lowercased, trimmed, non-empty elements of a comma-separated field value (RFC 9110 §5.6.1).
    static func listElements(_ value: UnsafeRawBufferPointer) -> [[UInt8]] {
        value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true).compactMap { element in
            let trimmed = element.drop(while: ByteClass.isWhitespace).reversed().drop(while: ByteClass.isWhitespace)
            let bytes = trimmed.reversed().map(ByteClass.lowercased)
            return bytes.isEmpty ? nil : bytes
        }
    }
}
