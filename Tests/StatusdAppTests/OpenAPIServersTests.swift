import Foundation
import StatusdApp
import StatusdTesting
import Testing

/// `/openapi.json` names the server the client reached, so generated clients and Swagger UI call it.
@Suite struct OpenAPIServersTests {
    static func serverURL(port: Int, headers: [String]) throws -> (url: String?, response: TestResponse) {
        let client = try RawHTTPClient(port: port, timeout: 10)
        defer { client.close() }
        var request = "GET /openapi.json HTTP/1.1\r\nConnection: close\r\n"
        for header in headers { request += header + "\r\n" }
        try client.send(request + "\r\n")
        let response = try client.readResponse()
        let document = jsonObject(response.body) as? [String: Any]
        let servers = document?["servers"] as? [[String: Any]]
        return (servers?.first?["url"] as? String, response)
    }

    @Test func theServersURLIsTheHostTheClientUsed() throws {
        try withTestServer(demo: false) { server in
            let port = server.port
            let cases: [([String], String)] = [
                (["Host: 127.0.0.1:\(port)"], "http://127.0.0.1:\(port)"),
                (["Host: Status.Example.com:9000"], "http://status.example.com:9000"),
                (["Host: status.example.com"], "http://status.example.com"),
                (["Host: status.example.com:80"], "http://status.example.com"),
                (["Host: [::1]:\(port)"], "http://[::1]:\(port)"),
                // Behind a TLS-terminating proxy.
                (["Host: 10.0.0.5:8080", "X-Forwarded-Proto: https", "X-Forwarded-Host: status.example.com"],
                 "https://status.example.com"),
                (["Host: status.example.com:443", "X-Forwarded-Proto: HTTPS"], "https://status.example.com"),
                // Anything that is not a plain host[:port] falls back to the listening address.
                // (The HTTP parser already answers 400 to a Host with quotes or a path; a proxy's header is checked here.)
                (["Host: status.example.com:0"], "http://127.0.0.1:\(port)"),
                (["Host: 127.0.0.1:\(port)", "X-Forwarded-Host: evil.example.com\"},{\"url\":\"http://x"], "http://127.0.0.1:\(port)"),
                (["Host: 127.0.0.1:\(port)", "X-Forwarded-Host: status.example.com/path"], "http://127.0.0.1:\(port)"),
                (["Host: 127.0.0.1:\(port)", "X-Forwarded-Proto: gopher"], "http://127.0.0.1:\(port)"),
            ]
            for (headers, expected) in cases {
                let (url, response) = try Self.serverURL(port: port, headers: headers)
                #expect(response.status == 200, "\(headers)")
                #expect(url == expected, "\(headers)")
                #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            }
            // HTTP/1.0 may leave out Host.
            let client = try RawHTTPClient(port: port, timeout: 10)
            defer { client.close() }
            try client.send("GET /openapi.json HTTP/1.0\r\n\r\n")
            let document = jsonObject(try client.readResponse().body) as? [String: Any]
            #expect(((document?["servers"] as? [[String: Any]])?.first?["url"] as? String) == "http://127.0.0.1:\(port)")
        }
    }

    @Test func overTLS_theSchemeIsHTTPS() throws {
        let tls = try TLSFixtureFolder()
        let files = try tls.makeCertificate("server")
        var options = ServeOptions(host: "127.0.0.1", port: 0)
        options.http.tls = files
        try withTestServer(demo: false, options: options) { server in
            let run = try curl(["-s", "--cacert", files.certificatePath, "https://localhost:\(server.port)/openapi.json"])
            #expect(run.status == 0)
            let document = jsonObject(Array(run.stdout.utf8)) as? [String: Any]
            let url = (document?["servers"] as? [[String: Any]])?.first?["url"] as? String
            #expect(url == "https://localhost:\(server.port)")
        }
    }
}
