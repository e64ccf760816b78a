import COpenSSL

/// One connection's TLS state: an OpenSSL `SSL` between two memory BIOs. The connection moves
/// ciphertext between its non-blocking socket and the BIOs itself, so OpenSSL never touches the
/// descriptor and never blocks: "want read" just means "wait for the read source".
/// Used only under its connection's lock, like the rest of the connection's state.
final class TLSSession {
    enum HandshakeResult {
        case established
        /// More ciphertext from the client is needed.
        case needsInput
        /// A fatal protocol error; `takeOutput()` may hold the alert to send before closing.
        case failed
    }

    enum ReadResult {
        case bytes(Int)
        case needsInput
        /// The client sent close_notify.
        case closed
        case failed
    }

    private let ssl: OpaquePointer
    /// Ciphertext received from the client, waiting for OpenSSL.
    private let input: OpaquePointer
    /// Ciphertext OpenSSL produced (handshake, records, alerts), waiting for the socket.
    private let output: OpaquePointer
    private(set) var isEstablished = false
    private(set) var hasFailed = false
    private(set) var receivedBytes = 0
    private var closeNotifySent = false

    init?(context: TLSContext) {
        guard let ssl = SSL_new(context.pointer) else { return nil }
        guard let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            return nil
        }
        SSL_set_bio(ssl, input, output)  // the SSL owns both BIOs from here on
        SSL_set_accept_state(ssl)
        self.ssl = ssl
        self.input = input
        self.output = output
    }

    deinit { SSL_free(ssl) }

    /// Hands bytes read from the socket to OpenSSL. A memory BIO grows as needed.
    func receive(_ ciphertext: UnsafeRawBufferPointer) {
        guard let base = ciphertext.baseAddress, !ciphertext.isEmpty else { return }
        receivedBytes += ciphertext.count
        _ = BIO_write(input, base, Int32(ciphertext.count))
    }

    /// Advances the server side of the handshake with the ciphertext received so far.
    func handshake() -> HandshakeResult {
        guard !isEstablished else { return .established }
        guard !hasFailed else { return .failed }
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            isEstablished = true
            return .established
        }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .needsInput
        default:
            return fail(.failed)
        }
    }

    /// Decrypts into `buffer` as much as one call gives (up to a record).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> ReadResult {
        guard !hasFailed else { return .failed }
        let count = SSL_read(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
        if count > 0 { return .bytes(Int(count)) }
        switch SSL_get_error(ssl, count) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .needsInput
        case SSL_ERROR_ZERO_RETURN:
            return .closed
        default:
            return fail(.failed)
        }
    }

    /// Encrypts `plaintext` and returns the records to send; nil if the session has failed.
    func seal(_ plaintext: [UInt8]) -> [UInt8]? {
        guard !hasFailed else { return nil }
        if plaintext.isEmpty { return takeOutput() }
        let written = plaintext.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        guard written == plaintext.count else {
            _ = fail(ReadResult.failed)
            return nil
        }
        return takeOutput()
    }

    /// The close_notify alert to send before closing (once, and only on a healthy session).
    func closeNotify() -> [UInt8] {
        guard isEstablished, !hasFailed, !closeNotifySent else { return [] }
        closeNotifySent = true
        _ = SSL_shutdown(ssl)
        return takeOutput()
    }

    /// Ciphertext produced so far and not yet taken.
    func takeOutput() -> [UInt8] {
        let pending = Int(BIO_ctrl_pending(output))
        guard pending > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: pending) { bytes, count in
            count = Int(max(0, BIO_read(output, bytes.baseAddress, Int32(pending))))
        }
    }

    private func fail<T>(_ result: T) -> T {
        hasFailed = true
        ERR_clear_error()  // the per-thread queue must not leak into another connection's calls
        return result
    }
}
