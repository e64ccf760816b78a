import Foundation
import StatusdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--cors-origin` and STATUSD_CORS_ORIGINS as the built executable takes them.
@Suite struct CORSCLITests {
    @Test func originsFromFlagsOrEnvironment_reachTheServer() throws {
        try CLITests.withFolder { folder in
            let flagged = try ServerProcess(
                binary: try CLITests.binary(), databasePath: nil,
                arguments: ["--ephemeral", "--demo", "--cors-origin", "https://app.example.com", "--cors-origin", "http://localhost:5173"],
                logFile: folder.appendingPathComponent("flags.log"))
            let fromFlag = try flagged.client.send("OPTIONS", "/v1/status_pages/a1b2c3d4/incidents", headers: [
                ("Origin", "http://localhost:5173"), ("Access-Control-Request-Method", "POST"),
            ])
            #expect(fromFlag.status == 204 && fromFlag.header("Access-Control-Allow-Origin") == "http://localhost:5173")
            flagged.send(signal: SIGTERM)
            #expect(flagged.waitForExit(seconds: 15)?.status == 0)

            let environment = try ServerProcess(
                binary: try CLITests.binary(), databasePath: nil, arguments: ["--ephemeral", "--demo"],
                environment: ["STATUSD_CORS_ORIGINS": "https://a.example.com, https://b.example.com"],
                logFile: folder.appendingPathComponent("env.log"))
            let fromEnvironment = try environment.client.send(
                "GET", "/v1/status_pages/demo/summary", headers: [("Origin", "https://b.example.com")])
            #expect(fromEnvironment.status == 200)
            #expect(fromEnvironment.header("Access-Control-Allow-Origin") == "https://b.example.com")
            environment.send(signal: SIGTERM)
            #expect(environment.waitForExit(seconds: 15)?.status == 0)
        }
    }

    @Test func aBadOrigin_stopsTheStart_withOneClearLine() throws {
        try CLITests.withFolder { folder in
            let flag = try CLITests.run(["serve", "--ephemeral", "--port", "0", "--cors-origin", "https://app.example.com/"], in: folder)
            #expect(flag.status != 0)
            #expect(flag.stderr.contains(
                "--cors-origin 'https://app.example.com/': an origin is scheme://host[:port], without a path, a trailing '/' or user info"))
            let environment = try CLITests.run(["serve", "--ephemeral", "--port", "0"], in: folder,
                                               environment: ["STATUSD_CORS_ORIGINS": "app.example.com"])
            #expect(environment.status == 1)
            #expect(environment.stderr
                == "statusd: error: STATUSD_CORS_ORIGINS: an origin starts with http:// or https:// (got 'app.example.com')\n")
        }
    }
}
