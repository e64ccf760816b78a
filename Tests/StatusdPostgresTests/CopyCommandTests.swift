import Foundation
@testable import StatusdPostgres
@testable import StatusdStore
import StatusdTesting
import Testing

/// `statusd copy`, the built binary run as an operator would: counts on stdout, errors as one line,
/// the password nowhere.
@Suite(.postgres) struct CopyCommandTests {
    @Test func copiesEveryRowAndPrintsTheCountsWithoutThePassword() throws {
        try withFilledStoreAndTarget { store, path, connection, url in
            let password = try #require(url.passwords.first, "the test server's URL has a password")
            let run = try runStatusd(["copy", "--db", path, "--to", url.string])
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
            let again = try runStatusd(["copy", "--db", path, "--to", url.string])
            #expect(again.status == 1)
            #expect(again.stdout.isEmpty)
            #expect(again.stderr.contains("already holds data") && again.stderr.hasSuffix("\n"))
            #expect(again.stderr.split(separator: "\n").count == 1)
            #expect(!again.stderr.contains(password))
        }
    }

    @Test func aWrongPasswordFailsWithoutShowingIt() throws {
        try withFilledStoreAndTarget { _, path, _, url in
            let password = try #require(url.passwords.first)
            let wrong = url.string.replacingOccurrences(of: ":\(password)@", with: ":not-\(password)@")
            let run = try runStatusd(["copy", "--db", path, "--to", wrong])
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("statusd: error: cannot copy into "))
            #expect(!run.stderr.contains(password))
        }
    }

    @Test func aMissingSourceFileIsRefused() throws {
        let url = try TestPostgres.requireServerURL()
        let run = try runStatusd(["copy", "--db", "/nonexistent/statusd.db", "--to", url.string])
        #expect(run.status != 0)
        #expect(run.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/statusd.db"))
    }
}
