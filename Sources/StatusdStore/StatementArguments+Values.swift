import GRDB

extension StatementArguments {
    /// The arguments `values` binds, one per `?`. GRDB's `StatementArguments(_:)` for a sequence of
    /// values is generic and not inlinable, so it builds the key path it maps with at run time on
    /// every call (`swift_getKeyPath`: 5 % of a cache-off GET's CPU in `perf`); this one is
    /// specialised where it is called.
    init<Value: DatabaseValueConvertible>(values: [Value]) {
        var bound: [(any DatabaseValueConvertible)?] = []
        bound.reserveCapacity(values.count)
        for value in values { bound.append(value.databaseValue) }
        self.init(bound)
    }
}
