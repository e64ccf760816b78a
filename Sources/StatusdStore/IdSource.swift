import StatusdSync

/// Where new ids come from. Random time-ordered UUIDs (version 7) in production; a counter for
/// test suites (`serve --deterministic-ids`), so that the ids of what a client creates are the same
/// on every run and snapshots compare byte for byte.
public final class IdSource: Sendable {
    private let counter: Locked<UInt64>?

    /// Version 7 UUIDs: creation time, then 74 random bits.
    public static func random() -> IdSource { IdSource(counter: nil) }

    /// `00000000-0000-8000-8000-000000000001`, `...0002`, ...: RFC 9562 §5.8 (version 8, custom)
    /// UUIDs whose last 48 bits count up from 1 in the order ids are handed out. Still valid,
    /// lowercase UUIDs, and still sorted by creation.
    public static func deterministic() -> IdSource { IdSource(counter: Locked(0)) }

    private init(counter: Locked<UInt64>?) {
        self.counter = counter
    }

    public var isDeterministic: Bool { counter != nil }

    /// Starts a deterministic source over at `...0001` (test-control reset); a random one is unaffected.
    public func restart() {
        counter?.withLock { $0 = 0 }
    }

    /// The next id; `millisecondsSince1970` is the store clock's now, used by version 7 ids.
    func next(millisecondsSince1970: Int64) throws -> String {
        guard let counter else { return try Secrets.timeOrderedUUID(millisecondsSince1970: millisecondsSince1970) }
        let value = counter.withLock { count -> UInt64 in
            count += 1
            return count
        }
        return Self.counted(value)
    }

    static func counted(_ value: UInt64) -> String {
        let hex = String(value & 0xFFFF_FFFF_FFFF, radix: 16)
        return "00000000-0000-8000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
    }
}
