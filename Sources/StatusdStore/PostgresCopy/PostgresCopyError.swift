import StatusdPostgres
/// Why `PostgresImporter` refused or failed a copy. Each says what to do, in one line; none holds
/// a copied value or a password.
public enum PostgresCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target already holds rows (besides what its migrations seed): a copy never merges.
    case targetHoldsData(table: String)
    /// A SQLite table has no PostgreSQL twin: Migrations/postgres is behind Migrations/.
    case missingTable(String)
    /// The target refused rows of `table` (a constraint, a value it cannot store); nothing was kept.
    case rowsRefused(table: String, PostgresError)

    public var description: String {
        switch self {
        case .targetHoldsData(let table):
            "the target database already holds data (table \(table) has rows): copy into an empty database"
        case .missingTable(let table):
            "the PostgreSQL schema has no table \(table): its migrations lack the twin of a SQLite one"
        case .rowsRefused(let table, let error):
            "PostgreSQL refused a row of \(table)\(error.sqlState.map { " [SQLSTATE \($0)]" } ?? ""): "
                + "\(error.message); nothing was copied"
        }
    }
}
