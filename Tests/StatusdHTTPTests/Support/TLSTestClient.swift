import COpenSSL
import Glibc
import StatusdTesting

/// A blocking TLS 1.2/1.3 client for tests, over `RawHTTPClient`'s socket: verifies the server
/// against one CA file and the name `localhost`, offers ALPN, sends any bytes (pipelined requests
/// included) and reads Content-Length responses.
final class TLSTestClient {
    enum Failure: Error, Equatable {
        case handshakeFailed(String)
        case closed
        case malformedResponse(String)
    }

    let socket: RawHTTPClient
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private var buffer: [UInt8] = []

    init(port: Int, trusting caFile: String, alpn: [String] = ["http/1.1"], timeout: Double = 5) throws {
        socket = try RawHTTPClient(port: port, timeout: timeout)
        context = SSL_CTX_new(TLS_client_method())
        ssl = SSL_new(context)
        SSL_CTX_load_verify_locations(context, caFile, nil)
        SSL_set_verify(ssl, SSL_VERIFY_PEER, nil)
        _ = SSL_set1_host(ssl, "localhost")
        _ = statusd_SSL_set_tlsext_host_name(ssl, "localhost")
        let wire = alpn.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
        _ = SSL_set_alpn_protos(ssl, wire, UInt32(wire.count))
        SSL_set_fd(ssl, socket.fd)
        ERR_clear_error()
        guard SSL_connect(ssl) == 1 else {
            let code = ERR_get_error()
            throw Failure.handshakeFailed(ERR_reason_error_string(code).map { String(cString: $0) } ?? "code \(code)")
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    /// The ALPN protocol the server chose.
    var negotiatedProtocol: String? {
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// The server certificate's subject, as `/CN=…`.
    var peerSubject: String? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        guard let name = X509_NAME_oneline(X509_get_subject_name(certificate), nil, 0) else { return nil }
        defer { CRYPTO_free(name, #file, #line) }
        return String(cString: name)
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        guard written == bytes.count else { throw Failure.closed }
    }

    /// One response; the body by Content-Length.
    func readResponse() throws -> TestResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.indices.first { buffer[$0...].starts(with: separator) }
            if headEnd == nil { try fill() }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusParts = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure.malformedResponse(head) }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingPrefix(" ").description)
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        while buffer.count < length { try fill() }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return TestResponse(status: status, headers: headers, body: body)
    }

    /// Reads until the server ends the session; true if it sent close_notify first.
    func receivedCloseNotify() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = SSL_read(ssl, &chunk, Int32(chunk.count))
            if count > 0 { continue }
            return SSL_get_error(ssl, count) == SSL_ERROR_ZERO_RETURN
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = SSL_read(ssl, &chunk, Int32(chunk.count))
        guard count > 0 else { throw Failure.closed }
        buffer += chunk[..<Int(count)]
    }
}
