import StatusdHTTP
import StatusdSync

/// What a GET's answer was made from, as its handler found out while making it: the status pages
/// it looked up (`APIContext.statusPage`, `notePage`), whether it may be cached at all, and who may
/// be shown it again. An answer made from exactly one page's data is cached under that page's
/// change counter; any other answer (none or several pages, e.g. the list of pages) under the
/// counter that every write moves on, which is always safe.
public final class ReadDependencies: Sendable {
    private struct State {
        var pages: Set<String> = []
        var cacheable = true
        var admission: ResponseCache.Admission?
        var validUntil: Int64?
    }

    private let state = Locked(State())

    public init() {}

    /// The answer shows data of this page.
    public func notePage(_ statusPageId: String) {
        state.withLock { _ = $0.pages.insert(statusPageId) }
    }

    /// The answer must not be reused (it depends on something no counter tracks, such as a
    /// password checked for this request alone).
    public func forbidCaching() {
        state.withLock { $0.cacheable = false }
    }

    /// A reused answer may be shown only to requests that `admits` lets in.
    public func admitOnly(_ admits: @escaping ResponseCache.Admission) {
        state.withLock { $0.admission = admits }
    }

    /// The answer changes by itself at this store-clock time (milliseconds), with no write: a reused
    /// answer holds only before it (the earliest of several calls counts).
    public func holdsUntil(_ milliseconds: Int64) {
        state.withLock { $0.validUntil = min($0.validUntil ?? .max, milliseconds) }
    }

    /// The one page the answer depends on; nil when it depends on none or several.
    public var singlePage: String? {
        state.withLock { $0.pages.count == 1 ? $0.pages.first : nil }
    }

    public var cacheable: Bool { state.withLock { $0.cacheable } }

    public var admission: ResponseCache.Admission? { state.withLock { $0.admission } }

    public var validUntil: Int64? { state.withLock { $0.validUntil } }
}
