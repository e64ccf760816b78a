import StatusdStore

/// `serve --test-control`: what a test suite may ask of the server it runs against, under
/// `/_statusd/`. Never on by default; refused on a non-loopback address without TLS unless
/// `allowRemote`, since anyone who can reach it can wipe the database.
public struct TestControlOptions: Sendable {
    /// What `POST /_statusd/reset` loads again (the `--demo` file first, then each `--fixtures`).
    public var fixtures: [Fixtures]
    /// Serve the control API on a non-loopback address over plain HTTP anyway.
    public var allowRemote: Bool

    public init(fixtures: [Fixtures] = [], allowRemote: Bool = false) {
        self.fixtures = fixtures
        self.allowRemote = allowRemote
    }

    /// Whether `host` only accepts connections from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}

/// `--test-control` was asked for where anyone on the network could use it.
public struct TestControlRefused: Error, CustomStringConvertible {
    public let host: String

    public var description: String {
        "--test-control lets any client reset the database; on \(host) without TLS it is refused. "
            + "Listen on 127.0.0.1, serve HTTPS (--tls-cert/--tls-key), or add --test-control-allow-remote "
            + "(inside a private network or a container whose port only the tests reach)."
    }
}

/// The live state behind the control API: the journal, the faults, and how to reset.
final class TestControl: Sendable {
    let store: Store
    let options: TestControlOptions
    let journal = RequestJournal()
    let faults = FaultTable()

    init(store: Store, options: TestControlOptions) {
        self.store = store
        self.options = options
    }

    /// Back to the start: the fixtures alone in the store, the clock at `--clock` (or the wall
    /// again), ids from `...0001`, no journal, no faults.
    func reset() throws {
        store.clock.restart()
        try store.reset(to: options.fixtures)
        journal.clear(restartIds: true)
        faults.clear()
    }
}
