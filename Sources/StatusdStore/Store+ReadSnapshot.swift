import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// One WAL read transaction for a whole read-only request, instead of one per store call.
extension Store {
    /// Runs `body` with one reader connection bound to this thread: every store read inside it
    /// (auth, page, incident, timeline…) uses that reader and sees one consistent snapshot, and the
    /// request pays for one reader checkout and one BEGIN/COMMIT instead of one per call. The reader
    /// comes from `snapshotReaders` (cheaper to check out than the pool's), else from the pool.
    /// Only for requests that do not write: a write inside would not be seen by later reads.
    public func withReadSnapshot<T>(_ body: () throws -> T) throws -> T {
        if BoundReader.current(for: self) != nil { return try body() }
        switch backend {
        case .sqlite(let file): return try file.read { db in try BoundReader.withBinding(db, for: self, body) }
        case .postgres(let pool): return try pool.read { db in try BoundReader.withBinding(db, for: self, body) }
        }
    }
}

/// The reader connection `withReadSnapshot` bound to the current thread, with the store it belongs
/// to (tests run several stores). Thread-local, so a connection is never shared between threads.
final class BoundReader {
    let database: SQLDatabase
    let store: ObjectIdentifier
    /// The writer inside a `withWriteScope` transaction, rather than a read-only snapshot reader:
    /// the store's writes inside it run there too (`Store.write`).
    let writes: Bool

    private init(database: SQLDatabase, store: ObjectIdentifier, writes: Bool) {
        self.database = database
        self.store = store
        self.writes = writes
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    static func current(for store: Store) -> SQLDatabase? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        let bound = Unmanaged<BoundReader>.fromOpaque(pointer).takeUnretainedValue()
        return bound.store == ObjectIdentifier(store) ? bound.database : nil
    }

    /// The writer `withWriteScope` bound to this thread for `store`, or nil.
    static func currentWriter(for store: Store) -> SQLDatabase? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        let bound = Unmanaged<BoundReader>.fromOpaque(pointer).takeUnretainedValue()
        return bound.store == ObjectIdentifier(store) && bound.writes ? bound.database : nil
    }

    /// Runs `body` with `database` bound to this thread for `store` (`writes`: it is the writer, in
    /// a transaction).
    static func withBinding<T>(
        _ database: SQLDatabase, for store: Store, writes: Bool = false, _ body: () throws -> T
    ) rethrows -> T {
        bind(database, for: store, writes: writes)
        defer { unbind() }
        return try body()
    }

    private static func bind(_ database: SQLDatabase, for store: Store, writes: Bool) {
        let bound = BoundReader(database: database, store: ObjectIdentifier(store), writes: writes)
        pthread_setspecific(key, Unmanaged.passRetained(bound).toOpaque())
    }

    private static func unbind() {
        guard let pointer = pthread_getspecific(key) else { return }
        pthread_setspecific(key, nil)
        Unmanaged<BoundReader>.fromOpaque(pointer).release()
    }
}
