import Foundation
import StatusdHTTP

/// A temporary folder with self-signed certificates made by the `openssl` command (CN/SAN
/// localhost and 127.0.0.1), removed when the test ends.
final class TLSFixtureFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("statusd-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// `NAME.crt` and `NAME.key`: an EC P-256 self-signed certificate, subject CN `commonName`.
    @discardableResult
    func makeCertificate(_ name: String, commonName: String = "localhost") throws -> TLSCertificateFiles {
        try runOpenSSL([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("\(name).key"), "-out", path("\(name).crt"), "-days", "2",
            "-subj", "/CN=\(commonName)", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        return TLSCertificateFiles(certificatePath: path("\(name).crt"), privateKeyPath: path("\(name).key"))
    }

    /// A private key alone (`ec` or `rsa`), matching no certificate.
    func makeKey(_ name: String, algorithm: String = "ec") throws -> String {
        let options = algorithm == "ec" ? ["-pkeyopt", "ec_paramgen_curve:prime256v1"] : ["-pkeyopt", "rsa_keygen_bits:2048"]
        try runOpenSSL(["genpkey", "-algorithm", algorithm] + options + ["-out", path(name)])
        return path(name)
    }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    /// Copies `files` over `NAME.crt`/`NAME.key` (as a certificate renewal would).
    func replace(_ target: TLSCertificateFiles, with files: TLSCertificateFiles) throws {
        for (from, to) in [(files.certificatePath, target.certificatePath), (files.privateKeyPath, target.privateKeyPath)] {
            try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.copyItem(atPath: from, toPath: to)
        }
    }

    private func runOpenSSL(_ arguments: [String]) throws {
        let result = try runTool("openssl", arguments)
        guard result.status == 0 else { throw ToolFailure(message: "openssl \(arguments[0]): \(result.stderr)") }
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs a command-line tool found on PATH; returns its exit status and output.
func runTool(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

/// `curl -sS` with a 10-second cap; `-v` output lands in `stderr`.
func curl(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runTool("curl", ["-sS", "--max-time", "10"] + arguments)
}

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
