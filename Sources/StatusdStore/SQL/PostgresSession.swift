import StatusdCore
import StatusdPostgres

/// A PostgreSQL connection as the store's SQL runs on it: statements translated once per text
/// (`PostgresDialect`), arguments bound with their types, the rows the last statement changed,
/// savepoints, and work to run once the open transaction commits. Not `Sendable`, like its
/// connection: one thread at a time, handed out by `PostgresPool`.
final class PostgresSession {
    let connection: PostgresConnection
    /// Rows changed by the last INSERT, UPDATE or DELETE (`changesCount`).
    private(set) var changes = 0
    /// Savepoints open inside the current transaction, for their names.
    private var savepointDepth = 0
    /// Run after the open transaction commits (`SQLDatabase.afterNextTransaction`); dropped by a
    /// rollback.
    private var onCommit: [() -> Void] = []
    private var translations: [String: String] = [:]

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Runs `sql` (the store's SQLite spelling) with `arguments`.
    @discardableResult
    func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresRows {
        let translated = translation(of: sql)
        var texts: [String?] = []
        var types: [UInt32] = []
        texts.reserveCapacity(arguments.count)
        types.reserveCapacity(arguments.count)
        for value in arguments.values {
            let (text, type) = Self.parameter(value)
            texts.append(text)
            types.append(type)
        }
        let rows = try connection.execute(translated, texts, types: types)
        changes = rows.affectedRowCount
        return rows
    }

    private func translation(of sql: String) -> String {
        if let known = translations[sql] { return known }
        let translated = PostgresDialect.translate(sql)
        if translations.count >= 2048 { translations.removeAll() }
        translations[sql] = translated
        return translated
    }

    /// Text format and type OID of one argument; a NULL of unknown type is left to the server.
    private static func parameter(_ value: SQLValue) -> (String?, UInt32) {
        switch value {
        case .integer(let number): (String(number), PostgresType.int8)
        case .real(let number): (String(number), PostgresType.float8)
        case .text(let text): (text, PostgresType.text)
        case .blob(let bytes): ("\\x" + Hex.encode(bytes), PostgresType.bytea)
        case .null(let type):
            switch type {
            case .integer: (nil, PostgresType.int8)
            case .real: (nil, PostgresType.float8)
            case .text: (nil, PostgresType.text)
            case .blob: (nil, PostgresType.bytea)
            case nil: (nil, 0)
            }
        }
    }

    // MARK: Transactions

    var isInsideTransaction: Bool { connection.isInsideTransaction }

    func begin(readOnly: Bool = false) throws {
        try connection.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
        savepointDepth = 0
        onCommit.removeAll()
    }

    /// Commits, then runs what waited for it. Throws if the server rolled back instead.
    func commit() throws {
        if connection.isTransactionFailed {
            rollback()
            throw PostgresError(.statementFailed, message: "the transaction failed and was rolled back", sql: "COMMIT")
        }
        try connection.execute("COMMIT")
        let waiting = onCommit
        onCommit.removeAll()
        savepointDepth = 0
        for work in waiting { work() }
    }

    func rollback() {
        _ = try? connection.execute("ROLLBACK")
        onCommit.removeAll()
        savepointDepth = 0
    }

    func afterCommit(_ work: @escaping () -> Void) {
        onCommit.append(work)
    }

    /// Runs `body` in a savepoint: released when it returns, rolled back to (and the error
    /// rethrown) when it throws, so the transaction goes on without its changes.
    func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        let name = "statusd_\(savepointDepth)"
        defer { savepointDepth -= 1 }
        try connection.execute("SAVEPOINT \(name)")
        let pendingBefore = onCommit.count
        do {
            let value = try body()
            try connection.execute("RELEASE SAVEPOINT \(name)")
            return value
        } catch {
            if connection.isConnected { _ = try? connection.execute("ROLLBACK TO SAVEPOINT \(name)") }
            if onCommit.count > pendingBefore { onCommit.removeSubrange(pendingBefore...) }
            throw error
        }
    }
}

@available(*, unavailable)
extension PostgresSession: Sendable {}
