import StatusdHTTP
import StatusdSync
import Synchronization

/// Rendered answers to authenticated GETs, reused until the database changes.
///
/// A status page is read far more often than it is written: during an incident every visitor and
/// every polling client asks for the same few URLs, and each answer costs several queries and a JSON
/// encoding. An entry is keyed by the credential and the request target, and tagged with the
/// content version of the read snapshot it was rendered in (`Store.snapshotContentVersion`); every
/// write to the file (through either shape, the CLI or another tool) moves that version on, so a
/// stale entry is never served. An answer that depends on the clock as well (a maintenance window
/// opening or closing changes what it shows, with no write) is kept with the span of store-clock
/// time in which it holds, and is a miss outside it. The credential is still checked on every
/// request, before the cache is consulted. Bounded in bytes; the oldest entries go first.
public final class ResponseCache: Sendable {
    /// The byte budget for bodies and keys (0 disables the cache).
    public let capacityBytes: Int
    private let state = Locked(State())
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    /// 8 MiB: a few thousand incident pages, small next to the server's own footprint.
    public static let defaultCapacityBytes = 8 << 20

    public init(capacityBytes: Int = ResponseCache.defaultCapacityBytes) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// Who asks for what: answers differ between credentials (scope), never within one.
    public struct Key: Hashable, Sendable {
        public let credentialId: String
        public let target: String

        public init(credentialId: String, target: String) {
            self.credentialId = credentialId
            self.target = target
        }

        var cost: Int { credentialId.utf8.count + target.utf8.count + Self.overhead }
        /// Per-entry bookkeeping (dictionary slot, order slot, header fields), roughly.
        static let overhead = 256
    }

    /// The response stored for `key` if it was rendered at content `version` and, when it was kept
    /// with a span of time, `now()` (store-clock milliseconds, read only then) is inside it; nil
    /// otherwise, and always for a timed entry when `now` is not given. A look that will be followed
    /// by the counted one (the event loop's, before the handler's) passes `countingMiss: false`, so
    /// that a miss is counted once.
    public func response(
        for key: Key, at version: Int64, countingMiss: Bool = true, now: (() -> Int64)? = nil
    ) -> HTTPServerResponse? {
        guard capacityBytes > 0 else { return nil }
        let found = state.withLock { state -> HTTPServerResponse? in
            state.moveOn(to: version)
            guard let entry = state.entries[key], entry.version == version else { return nil }
            if let span = entry.span {
                guard let now, span.contains(now()) else { return nil }
            }
            return entry.response
        }
        if found == nil {
            if countingMiss { missCount.add(1, ordering: .relaxed) }
        } else {
            hitCount.add(1, ordering: .relaxed)
        }
        return found
    }

    /// Keeps `response`, rendered at content `version`, for `key` if it fits (an entry may take at
    /// most an eighth of the budget). `span`: the store-clock milliseconds in which it holds; nil
    /// when it does not depend on the clock.
    public func store(_ response: HTTPServerResponse, for key: Key, at version: Int64, span: Range<Int64>? = nil) {
        let cost = response.body.count + key.cost
        guard cost <= capacityBytes / 8 else { return }
        state.withLock { state in
            state.moveOn(to: version)
            // Rendered from data older than what others have seen since: it could never be served.
            guard version == state.newestVersion else { return }
            state.insert(Entry(version: version, span: span, response: response, cost: cost, sequence: 0), for: key)
            state.evict(downTo: capacityBytes)
        }
    }

    /// Figures for `/metrics`.
    public struct Statistics: Sendable, Equatable {
        public let hits: Int
        public let misses: Int
        public let entries: Int
        public let bytes: Int
    }

    public var statistics: Statistics {
        let (entries, bytes) = state.withLock { ($0.entries.count, $0.bytes) }
        return Statistics(
            hits: hitCount.load(ordering: .relaxed), misses: missCount.load(ordering: .relaxed),
            entries: entries, bytes: bytes)
    }

    private struct Entry {
        let version: Int64
        let span: Range<Int64>?
        let response: HTTPServerResponse
        let cost: Int
        var sequence: UInt64
    }

    /// The entries and their insertion order (a queue of (key, sequence); a key replaced or removed
    /// since leaves a stale pair behind, skipped when reached and dropped when the queue is rebuilt).
    private struct State {
        var entries: [Key: Entry] = [:]
        /// The highest content version seen. Versions only grow, so an entry made at a lower one can
        /// never be served again: all of them go as soon as a higher one is seen, and under steady
        /// writes the cache holds one version's answers, not a backlog of dead ones.
        var newestVersion = Int64.min
        var bytes = 0
        var order: [(key: Key, sequence: UInt64)] = []
        var head = 0
        var nextSequence: UInt64 = 0

        mutating func insert(_ entry: Entry, for key: Key) {
            remove(key)
            var entry = entry
            entry.sequence = nextSequence
            nextSequence += 1
            entries[key] = entry
            bytes += entry.cost
            order.append((key, entry.sequence))
            if order.count - head > 2 * entries.count + 64 { rebuildOrder() }
        }

        mutating func moveOn(to version: Int64) {
            guard version > newestVersion else { return }
            newestVersion = version
            entries.removeAll(keepingCapacity: entries.count <= 1024)
            order.removeAll(keepingCapacity: order.count <= 1024)
            head = 0
            bytes = 0
        }

        mutating func remove(_ key: Key) {
            if let old = entries.removeValue(forKey: key) { bytes -= old.cost }
        }

        /// Removes the oldest entries until the total cost is at most `capacity`.
        mutating func evict(downTo capacity: Int) {
            while bytes > capacity, head < order.count {
                let (key, sequence) = order[head]
                head += 1
                if entries[key]?.sequence == sequence { remove(key) }
            }
            if head > 1024, head * 2 > order.count {
                order.removeFirst(head)
                head = 0
            }
        }

        private mutating func rebuildOrder() {
            order = entries.map { ($0.key, $0.value.sequence) }.sorted { $0.sequence < $1.sequence }
            head = 0
        }
    }
}
