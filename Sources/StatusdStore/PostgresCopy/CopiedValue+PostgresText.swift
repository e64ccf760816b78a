import StatusdCore
import StatusdPostgres

extension CopiedValue {
    /// The value as a text-format parameter (nil is NULL): integers in decimal, blobs as bytea's hex
    /// form (`\x…`, https://www.postgresql.org/docs/15/datatype-binary.html#id-1.5.7.12.9), reals as
    /// the shortest decimal that reads back the same, or PostgreSQL's spelling of the special values.
    var postgresText: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value): Self.text(of: value)
        case .text(let value): value
        case .blob(let bytes): "\\x" + Hex.encode(bytes)
        }
    }

    private static func text(of value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return String(value)
    }
}
