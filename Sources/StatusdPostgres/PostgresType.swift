/// The OIDs of the built-in types statusd binds parameters as (`pg_type.oid`, fixed by PostgreSQL:
/// https://www.postgresql.org/docs/current/datatype-oid.html).
public enum PostgresType {
    public static let int8: UInt32 = 20
    public static let text: UInt32 = 25
    public static let float8: UInt32 = 701
    public static let bytea: UInt32 = 17
}
