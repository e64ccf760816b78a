/// Where the server's certificate chain and private key live (PEM). Both are read at start and
/// again on each `HTTPServer.reloadTLS()`, so renewed files take effect without a restart.
public struct TLSCertificateFiles: Sendable, Equatable {
    /// The leaf certificate first, then any intermediates.
    public var certificatePath: String
    /// The private key of the leaf certificate, unencrypted.
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }
}
