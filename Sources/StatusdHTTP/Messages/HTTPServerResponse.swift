import HTTPTypes

/// A complete response. The server adds `Content-Length`, `Date` and, when closing, `Connection: close`.
public struct HTTPServerResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headerFields: HTTPFields
    public var body: [UInt8]
    /// Close the connection without writing anything: what a crashed upstream or a cut network
    /// looks like to the client (`--test-control` fault injection). The status and body are unused.
    public var dropsConnection = false
    /// Hold the answer back this long before writing it (test-control latency faults), without
    /// keeping a handler thread: the connection is woken by a timer.
    public var writeDelayMilliseconds = 0

    public init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }
}

extension HTTPServerResponse {
    /// The server's own small JSON error body: `{"error":"<message>"}`.
    public static func jsonError(_ status: HTTPResponse.Status, _ message: String) -> HTTPServerResponse {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        var body = Array(#"{"error":""#.utf8)
        JSONEscaping.append(message, to: &body)
        body.append(contentsOf: #""}"#.utf8)
        return HTTPServerResponse(status: status, headerFields: fields, body: body)
    }
}

/// Minimal JSON string escaping for the server's own error bodies.
enum JSONEscaping {
    static func append(_ string: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0..<0x20:
                out.append(contentsOf: Array(#"\u00"#.utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
    }
}
