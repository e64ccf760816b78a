import StatusdSync

/// The server's current TLS context, replaced whole on reload: new connections take the newest,
/// open ones keep the context they started with (each `SSL` holds its own reference to it).
final class TLSContextStore: Sendable {
    let files: TLSCertificateFiles
    private let current: Locked<TLSContext>

    init(files: TLSCertificateFiles) throws(TLSError) {
        self.files = files
        current = Locked(try TLSContext(files: files))
    }

    /// Re-reads the files; on failure the current context stays and the error is thrown.
    func reload() throws(TLSError) {
        let fresh = try TLSContext(files: files)
        current.withLock { $0 = fresh }
    }

    /// A server-side session on the current context; nil only if OpenSSL is out of memory.
    func makeSession() -> TLSSession? {
        TLSSession(context: current.withLock { $0 })
    }
}
