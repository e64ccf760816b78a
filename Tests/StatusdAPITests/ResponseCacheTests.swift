import StatusdAPI
import StatusdHTTP
import Testing

/// `ResponseCache`: an answer is served only at the content version it was rendered at, and the byte
/// budget holds with the oldest entries going first.
@Suite struct ResponseCacheTests {
    let key = ResponseCache.Key(credentialId: "token-1", target: "/v1/status_pages/p/incidents/i")
    let settled: Int64 = 7

    func response(_ text: String) -> HTTPServerResponse {
        HTTPServerResponse(status: .ok, body: Array(text.utf8))
    }

    @Test func servesAnAnswerOnlyAtTheVersionItWasReadAt() {
        let cache = ResponseCache()
        #expect(cache.response(for: key, at: settled) == nil)
        cache.store(response("first"), for: key, at: settled)
        #expect(cache.response(for: key, at: settled)?.body == Array("first".utf8))
        #expect(cache.response(for: key, at: settled)?.body == Array("first".utf8))
        #expect(cache.response(for: key, at: 8) == nil)
        // The stale entry is gone, not just skipped: going back to 7 finds nothing.
        #expect(cache.response(for: key, at: settled) == nil)
        let statistics = cache.statistics
        #expect((statistics.hits, statistics.misses, statistics.entries, statistics.bytes) == (2, 3, 0, 0))
    }

    /// Versions only grow: once a newer one is seen, older answers are dropped and never kept again.
    @Test func aNewerVersionDropsEveryOlderAnswer() {
        let cache = ResponseCache()
        let other = ResponseCache.Key(credentialId: "token-1", target: "/other")
        cache.store(response("a"), for: key, at: 7)
        cache.store(response("b"), for: other, at: 7)
        #expect(cache.statistics.entries == 2)
        cache.store(response("c"), for: key, at: 8)
        #expect(cache.statistics.entries == 1)
        #expect(cache.response(for: key, at: 8)?.body == Array("c".utf8))
        // Rendered by a request that read the counters before version 8: not kept.
        cache.store(response("late"), for: other, at: 7)
        #expect(cache.response(for: other, at: 8) == nil)
        #expect(cache.statistics.entries == 1)
    }

    @Test func keysDifferByCredentialAndTarget() {
        let cache = ResponseCache()
        cache.store(response("one"), for: key, at: settled)
        let otherCredential = ResponseCache.Key(credentialId: "token-2", target: key.target)
        let otherTarget = ResponseCache.Key(credentialId: key.credentialId, target: key.target + "?page=2")
        #expect(cache.response(for: otherCredential, at: settled) == nil)
        #expect(cache.response(for: otherTarget, at: settled) == nil)
        #expect(cache.response(for: key, at: settled) != nil)
    }

    @Test func staysWithinItsBudgetDroppingTheOldestFirst() {
        let cache = ResponseCache(capacityBytes: 64 * 1024)
        let body = String(repeating: "x", count: 1000)
        let keys = (0..<200).map { ResponseCache.Key(credentialId: "t", target: "/incidents/\($0)") }
        for key in keys { cache.store(response(body), for: key, at: settled) }
        let statistics = cache.statistics
        #expect(statistics.bytes <= 64 * 1024)
        #expect(statistics.entries > 40)
        #expect(cache.response(for: keys[0], at: settled) == nil)
        #expect(cache.response(for: keys[199], at: settled) != nil)
        // Storing the same keys again and again keeps the bookkeeping bounded too.
        for _ in 0..<50 { for key in keys.suffix(10) { cache.store(response(body), for: key, at: settled) } }
        #expect(cache.statistics.bytes <= 64 * 1024)
        #expect(cache.response(for: keys[199], at: settled) != nil)
    }

    @Test func anAnswerLargerThanAnEighthOfTheBudgetIsNotKept() {
        let cache = ResponseCache(capacityBytes: 8 * 1024)
        cache.store(response(String(repeating: "x", count: 1100)), for: key, at: settled)
        #expect(cache.response(for: key, at: settled) == nil)
        cache.store(response(String(repeating: "x", count: 500)), for: key, at: settled)
        #expect(cache.response(for: key, at: settled) != nil)
    }

    @Test func aZeroBudgetKeepsNothing() {
        let cache = ResponseCache(capacityBytes: 0)
        cache.store(response("x"), for: key, at: settled)
        #expect(cache.response(for: key, at: settled) == nil)
    }

