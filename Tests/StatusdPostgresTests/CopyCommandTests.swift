import Foundation
import StatusdPostgres
@testable import StatusdStore
import StatusdTesting
import Testing

/// `statusd copy`, the built binary run as an operator would: counts on stdout, errors as one line,
/// the password nowhere.
@Suite(.postgres) struct CopyCommandTests {
    @Test func copiesEveryRowAndPrintsTheCountsWithoutThePassword() throws {
        try withFilledStoreAndTarget { store, path, connection, url in
            let password = try #require(Self.password(in: url), "the test server's URL has a password")
            let run = try Self.statusd(["copy", "--db", path, "--to", url.string])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty)
            #expect(!run.stdout.contains(password))
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "copied \(path) to \(url.redacted)")
            let tables = try TableContents.sqliteTableNames(store)
            for table in tables {
                let rows = try TableContents.sqlite(table, store).rows.count
                #expect(lines.contains { $0.hasPrefix(table + " ") && $0.hasSuffix(" \(rows)") }, "\(table): \(run.stdout)")
            }
            #expect(lines.last?.hasPrefix("total  ") == true && lines.last?.hasSuffix(" in \(tables.count) tables") == true)
            let incidents = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents") }
            #expect(try connection.execute("SELECT count(*) AS n FROM incidents")[0].int64("n") == Int64(incidents ?? -1))

            // Again: the target now holds data, and is refused with one line.
            let again = try Self.statusd(["copy", "--db", path, "--to", url.string])
            #expect(again.status == 1)
            #expect(again.stdout.isEmpty)
            #expect(again.stderr.contains("already holds data") && again.stderr.hasSuffix("\n"))
            #expect(again.stderr.split(separator: "\n").count == 1)
            #expect(!again.stderr.contains(password))
        }
    }

    @Test func aWrongPasswordFailsWithoutShowingIt() throws {
        try withFilledStoreAndTarget { _, path, _, url in
            let password = try #require(Self.password(in: url))
            let wrong = url.string.replacingOccurrences(of: ":\(password)@", with: ":not-\(password)@")
            let run = try Self.statusd(["copy", "--db", path, "--to", wrong])
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("statusd: error: cannot copy into "))
            #expect(!run.stderr.contains(password))
        }
    }

    @Test func aMissingSourceFileIsRefused() throws {
        let url = try TestPostgres.requireServerURL()
        let run = try Self.statusd(["copy", "--db", "/nonexistent/statusd.db", "--to", url.string])
        #expect(run.status != 0)
        #expect(run.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/statusd.db"))
    }

    /// The password of `postgres://user:password@host/…`, if any.
    static func password(in url: PostgresURL) -> String? {
        guard let authority = url.string.split(separator: "/").dropFirst().first,
              let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":")
        else { return nil }
        return String(authority[authority.index(after: colon)..<at])
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `statusd` (beside the test bundle, or `STATUSD_BINARY`), without STATUSD_DB.
    static func statusd(_ arguments: [String]) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment["STATUSD_DB"] = nil
        let run = try runProcess(try binary(), arguments, environment: environment)
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    static func binary() throws -> URL {
        if let given = ProcessInfo.processInfo.environment["STATUSD_BINARY"] { return URL(fileURLWithPath: given) }
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("statusd") }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "no statusd binary in \(candidates)")
    }
}
