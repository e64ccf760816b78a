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
}
