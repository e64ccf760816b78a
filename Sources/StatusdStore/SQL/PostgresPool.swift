import Dispatch
import StatusdPostgres
import StatusdSync

/// The PostgreSQL connections of one store: one writer, which the group commit holds for each
/// batch, and up to `readerLimit` readers lent to one caller at a time. A connection found broken
/// is dropped and the next caller connects again, so the store reconnects by itself once the
/// server is back; a caller that finds none free waits up to `checkoutTimeout`, then fails with
/// `.connectionFailed` (503), never hangs.
final class PostgresPool: Sendable {
    let url: PostgresURL
    let readerLimit: Int
    private let connectTimeout: Int
    private let checkoutTimeout: DispatchTimeInterval
    private let idleReaders = Locked<[SessionBox]>([])
    private let readerSlots: DispatchSemaphore
    /// The writer connection, made on first use (and again after it broke).
    private let writer = Locked<SessionBox?>(nil)
    private let writerSlot = DispatchSemaphore(value: 1)

    init(url: PostgresURL, readerLimit: Int = 16, connectTimeout: Int = 5, checkoutTimeout: DispatchTimeInterval = .seconds(10)) {
        self.url = url
        self.readerLimit = readerLimit
        self.connectTimeout = connectTimeout
        self.checkoutTimeout = checkoutTimeout
        readerSlots = DispatchSemaphore(value: readerLimit)
    }

    /// Runs `body` on an idle reader (connecting one when none is idle).
    func withReader<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard readerSlots.wait(timeout: .now() + checkoutTimeout) == .success else {
            throw PostgresError(.connectionFailed, message: "every PostgreSQL connection stayed busy for \(checkoutTimeout)")
        }
        defer { readerSlots.signal() }
        let box: SessionBox
        if let idle = idleReaders.withLock({ $0.popLast() }) { box = idle } else { box = SessionBox(try connect()) }
        let value: T
        do {
            value = try body(box.session)
        } catch {
            keepIfSound(box)
            throw error
        }
        keepIfSound(box)
        return value
    }

    /// Runs `body` on the writer, which only one caller holds at a time.
    func withWriter<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard writerSlot.wait(timeout: .now() + checkoutTimeout) == .success else {
            throw PostgresError(.connectionFailed, message: "the PostgreSQL writer stayed busy for \(checkoutTimeout)")
        }
        defer { writerSlot.signal() }
        let box: SessionBox
        if let open = writer.withLock({ $0 }) {
            box = open
        } else {
            box = SessionBox(try connect())
            writer.withLock { $0 = box }
        }
        defer {
            if !box.session.connection.isConnected { writer.withLock { $0 = nil } }
        }
        return try body(box.session)
    }

    /// A connection in a transaction (a body that threw mid-way) is rolled back before reuse.
    private func keepIfSound(_ box: SessionBox) {
        if box.session.isInsideTransaction { box.session.rollback() }
        guard box.session.connection.isConnected else { return }
        idleReaders.withLock { $0.append(box) }
    }

    private func connect() throws -> PostgresSession {
        let connection = try PostgresConnection(url: url, connectTimeout: connectTimeout)
        // Durability as SQLite's FULL: a commit returns once it is on disk (the server's default,
        // set again in case the database or role turned it off).
        try connection.execute("SET synchronous_commit = on")
        return PostgresSession(connection: connection)
    }

    /// Closes every idle connection (the store is going away, or a test restarts the server).
    func closeIdle() {
        idleReaders.withLock { $0.removeAll() }
        writer.withLock { $0 = nil }
    }
}

/// A session owned by whichever caller holds it (the pool hands each to one at a time).
private final class SessionBox: @unchecked Sendable {
    let session: PostgresSession
    init(_ session: PostgresSession) { self.session = session }
}
