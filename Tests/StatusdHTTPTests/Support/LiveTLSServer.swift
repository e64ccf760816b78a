import StatusdHTTP
import StatusdTesting

/// Runs `body` against a live HTTPS server whose certificate is `server.crt`/`server.key` in `folder`.
@discardableResult
func withLiveTLSServer<T>(
    _ folder: TLSFixtureFolder,
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    _ body: (_ port: Int, _ server: HTTPServer) throws -> T
) throws -> T {
    let files = try folder.makeCertificate("server")
    return try withLiveServer(configure: { configuration in
        configuration.tls = files
        configure(&configuration)
    }, body)
}