    /// An answer that depends on the clock is served only inside its span, and never to a look
    /// that does not say what time it is.
    @Test func aTimedAnswerIsServedOnlyInsideItsSpan() {
        let cache = ResponseCache()
        cache.store(response("open"), for: key, at: settled, span: 100..<200)
        #expect(cache.response(for: key, at: settled, now: { 100 })?.body == Array("open".utf8))
        #expect(cache.response(for: key, at: settled, now: { 199 }) != nil)
        #expect(cache.response(for: key, at: settled, now: { 200 }) == nil)
        #expect(cache.response(for: key, at: settled, now: { 99 }) == nil)
        #expect(cache.response(for: key, at: settled) == nil)
        // Still kept: back inside the span it is served again.
        #expect(cache.response(for: key, at: settled, now: { 150 }) != nil)
        // An untimed answer never reads the clock.
        let other = ResponseCache.Key(credentialId: "token-1", target: "/v1/status_pages/p")
        cache.store(response("plain"), for: other, at: settled)
        #expect(cache.response(for: other, at: settled, now: { Issue.record("clock read"); return 0 }) != nil)
    }

    // MARK: One page's answers

    let page = ResponseCache.PageVersion(statusPageId: "p", version: 3)

    /// Kept under its page's counter: writes elsewhere (the content counter moving on) leave it,
    /// a write to the page (its counter moving on) ends it.
    @Test func aPagesAnswerOutlivesWritesElsewhereNotWritesToItsPage() {
        let cache = ResponseCache()
        cache.store(response("page"), for: key, at: settled, page: page)
        let global = ResponseCache.Key(credentialId: "token-1", target: "/v1/status_pages")
        cache.store(response("list"), for: global, at: settled)
        #expect(cache.response(for: key, at: settled + 5, pageVersion: { $0 == "p" ? 3 : nil })?.body == Array("page".utf8))
        #expect(cache.response(for: global, at: settled + 5) == nil)
        #expect(cache.response(for: key, at: settled + 6, pageVersion: { _ in 4 }) == nil)
        // Gone, not only missed: back at version 3 (which never happens) it is not served either.
        #expect(cache.response(for: key, at: settled + 6, pageVersion: { _ in 3 }) == nil)
        #expect(cache.statistics.entries == 0)
    }

    @Test func aPagesAnswerIsAMissWhenItsCounterCannotBeRead() {
        let cache = ResponseCache()
        cache.store(response("page"), for: key, at: settled, page: page)
        #expect(cache.response(for: key, at: settled) == nil)
    }

    /// Every entry is made under the credentials counter: a credential change ends it.
    @Test func aCredentialChangeEndsEveryEntry() {
        let cache = ResponseCache()
        cache.store(response("page"), for: key, at: settled, credentials: 2, page: page)
        cache.store(response("list"), for: ResponseCache.Key(credentialId: "t", target: "/l"), at: settled, credentials: 2)
        #expect(cache.response(for: key, at: settled, credentials: 2, pageVersion: { _ in 3 }) != nil)
        #expect(cache.response(for: key, at: settled, credentials: 3, pageVersion: { _ in 3 }) == nil)
        #expect(cache.response(for: ResponseCache.Key(credentialId: "t", target: "/l"), at: settled, credentials: 3) == nil)
    }

    /// A public answer kept with an admission check is shown only to requests that pass it, and to
    /// none when no request is given.
    @Test func anAdmissionCheckRunsOnEveryHit() {
        let cache = ResponseCache()
        let summary = ResponseCache.Key.anyone("/v1/status_pages/demo/summary")
        cache.store(response("summary"), for: summary, at: settled, page: page, admits: { $0.remoteAddress == "10.0.0.1:5" })
        let inside = HTTPServerRequest(method: .get, target: "/", remoteAddress: "10.0.0.1:5")
        let outside = HTTPServerRequest(method: .get, target: "/", remoteAddress: "10.0.0.2:5")
        #expect(cache.response(for: summary, at: settled, pageVersion: { _ in 3 }, request: inside) != nil)
        #expect(cache.response(for: summary, at: settled, pageVersion: { _ in 3 }, request: outside) == nil)
        #expect(cache.response(for: summary, at: settled, pageVersion: { _ in 3 }) == nil)
        // Refused, not dropped: the next allowed client still gets it.
        #expect(cache.response(for: summary, at: settled, pageVersion: { _ in 3 }, request: inside) != nil)
    }
}
