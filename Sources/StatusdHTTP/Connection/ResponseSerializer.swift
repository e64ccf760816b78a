import HTTPTypes

/// Writes a response head and body into one buffer, so that it leaves in a single `send`.
/// The server owns framing: `Content-Length`, `Date` and `Connection` are always its own.
enum ResponseSerializer {
    struct Options {
        var omitBody = false
        var close = false
        /// HTTP/1.0 keep-alive must be confirmed explicitly (RFC 9112 §9.3).
        var confirmKeepAlive = false
    }

    static func serialize(_ response: HTTPServerResponse, options: Options, date: DateHeaderCache) -> [UInt8] {
        let code = response.status.code
        var out: [UInt8] = []
        out.reserveCapacity(96 + response.headerFields.count * 48 + response.body.count)
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(code, to: &out)
        out.append(ByteClass.space)
        out.append(contentsOf: response.status.reasonPhrase.utf8)
        out.append(contentsOf: "\r\n".utf8)
        for field in response.headerFields where !isServerOwned(field.name) {
            out.append(contentsOf: field.name.rawName.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        // RFC 9110 §8.6: no Content-Length in 1xx and 204 responses; 304 describes another representation.
        let mayHaveBody = code >= 200 && code != 204 && code != 304
        if mayHaveBody {
            out.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &out)
            out.append(contentsOf: "\r\n".utf8)
        }
        date.appendLine(to: &out)
        if options.close {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if options.confirmKeepAlive {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if mayHaveBody && !options.omitBody { out.append(contentsOf: response.body) }
        return out
    }

    /// Whether the handler asked to close the connection (`Connection: close`).
    static func requestsClose(_ response: HTTPServerResponse) -> Bool {
        guard var value = response.headerFields[.connection] else { return false }
        return value.withUTF8 { FramingFields.listElements(UnsafeRawBufferPointer($0)).contains(Array("close".utf8)) }
    }

    private static func isServerOwned(_ name: HTTPField.Name) -> Bool {
        name == .contentLength || name == .transferEncoding || name == .date || name == .connection
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
