import Foundation
import StatusdPostgres
import StatusdTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(.postgres) struct PostgresConnectionTests {
    @Test func boundParametersRoundTrip() throws {
        try withTestDatabase { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT, flag BOOLEAN)")
            let values: [String?] = [
                "Robert'); DROP TABLE notes;--", "\"double\" and 'single' quotes, \\backslash\\",
                "Grüße, 状態, emoji 🚦, RTL שלום", "$1 and ? are only text", "", nil,
            ]
            for (index, value) in values.enumerated() {
                let inserted = try connection.execute(
                    "INSERT INTO notes(id, body, flag) VALUES ($1, $2, $3)", [String(index), value, index % 2 == 0 ? "t" : "f"])
                #expect(inserted.affectedRowCount == 1)
            }
            let rows = try connection.execute("SELECT id, body, flag FROM notes ORDER BY id")
            #expect(rows.columns == ["id", "body", "flag"])
            #expect(try rows.map { try $0.int64("id") } == Array(0..<Int64(values.count)))
            #expect(try rows.map { try $0.optionalString("body") } == values)
            #expect(try rows.map { try $0.bool("flag") } == values.indices.map { $0 % 2 == 0 })
            #expect(try connection.execute("SELECT count(*) AS n FROM notes").first?.int64("n") == Int64(values.count))
        }
    }

    @Test func typedReadersNameTheColumnNotTheValue() throws {
        try withTestDatabase { url in
            let row = try #require(try PostgresConnection(url: url).execute("SELECT 'secret-ish' AS word, NULL::text AS nothing").first)
            #expect(row["word"] == "secret-ish")
            #expect(row["nothing"] == nil)
            #expect(try row.optionalInt64("nothing") == nil)
            let notInteger = #expect(throws: PostgresError.self) { try row.int64("word") }
            #expect(notInteger?.kind == .unexpectedValue)
            #expect(notInteger.map { "\($0)".contains("secret-ish") } == false)
            #expect(throws: PostgresError.self) { try row.string("nothing") }
            #expect(throws: PostgresError.self) { try row.string("absent") }
        }
    }

    @Test func aNULCharacterIsRefusedNotTruncated() throws {
        try withTestDatabase { url in
            let error = #expect(throws: PostgresError.self) {
                try PostgresConnection(url: url).execute("SELECT $1::text", ["before\u{0}after"])
            }
            #expect(error?.kind == .invalidArgument)
        }
    }

    @Test func serverErrorsCarrySQLStateAndSQLButNoParameters() throws {
        try withTestDatabase { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("CREATE TABLE keys (k TEXT PRIMARY KEY)")
            try connection.execute("INSERT INTO keys VALUES ($1)", ["token-value"])
            let duplicate = #expect(throws: PostgresError.self) {
                try connection.execute("INSERT INTO keys VALUES ($1)", ["token-value"])
            }
            #expect(duplicate?.kind == .statementFailed)
            #expect(duplicate?.sqlState == "23505")
            #expect(duplicate?.isUniqueViolation == true)
            #expect(duplicate?.sql == "INSERT INTO keys VALUES ($1)")
            #expect(duplicate.map { "\($0)".contains("token-value") } == false)
            let syntax = #expect(throws: PostgresError.self) { try connection.execute("SELEC 1") }
            #expect(syntax?.sqlState == "42601")
            // The connection is still usable after an error outside a transaction.
            #expect(try connection.execute("SELECT 1 AS one").first?.int64("one") == 1)
        }
    }

    @Test func transactionCommitsOrRollsBack() throws {
        try withTestDatabase { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("CREATE TABLE t (v BIGINT UNIQUE)")
            let committed = try connection.transaction {
                try connection.execute("INSERT INTO t VALUES ($1)", ["1"])
                return "done"
            }
            #expect(committed == "done")
            struct Abort: Error {}
            #expect(throws: Abort.self) {
                try connection.transaction {
                    try connection.execute("INSERT INTO t VALUES ($1)", ["2"])
                    throw Abort()
                }
            }
            // A failed statement whose error the body swallowed: COMMIT is a rollback, and says so.
            #expect(throws: PostgresError.self) {
                try connection.transaction {
                    try connection.execute("INSERT INTO t VALUES ($1)", ["3"])
                    _ = try? connection.execute("INSERT INTO t VALUES ($1)", ["1"])
                }
            }
            let nested = #expect(throws: PostgresError.self) {
                try connection.transaction { try connection.transaction {} }
            }
            #expect(nested?.kind == .misuse)
            #expect(try connection.execute("SELECT v FROM t ORDER BY v").map { try $0.int64("v") } == [1])
        }
    }

    @Test func aWrongPasswordFailsClearlyAndHidesBothPasswords() throws {
        let server = try TestPostgres.requireServerURL()
        let wrong = try PostgresURL(server.string.replacingOccurrences(
            of: #"://([^:/@]+):[^@]*@"#, with: "://$1:wrong-password-xyz@", options: .regularExpression))
        let error = #expect(throws: PostgresError.self) { try PostgresConnection(url: wrong) }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message.contains("password authentication failed") == true)
        #expect(error.map { "\($0)".contains("wrong-password-xyz") } == false)
    }

}

/// No server needed: connections that cannot be made end with a clear error within the timeout.
@Suite struct PostgresConnectFailureTests {
    @Test func aClosedPortFailsAtOnce() throws {
        let port = try withListeningSocket { port, _ in port }  // bound, then closed: nothing listens there
        let started = ContinuousClock.now
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "postgres://statusd:pw@127.0.0.1:\(port)/postgres", connectTimeout: 2)
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message.contains("127.0.0.1") == true)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// A server that accepts the TCP connection and never says a word: the connect timeout ends the wait.
    @Test func aSilentServerTimesOutInsteadOfHanging() throws {
        try withListeningSocket { port, _ in
            let started = ContinuousClock.now
            let error = #expect(throws: PostgresError.self) {
                try PostgresConnection(url: "postgres://statusd:pw@127.0.0.1:\(port)/postgres", connectTimeout: 2)
            }
            let elapsed = ContinuousClock.now - started
            #expect(error?.kind == .connectionFailed)
            #expect(error?.message.contains("timeout") == true)
            #expect(elapsed >= .milliseconds(1500))
            #expect(elapsed < .seconds(10))
        }
    }
}

/// A TCP socket listening on 127.0.0.1 on a free port that never accepts, closed after `body`.
private func withListeningSocket<T>(_ body: (_ port: Int, _ fd: Int32) throws -> T) throws -> T {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(fd, socketAddress, length) == 0 && listen(fd, 8) == 0
                && getsockname(fd, socketAddress, &length) == 0
        }
    }
    try #require(bound)
    return try body(Int(UInt16(bigEndian: address.sin_port)), fd)
}
