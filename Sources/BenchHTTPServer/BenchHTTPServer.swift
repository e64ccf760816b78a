// A minimal server on the HTTP core for scripts/bench-http and scripts/bench-https: one GET route
// answering the bytes of a file (the same file nginx serves), so that both servers send identical
// bodies; HTTPS when given a certificate and key.
import Glibc
import HTTPTypes
import StatusdHTTP

@main
enum BenchHTTPServer {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 || arguments.count == 5, let port = Int(arguments[1]) else {
            print("usage: BenchHTTPServer PORT BODY_FILE [CERT_FILE KEY_FILE]")
            exit(2)
        }
        let body = try readFile(arguments[2])
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let response = HTTPServerResponse(status: .ok, headerFields: fields, body: body)

        let router = HTTPRouter()
        router.on(.get, "/status.json") { @Sendable _ in response }
        var configuration = HTTPServerConfiguration()
        configuration.port = port
        if arguments.count == 5 {
            configuration.tls = TLSCertificateFiles(certificatePath: arguments[3], privateKeyPath: arguments[4])
        }
        let server = HTTPServer(configuration: configuration, router: router)
        let bound = try server.start()
        print("bench server listening on 127.0.0.1:\(bound)")
        fflush(nil)
        while true { pause() }
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw BenchError.unreadable(path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    enum BenchError: Error { case unreadable(String) }
}
