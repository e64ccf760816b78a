@testable import StatusdPostgres
import Testing

/// No server needed: the URL's redaction and database replacement.
@Suite struct PostgresURLTests {
    @Test(arguments: [
        ("postgres://statusd:s3cret@127.0.0.1:5432/app", "postgres://statusd:***@127.0.0.1:5432/app"),
        ("postgresql://u:p%40ss@db.example.com/app?sslmode=require", "postgresql://u:***@db.example.com/app?sslmode=require"),
        ("postgres://u@h/app?password=s3cret&connect_timeout=3", "postgres://u@h/app?password=***&connect_timeout=3"),
        ("postgres://u:a@b@h/app", "postgres://u:***@h/app"),
        ("postgres:///app?host=/tmp/pg", "postgres:///app?host=/tmp/pg"),
        ("postgres://h:5432", "postgres://h:5432"),
        // libpq takes everything before an "@" ahead of the first "/" as the user part, "?" included.
        ("postgres://u:pa?s3cret@h/app", "postgres://u:***@h/app"),
    ])
    func redactedHidesThePassword(url: String, redacted: String) throws {
        let parsed = try PostgresURL(url)
        #expect(parsed.redacted == redacted)
        #expect("\(parsed)" == redacted)
        #expect(!parsed.redacted.contains("s3cret"))
    }

    @Test func replacingDatabaseKeepsServerAndOptions() throws {
        let url = try PostgresURL("postgres://u:p@127.0.0.1:5433/postgres?connect_timeout=3")
        #expect(url.replacingDatabase(with: "other").string == "postgres://u:p@127.0.0.1:5433/other?connect_timeout=3")
        #expect(try PostgresURL("postgres://h").replacingDatabase(with: "x").string == "postgres://h/x")
        #expect(try PostgresURL("postgres:///db?host=/tmp").replacingDatabase(with: "x").string == "postgres:///x?host=/tmp")
    }

    @Test func onlyPostgresURLsAreTaken() {
        #expect(throws: PostgresError.self) { try PostgresURL("host=localhost password=s3cret") }
        do {
            _ = try PostgresURL("mysql://u:s3cret@h/db")
        } catch {
            #expect(!"\(error)".contains("s3cret"))
        }
    }

    /// libpq quotes the URL's parts in its errors (a bad percent-escape in the password comes back
    /// whole): every form of the password, as written and decoded, is scrubbed from them.
    @Test func passwordsAreScrubbedFromMessages() throws {
        let url = try PostgresURL("postgres://u:ab%zzs3cret@h/app?password=p%40ss")
        #expect(url.scrubbed(#"invalid percent-encoded token: "ab%zzs3cret""#) == #"invalid percent-encoded token: "***""#)
        #expect(url.scrubbed("password authentication failed: p@ss and p%40ss") == "password authentication failed: *** and ***")
        #expect(try PostgresURL("postgres://h/app").scrubbed("no password here") == "no password here")
        #expect(try PostgresURL("postgres://u:pa?s3cret@h/app").replacingDatabase(with: "x").string == "postgres://u:pa?s3cret@h/x")
    }
}
