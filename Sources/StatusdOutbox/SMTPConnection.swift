#if canImport(Glibc)
import Glibc
#endif
import COpenSSL

/// One TCP connection to an SMTP server, plain until `startTLS`, on a non-blocking socket that
/// every step waits on with a deadline. Lines are read whole (CRLF-ended, at most 2,000 bytes, far
/// past RFC 5321 §4.5.3.1.5's 512). Used by one thread; closed on deinit.
final class SMTPConnection {
    private let fd: Int32
    private var context: OpaquePointer?
    private var ssl: OpaquePointer?
    private var buffered: [UInt8] = []
    let timeout: Duration

    init(to url: SMTPURL, timeout: Duration) throws(SMTPClient.Failure) {
        self.timeout = timeout
        do {
            fd = try HTTPPostClient(timeout: timeout).connect(host: url.host, port: url.port)
        } catch {
            throw .connection(error.description)
        }
    }

    deinit {
        if let ssl {
            SSL_shutdown(ssl)
            SSL_free(ssl)
        }
        if let context { SSL_CTX_free(context) }
        close(fd)
    }

    var isEncrypted: Bool { ssl != nil }

    /// The TLS handshake after the server's 220 to STARTTLS: TLS 1.2 or newer, SNI, and (when
    /// `verify`) the chain against the system trust store and the name against `host`.
    func startTLS(host: String, verify: Bool) throws(SMTPClient.Failure) {
        // Bytes read after the 220 but before the handshake came in the clear: a man in the middle
        // could have put a reply there for a later command (RFC 3207 §4.2; CVE-2011-0411 in MTAs).
        guard buffered.isEmpty else { throw .protocolError("the server sent more after its STARTTLS reply") }
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .tls("cannot make a TLS context") }
        self.context = context
        _ = statusd_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)
        if verify {
            SSL_CTX_set_default_verify_paths(context)
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        } else {
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
        guard let ssl = SSL_new(context) else { throw .tls("cannot make a TLS session") }
        self.ssl = ssl
        SSL_set_fd(ssl, fd)
        _ = statusd_SSL_set_tlsext_host_name(ssl, host)
        if verify { SSL_set1_host(ssl, host) }
        let deadline = HTTPPostClient.deadline(after: timeout)
        while true {
            let result = SSL_connect(ssl)
            if result == 1 { return }
            try waitFor(SSL_get_error(ssl, result), until: deadline, "the TLS handshake")
        }
    }

    /// Sends all of `bytes` before the deadline of one step.
    func send(_ bytes: [UInt8]) throws(SMTPClient.Failure) {
        let deadline = HTTPPostClient.deadline(after: timeout)
        var offset = 0
        while offset < bytes.count {
            let chunk = min(bytes.count - offset, 1 << 16)
            if let ssl {
                let written = bytes[offset...].withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32(chunk)) }
                if written > 0 { offset += Int(written); continue }
                try waitFor(SSL_get_error(ssl, written), until: deadline, "sending")
            } else {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, chunk, Int32(MSG_NOSIGNAL)) }
                if sent > 0 { offset += sent; continue }
                guard sent < 0, errno == EAGAIN || errno == EINTR else { throw .connection("the server closed the connection") }
                guard HTTPPostClient.wait(fd, for: Int16(POLLOUT), until: deadline) else { throw .timedOut("sending") }
            }
        }
    }

    /// One reply line without its CRLF, read before `deadline`.
    func readLine(until deadline: UInt64) throws(SMTPClient.Failure) -> String {
        while true {
            if let end = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffered[..<end].last == UInt8(ascii: "\r") ? buffered[..<(end - 1)] : buffered[..<end]
                let text = String(decoding: line, as: UTF8.self)
                buffered.removeSubrange(...end)
                return text
            }
            guard buffered.count < 2000 else { throw .protocolError("a reply line longer than 2000 bytes") }
            try fill(until: deadline)
        }
    }

    private func fill(until deadline: UInt64) throws(SMTPClient.Failure) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let ssl {
                let count = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
                if count > 0 { buffered += chunk[..<Int(count)]; return }
                try waitFor(SSL_get_error(ssl, count), until: deadline, "waiting for a reply")
            } else {
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 { buffered += chunk[..<count]; return }
                guard count < 0, errno == EAGAIN || errno == EINTR else { throw .connection("the server closed the connection") }
                guard HTTPPostClient.wait(fd, for: Int16(POLLIN), until: deadline) else { throw .timedOut("waiting for a reply") }
            }
        }
    }

    /// Waits for what OpenSSL wants, or fails with its reason.
    private func waitFor(_ error: Int32, until deadline: UInt64, _ phase: String) throws(SMTPClient.Failure) {
        switch error {
        case SSL_ERROR_WANT_READ:
            guard HTTPPostClient.wait(fd, for: Int16(POLLIN), until: deadline) else { throw .timedOut(phase) }
        case SSL_ERROR_WANT_WRITE:
            guard HTTPPostClient.wait(fd, for: Int16(POLLOUT), until: deadline) else { throw .timedOut(phase) }
        default:
            var reason = "TLS failed during \(phase)"
            if let ssl, SSL_get_verify_result(ssl) != X509_V_OK {
                reason = "certificate not trusted: " + String(cString: X509_verify_cert_error_string(Int(SSL_get_verify_result(ssl))))
            } else {
                let code = ERR_get_error()
                if code != 0, let text = ERR_reason_error_string(code) { reason += ": " + String(cString: text) }
            }
            ERR_clear_error()
            throw .tls(reason)
        }
    }
}
