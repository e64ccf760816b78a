import Foundation
import StatusdTesting
import Testing

/// `statusd serve` with TLS, run as the built executable: start-up errors and a real SIGHUP.
@Suite struct TLSCLITests {
    @Test func missingCertificate_isOneLineAndANonZeroExit() throws {
        try CLITests.withFolder { folder in
            let run = try CLITests.run(["serve", "--port", "0", "--tls-cert", "nope.crt", "--tls-key", "nope.key"], in: folder)
            #expect(run.status != 0)
            #expect(run.stderr == "statusd: error: cannot read TLS certificate 'nope.crt': No such file or directory\n")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func mismatchedKey_fromTheEnvironment_isOneLineAndANonZeroExit() throws {
        let tls = try TLSFixtureFolder()
        let first = try tls.makeCertificate("first")
        let second = try tls.makeCertificate("second")
        try CLITests.withFolder { folder in
            let run = try CLITests.run(["serve", "--port", "0"], in: folder, environment: [
                "STATUSD_TLS_CERT": first.certificatePath, "STATUSD_TLS_KEY": second.privateKeyPath,
            ])
            #expect(run.status != 0)
            #expect(run.stderr.hasPrefix("statusd: error: TLS private key '\(second.privateKeyPath)' does not match"))
            #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        }
    }

    @Test func aCertificateWithoutAKey_isRefused() throws {
        try CLITests.withFolder { folder in
            let run = try CLITests.run(["serve", "--port", "0", "--tls-cert", "server.crt"], in: folder)
            #expect(run.status != 0)
            #expect(run.stderr.contains("--tls-cert and --tls-key"))
        }
    }

    @Test func sighup_reloadsTheCertificate_forNewConnections() throws {
        let tls = try TLSFixtureFolder()
        let original = try tls.makeCertificate("original", commonName: "first")
        let renewed = try tls.makeCertificate("renewed", commonName: "second")
        let live = try tls.makeCertificate("live")
        try tls.replace(live, with: original)
        try CLITests.withFolder { folder in
            let server = try ServingProcess(
                ["serve", "--port", "0", "--tls-cert", live.certificatePath, "--tls-key", live.privateKeyPath], in: folder)
            defer { server.terminate() }
            #expect(server.url.hasPrefix("https://127.0.0.1:"))
            let health = server.url.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/healthz"
            #expect(try curl(["--cacert", original.certificatePath, health]).status == 0)

            try tls.replace(live, with: renewed)
            kill(server.process.processIdentifier, SIGHUP)
            var served = false
            for _ in 0..<50 where !served {
                served = try curl(["--cacert", renewed.certificatePath, health]).status == 0
                if !served { usleep(100_000) }
            }
            #expect(served)
            #expect(try curl(["--cacert", original.certificatePath, health]).status != 0)
            #expect(server.terminate() == 0)
        }
    }
}

/// `statusd serve` running in the background; knows its URL from the first line of output.
final class ServingProcess {
    let process = Process()
    let url: String
    private var stopped = false

    init(_ arguments: [String], in folder: URL) throws {
        process.executableURL = try CLITests.binary()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["STATUSD_DB"] = nil
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        url = text.components(separatedBy: " ").last ?? ""
    }

    /// SIGTERM and wait; the exit status.
    @discardableResult
    func terminate() -> Int32 {
        if !stopped {
            stopped = true
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }
}
