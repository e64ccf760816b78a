import ArgumentParser
import StatusdHTTP

/// `serve --tls-cert FILE --tls-key FILE` (or STATUSD_TLS_CERT / STATUSD_TLS_KEY): HTTPS on the port.
struct TLSOptions: ParsableArguments {
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp(
        "PEM certificate chain (leaf first) to serve HTTPS with; needs --tls-key; re-read on SIGHUP (env STATUSD_TLS_CERT).",
        valueName: "file"))
    var certificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp(
        "PEM private key of the certificate, unencrypted; re-read on SIGHUP (env STATUSD_TLS_KEY).",
        valueName: "file"))
    var privateKey: String?

    /// The files from the flags, each falling back to its variable; both or neither.
    func files(environment: [String: String]) throws -> TLSCertificateFiles? {
        func given(_ value: String?, _ variable: String) -> String? {
            let chosen = value ?? environment[variable]
            return chosen?.isEmpty == false ? chosen : nil
        }
        let certificate = given(self.certificate, "STATUSD_TLS_CERT")
        let privateKey = given(self.privateKey, "STATUSD_TLS_KEY")
        switch (certificate, privateKey) {
        case (nil, nil):
            return nil
        case let (certificate?, privateKey?):
            return TLSCertificateFiles(certificatePath: certificate, privateKeyPath: privateKey)
        default:
            throw CLIFailure(
                "--tls-cert and --tls-key (or STATUSD_TLS_CERT and STATUSD_TLS_KEY) must be given together")
        }
    }
}
