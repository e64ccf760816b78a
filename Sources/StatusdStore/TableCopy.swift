/// One stored value as SQLite holds it, for copying rows into another database (`statusd copy`):
/// the five storage classes, without GRDB's types, so another backend can take them.
public enum CopiedValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A table to copy: its name, the columns a copy writes (generated columns left out: the target
/// computes its own) and the primary key its rows are read in order of (empty: rowid order).
public struct CopiedTable: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    public var primaryKey: [String]
    /// The tables this one's foreign keys point at (itself excluded).
    public var references: Set<String>

    public init(name: String, columns: [String], primaryKey: [String], references: Set<String>) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.references = references
    }
}

/// Why the tables cannot be read for a copy.
public enum TableCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Foreign keys that point in a circle: no order inserts every parent before its children.
    case foreignKeyCycle([String])

    public var description: String {
        switch self {
        case .foreignKeyCycle(let tables):
            "the foreign keys of these tables form a cycle, so no insertion order fits: "
                + tables.joined(separator: ", ")
        }
    }
}

extension CopiedTable {
    /// `tables` with every table after the tables it references (Kahn's algorithm; ties by name, so
    /// the order is the same on every run). Throws `.foreignKeyCycle` naming the tables left over.
    public static func inForeignKeyOrder(_ tables: [CopiedTable]) throws -> [CopiedTable] {
        let names = Set(tables.map(\.name))
        var waiting = tables.sorted { $0.name < $1.name }
        var placed: [CopiedTable] = []
        var placedNames: Set<String> = []
        while !waiting.isEmpty {
            // References to tables outside the copy cannot be waited for: only those inside count.
            guard let next = waiting.firstIndex(where: { $0.references.intersection(names).isSubset(of: placedNames) })
            else { throw TableCopyError.foreignKeyCycle(waiting.map(\.name)) }
            let table = waiting.remove(at: next)
            placed.append(table)
            placedNames.insert(table.name)
        }
        return placed
    }
}
