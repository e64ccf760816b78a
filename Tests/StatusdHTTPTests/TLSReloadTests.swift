import Foundation
import StatusdHTTP
import StatusdTesting
import Testing

@Suite("TLS certificate loading and reload")
struct TLSReloadTests {
    @Test func reload_servesTheNewCertificate_toNewConnections_andKeepsOpenOnes() throws {
        let folder = try TLSFixtureFolder()
        let live = try folder.makeCertificate("live", commonName: "first")
        let renewed = try folder.makeCertificate("renewed", commonName: "second")
        try withLiveServer(configure: { $0.tls = live }) { port, server in
            let before = try TLSTestClient(port: port, trusting: live.certificatePath)
            #expect(before.peerSubject == "/CN=first")
            try folder.replace(live, with: renewed)
            try server.reloadTLS()
            let after = try TLSTestClient(port: port, trusting: renewed.certificatePath)
            #expect(after.peerSubject == "/CN=second")
            try after.send(get("/hello"))
            #expect(try after.readResponse().text == "hello")
            try before.send(get("/hello"))
            #expect(try before.readResponse().text == "hello")
        }
    }

    @Test func aFailedReload_throws_andKeepsTheCurrentCertificate() throws {
        let folder = try TLSFixtureFolder()
        let live = try folder.makeCertificate("live", commonName: "first")
        try withLiveServer(configure: { $0.tls = live }) { port, server in
            try folder.write("not a key", to: "live.key")
            #expect(throws: TLSError.self) { try server.reloadTLS() }
            let client = try TLSTestClient(port: port, trusting: live.certificatePath)
            #expect(client.peerSubject == "/CN=first")
        }
    }

    @Test func start_withAMissingCertificate_failsWithTheFileAndReason() throws {
        let folder = try TLSFixtureFolder()
        let files = TLSCertificateFiles(certificatePath: folder.path("absent.crt"), privateKeyPath: folder.path("absent.key"))
        let error = try #require(throws: TLSError.self) { try startServer(files) }
        #expect(error.description == "cannot read TLS certificate '\(files.certificatePath)': No such file or directory")
    }

    @Test func start_withAKeyOfAnotherCertificate_failsAsAMismatch() throws {
        let folder = try TLSFixtureFolder()
        let first = try folder.makeCertificate("first")
        let second = try folder.makeCertificate("second")
        let files = TLSCertificateFiles(certificatePath: first.certificatePath, privateKeyPath: second.privateKeyPath)
        let error = try #require(throws: TLSError.self) { try startServer(files) }
        #expect(error.description.hasPrefix(
            "TLS private key '\(second.privateKeyPath)' does not match certificate '\(first.certificatePath)'"))
    }

    @Test func start_withAKeyOfAnotherType_failsAsAMismatch() throws {
        let folder = try TLSFixtureFolder()
        let files = try folder.makeCertificate("server")
        let rsaKey = try folder.makeKey("rsa.key", algorithm: "rsa")
        let error = try #require(throws: TLSError.self) {
            try startServer(TLSCertificateFiles(certificatePath: files.certificatePath, privateKeyPath: rsaKey))
        }
        #expect(error.description.contains("does not match"))
    }

    @Test func start_withAFileThatIsNotPEM_failsWithOpenSSLsReason() throws {
        let folder = try TLSFixtureFolder()
        let files = try folder.makeCertificate("server")
        try folder.write("hello", to: "server.crt")
        let error = try #require(throws: TLSError.self) { try startServer(files) }
        #expect(error.description.hasPrefix("cannot load TLS certificate '\(files.certificatePath)': "))
        #expect(!error.description.contains("\n"))
    }

    private func startServer(_ files: TLSCertificateFiles) throws {
        try withLiveServer(configure: { $0.tls = files }) { _, _ in }
    }
}
