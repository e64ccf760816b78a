import Foundation
import StatusdHTTP

/// For HTTPS tests: a temporary folder with self-signed certificates made by the `openssl` command (CN/SAN
/// localhost and 127.0.0.1), removed when the test ends.
public final class TLSFixtureFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("statusd-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// `NAME.crt` and `NAME.key`: an EC P-256 self-signed certificate, subject CN `commonName`.
    @discardableResult
    public func makeCertificate(_ name: String, commonName: String = "localhost") throws -> TLSCertificateFiles {
        try runOpenSSL([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("\(name).key"), "-out", path("\(name).crt"), "-days", "2",
            "-subj", "/CN=\(commonName)", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        return TLSCertificateFiles(certificatePath: path("\(name).crt"), privateKeyPath: path("\(name).key"))
    }

    /// A private key alone (`ec` or `rsa`), matching no certificate.
    public func makeKey(_ name: String, algorithm: String = "ec") throws -> String {
        let options = algorithm == "ec" ? ["-pkeyopt", "ec_paramgen_curve:prime256v1"] : ["-pkeyopt", "rsa_keygen_bits:2048"]
        try runOpenSSL(["genpkey", "-algorithm", algorithm] + options + ["-out", path(name)])
        return path(name)
    }

    public func write(_ text: String, to name: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    /// Copies `files` over `NAME.crt`/`NAME.key` (as a certificate renewal would).
    public func replace(_ target: TLSCertificateFiles, with files: TLSCertificateFiles) throws {
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

public struct ToolFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Runs a command-line tool found on PATH; returns its exit status and output.
public func runTool(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runProcess(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments)
}

/// Runs `executable` with `arguments` (and `environment`, when given, instead of this process's;
/// in `currentDirectory`, when given) to its end; returns its exit status and output.
public func runProcess(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
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
public func curl(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runTool("curl", ["-sS", "--max-time", "10"] + arguments)
}

