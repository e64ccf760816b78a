import COpenSSL

/// One configured OpenSSL server context (`SSL_CTX`) with a certificate chain and its key:
/// TLS 1.2 and 1.3 only, the library's default ciphers, ALPN http/1.1, no renegotiation, no
/// compression. Immutable once built, so connections on any thread may make sessions from it.
final class TLSContext: @unchecked Sendable {  // never configured after init; SSL_new is thread-safe
    let pointer: OpaquePointer

    init(files: TLSCertificateFiles) throws(TLSError) {
        try TLSError.checkReadable(files.certificatePath, as: "certificate")
        try TLSError.checkReadable(files.privateKeyPath, as: "private key")
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSError.openSSL("cannot create a TLS context")
        }
        pointer = context
        try configure()
        try load(files)
    }

    deinit { SSL_CTX_free(pointer) }

    private func configure() throws(TLSError) {
        guard statusd_SSL_CTX_set_min_proto_version(pointer, TLS1_2_VERSION) == 1 else {
            throw TLSError.openSSL("cannot restrict TLS to versions 1.2 and 1.3")
        }
        SSL_CTX_set_options(pointer, statusd_SSL_server_options())
        // Idle connections give their 34 KiB of record buffers back (as nginx does).
        _ = statusd_SSL_CTX_set_mode(pointer, Int(SSL_MODE_RELEASE_BUFFERS))
        statusd_SSL_CTX_select_http11_alpn(pointer)
        statusd_SSL_CTX_refuse_passphrase(pointer)
    }

    private func load(_ files: TLSCertificateFiles) throws(TLSError) {
        guard SSL_CTX_use_certificate_chain_file(pointer, files.certificatePath) == 1 else {
            throw TLSError.openSSL("cannot load TLS certificate '\(files.certificatePath)'")
        }
        let mismatch = "TLS private key '\(files.privateKeyPath)' does not match certificate '\(files.certificatePath)'"
        guard SSL_CTX_use_PrivateKey_file(pointer, files.privateKeyPath, SSL_FILETYPE_PEM) == 1 else {
            // A key of the certificate's type is compared while loading.
            if ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH {
                throw TLSError.openSSL(mismatch)
            }
            throw TLSError.openSSL("cannot load TLS private key '\(files.privateKeyPath)'")
        }
        guard SSL_CTX_check_private_key(pointer) == 1 else {
            throw TLSError.openSSL(mismatch)
        }
    }
}
