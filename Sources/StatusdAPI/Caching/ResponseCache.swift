import StatusdHTTP
import StatusdSync
import Synchronization

/// Rendered answers to GETs, reused until what they were made from changes.
///
/// A status page is read far more often than it is written: during an incident every visitor and
/// every polling client asks for the same few URLs, and each answer costs several queries and a JSON
/// encoding. An entry is keyed by the credential (empty for public answers) and the request target,
/// and kept with what it depends on: one status page's change counter (`Store.pageVersion`, for an
/// answer made from one page's data), or else the content counter that every write moves on. So a
/// write to one page leaves every other page's answers valid, and no write, through either shape,
/// the CLI or another tool on the file, ever lets a stale answer out. The credentials counter is
/// part of every entry. An answer that depends on the clock as well (a maintenance window opening
/// or closing changes what it shows, with no write) is kept with the span of store-clock time in
/// which it holds, and is a miss outside it. A public answer may carry a check of who may see it
/// (a page's allowed addresses), made on every hit. Bounded in bytes; the oldest entries go first.
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

        /// A public answer (no credential) to `target`.
        public static func anyone(_ target: String) -> Key { Key(credentialId: "", target: target) }

        var cost: Int { credentialId.utf8.count + target.utf8.count + Self.overhead }
        /// Per-entry bookkeeping (dictionary slot, order slot, header fields), roughly.
        static let overhead = 256
    }

    /// One status page's change counter as the answer's read snapshot saw it.
    public struct PageVersion: Sendable, Equatable {
        public let statusPageId: String
        public let version: Int64

        public init(statusPageId: String, version: Int64) {
            self.statusPageId = statusPageId
            self.version = version
        }
    }

    /// Whether a cached public answer may be shown to this request (checked on every hit).
    public typealias Admission = @Sendable (HTTPServerRequest) -> Bool

    /// The response stored for `key` if it still holds: made under the `credentials` counter and
    /// either at content `version` or, for one page's answer, at the page version `pageVersion`
    /// reads now (called outside the cache's lock; nil, e.g. on a read error, is a miss); when it was
    /// kept with a span of time, `now()` (store-clock milliseconds, read only then) is inside it;
    /// when it was kept with an admission check, `request` passes it. A look that will be followed
    /// by the counted one (the event loop's, before the handler's) passes `countingMiss: false`, so
    /// that a miss is counted once.
    public func response(
        for key: Key, at version: Int64, credentials: Int64 = 0,
        pageVersion: (String) -> Int64? = { _ in nil }, request: HTTPServerRequest? = nil,
        countingMiss: Bool = true, now: (() -> Int64)? = nil
    ) -> HTTPServerResponse? {
        let found = lookUp(key, version, credentials, pageVersion, request, now)
        if found == nil {
            if countingMiss { missCount.add(1, ordering: .relaxed) }
        } else {
            hitCount.add(1, ordering: .relaxed)
        }
        return found
    }

    private func lookUp(
        _ key: Key, _ version: Int64, _ credentials: Int64, _ pageVersion: (String) -> Int64?,
        _ request: HTTPServerRequest?, _ now: (() -> Int64)?
    ) -> HTTPServerResponse? {
        guard capacityBytes > 0 else { return nil }
        let candidate = state.withLock { state -> Entry? in
            state.moveOn(to: version)
            guard let entry = state.entries[key], entry.credentials == credentials,
                  entry.page != nil || entry.version == version
            else { return nil }
            return entry
        }
        guard let entry = candidate else { return nil }
        if let page = entry.page {
            guard pageVersion(page.statusPageId) == page.version else {
                state.withLock { state in state.remove(key, ifSequence: entry.sequence) }
                return nil
            }
        }
        if let span = entry.span {
            guard let now, span.contains(now()) else { return nil }
        }
        if let admits = entry.admits {
            guard let request, admits(request) else { return nil }
        }
        return entry.response
    }

    /// Keeps `response` for `key` if it fits (an entry may take at most an eighth of the budget):
    /// rendered at content `version` under the `credentials` counter, from `page`'s data alone when
    /// given (then valid while that page's version holds, whatever else is written). `span`: the
    /// store-clock milliseconds in which it holds; nil when it does not depend on the clock.
    /// `admits`: who may be shown it, for public answers that not everyone may see.
    public func store(
        _ response: HTTPServerResponse, for key: Key, at version: Int64, credentials: Int64 = 0,
        page: PageVersion? = nil, span: Range<Int64>? = nil, admits: Admission? = nil
    ) {
        let cost = response.body.count + key.cost
        guard cost <= capacityBytes / 8 else { return }
        state.withLock { state in
            state.moveOn(to: version)
            // Rendered from data older than what others have seen since: it could never be served.
            guard page != nil || version == state.newestVersion else { return }
            let entry = Entry(
                version: version, credentials: credentials, page: page, span: span, admits: admits,
                response: response, cost: cost, sequence: 0)
            state.insert(entry, for: key)
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
        /// The content counter it was made at (what it depends on unless `page` is given).
        let version: Int64
        let credentials: Int64
        let page: PageVersion?
        let span: Range<Int64>?
        let admits: Admission?
        let response: HTTPServerResponse
        let cost: Int
        var sequence: UInt64
    }

    /// The entries and their insertion order (a queue of (key, sequence); a key replaced or removed
    /// since leaves a stale pair behind, skipped when reached and dropped when the queue is rebuilt).
    private struct State {
        var entries: [Key: Entry] = [:]
        /// The entries that depend on the content counter (not one page's).
        var contentKeys: Set<Key> = []
        /// The highest content version seen. Versions only grow, so an entry made at a lower one can
        /// never be served again: all of them go as soon as a higher one is seen, and under steady
        /// writes the cache holds one version's answers, not a backlog of dead ones. One page's
        /// answers stay, each checked against its page's counter when asked for.
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
            if entry.page == nil { contentKeys.insert(key) }
            bytes += entry.cost
            order.append((key, entry.sequence))
            if order.count - head > 2 * entries.count + 64 { rebuildOrder() }
        }

        mutating func moveOn(to version: Int64) {
            guard version > newestVersion else { return }
            newestVersion = version
            if contentKeys.count == entries.count {
                entries.removeAll(keepingCapacity: entries.count <= 1024)
                order.removeAll(keepingCapacity: order.count <= 1024)
                head = 0
                bytes = 0
            } else {
                for key in contentKeys { remove(key) }
            }
            contentKeys.removeAll(keepingCapacity: contentKeys.count <= 1024)
        }

        mutating func remove(_ key: Key) {
            if let old = entries.removeValue(forKey: key) {
                bytes -= old.cost
                if old.page == nil { contentKeys.remove(key) }
            }
        }

        /// Removes `key`'s entry if it is still the one inserted as `sequence`.
        mutating func remove(_ key: Key, ifSequence sequence: UInt64) {
            if entries[key]?.sequence == sequence { remove(key) }
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
