import HTTPTypes

/// request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
struct RequestLine {
    var method: HTTPRequest.Method
    var target: String
    var minorVersion: Int

    init(_ line: UnsafeRawBufferPointer, limits: RequestParser.Limits) throws(HTTPParseError) {
        guard let firstSpace = line.firstIndex(of: ByteClass.space) else {
            throw .badRequest("malformed request line")
        }
        let afterTarget = line[(firstSpace + 1)...].firstIndex(of: ByteClass.space) ?? line.count
        guard afterTarget < line.count else { throw .badRequest("malformed request line") }
        let methodBytes = UnsafeRawBufferPointer(rebasing: line[0..<firstSpace])
        let targetBytes = UnsafeRawBufferPointer(rebasing: line[(firstSpace + 1)..<afterTarget])
        let versionBytes = UnsafeRawBufferPointer(rebasing: line[(afterTarget + 1)...])
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ByteClass.isTokenChar) else {
            throw .badRequest("invalid method")
        }
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .badRequest("invalid request target")
        }
        minorVersion = try Self.parseVersion(versionBytes)
        guard targetBytes.count <= limits.maxRequestTargetBytes else { throw .requestTargetTooLong }
        guard let method = Self.knownMethod(methodBytes) else { throw .unknownMethod }
        self.method = method
        let isOptions = method == .options
        guard RequestTarget.isAcceptable(targetBytes, method: isOptions ? .options : .other) else {
            throw .badRequest("invalid request target")
        }
        target = String(decoding: targetBytes, as: UTF8.self)
    }

    /// HTTP-version = "HTTP/" DIGIT "." DIGIT; 1.0 and 1.1 are served, other versions get 505.
    static func parseVersion(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> Int {
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
            (0x30...0x39).contains(bytes[5]), (0x30...0x39).contains(bytes[7])
        else { throw .badRequest("malformed HTTP version") }
        guard bytes[5] == UInt8(ascii: "1"), bytes[7] <= UInt8(ascii: "1") else { throw .unsupportedVersion }
        return Int(bytes[7] - 0x30)
    }

    /// Methods this server recognises (RFC 9110 §9, PATCH, and QUERY from draft-ietf-httpbis-safe-method-w-body);
    /// others are 501. A recognised method that a path does not serve is the router's 405 with `Allow`.
    /// Methods are case-sensitive.
    static let query = HTTPRequest.Method("QUERY")!

    static func knownMethod(_ bytes: UnsafeRawBufferPointer) -> HTTPRequest.Method? {
        switch bytes.count {
        case 3 where bytes.elementsEqual("GET".utf8): .get
        case 3 where bytes.elementsEqual("PUT".utf8): .put
        case 4 where bytes.elementsEqual("POST".utf8): .post
        case 4 where bytes.elementsEqual("HEAD".utf8): .head
        case 5 where bytes.elementsEqual("PATCH".utf8): .patch
        case 5 where bytes.elementsEqual("TRACE".utf8): .trace
        case 5 where bytes.elementsEqual("QUERY".utf8): Self.query
        case 6 where bytes.elementsEqual("DELETE".utf8): .delete
        case 7 where bytes.elementsEqual("OPTIONS".utf8): .options
        case 7 where bytes.elementsEqual("CONNECT".utf8): .connect
        default: nil
        }
    }
}
