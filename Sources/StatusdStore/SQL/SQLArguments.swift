import Foundation
import GRDB

/// One value bound to a `?` of the store's SQL, in terms both backends have: SQLite's storage
/// classes, which the PostgreSQL schema maps one to one (INTEGER → BIGINT, BLOB → BYTEA).
enum SQLValue: Sendable, Equatable {
    /// NULL, with the type the value would have had when the Swift side knows it (PostgreSQL
    /// infers a parameter's type from its context, and a bare NULL sometimes has none).
    case null(SQLValueType?)
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The same value for GRDB (SQLite).
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}

/// The type of a non-NULL `SQLValue`.
enum SQLValueType: Sendable, Equatable {
    case integer, real, text, blob
}

/// A Swift value the store binds: what may appear in an `SQLArguments` literal.
protocol SQLArgument {
    var sqlValue: SQLValue { get }
    /// The type this Swift type binds as, for its NULL (`Optional.none`).
    static var sqlValueType: SQLValueType { get }
}

extension String: SQLArgument {
    var sqlValue: SQLValue { .text(self) }
    static var sqlValueType: SQLValueType { .text }
}

extension Substring: SQLArgument {
    var sqlValue: SQLValue { .text(String(self)) }
    static var sqlValueType: SQLValueType { .text }
}

extension Int: SQLArgument {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    static var sqlValueType: SQLValueType { .integer }
}

extension Int64: SQLArgument {
    var sqlValue: SQLValue { .integer(self) }
    static var sqlValueType: SQLValueType { .integer }
}

extension Int32: SQLArgument {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    static var sqlValueType: SQLValueType { .integer }
}

/// 0 or 1, as the schema's flags are stored on both backends.
extension Bool: SQLArgument {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    static var sqlValueType: SQLValueType { .integer }
}

extension Double: SQLArgument {
    var sqlValue: SQLValue { .real(self) }
    static var sqlValueType: SQLValueType { .real }
}

extension Data: SQLArgument {
    var sqlValue: SQLValue { .blob([UInt8](self)) }
    static var sqlValueType: SQLValueType { .blob }
}

extension Array: SQLArgument where Element == UInt8 {
    var sqlValue: SQLValue { .blob(self) }
    static var sqlValueType: SQLValueType { .blob }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    var sqlValue: SQLValue { self?.sqlValue ?? .null(Wrapped.sqlValueType) }
    static var sqlValueType: SQLValueType { Wrapped.sqlValueType }
}

/// The values a statement binds, one per `?`, in order. Written as an array literal of mixed
/// types (`[id, position, nil]`), like GRDB's `StatementArguments`, for either backend.
struct SQLArguments: ExpressibleByArrayLiteral, Sendable, Equatable {
    var values: [SQLValue]

    init(_ values: [SQLValue] = []) {
        self.values = values
    }

    init(arrayLiteral elements: (any SQLArgument)?...) {
        values = elements.map { $0?.sqlValue ?? .null(nil) }
    }

    /// One argument per element of `values`, in order.
    init<Value: SQLArgument>(values: [Value]) {
        self.values = values.map(\.sqlValue)
    }

    var isEmpty: Bool { values.isEmpty }
    var count: Int { values.count }

    static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
        SQLArguments(lhs.values + rhs.values)
    }

    static func += (lhs: inout SQLArguments, rhs: SQLArguments) {
        lhs.values += rhs.values
    }

    mutating func append(_ value: (any SQLArgument)?) {
        values.append(value?.sqlValue ?? .null(nil))
    }

    /// The same values for GRDB (SQLite).
    var statementArguments: StatementArguments {
        var bound: [DatabaseValue] = []
        bound.reserveCapacity(values.count)
        for value in values { bound.append(value.databaseValue) }
        return StatementArguments(bound)
    }
}
