import StatusdSync

/// Token buckets by key (a credential's secret, a client address), shared by every event loop and
/// handler thread: 64 stripes, each a small dictionary under its own lock, so two requests contend
/// only when their keys share a stripe. Bounded: a stripe that grows past `maxKeysPerStripe` drops
/// the buckets that have refilled (idle long enough to be full), which are the same as absent.
final class TokenBuckets: Sendable {
    struct Bucket {
        var tokens: Double
        var updatedAt: UInt64
    }

    /// What a request is told: allowed or not, and what the `RateLimit-*` headers say.
    struct Decision: Equatable {
        var allowed: Bool
        /// Whole tokens left after this request.
        var remaining: Int
        /// Seconds until one token is back (`Retry-After` when refused); 0 when allowed.
        var retryAfterSeconds: Int
    }

    let rate: Double
    let burst: Int
    private static let stripeCount = 64
    private let maxKeysPerStripe: Int
    private let stripes: [Locked<[String: Bucket]>]

    /// `rate` tokens a second, at most `burst` kept (both > 0).
    init(rate: Double, burst: Int, maxKeys: Int = 100_000) {
        self.rate = rate
        self.burst = burst
        maxKeysPerStripe = max(16, maxKeys / Self.stripeCount)
        stripes = (0..<Self.stripeCount).map { _ in Locked([:]) }
    }

    /// Takes one token from `key`'s bucket at `now` (nanoseconds, monotonic) if it has one.
    func take(_ key: String, now: UInt64) -> Decision {
        let stripe = stripes[Int(UInt(bitPattern: key.hashValue) % UInt(Self.stripeCount))]
        let capacity = Double(burst)
        let (tokens, allowed) = stripe.withLock { buckets -> (Double, Bool) in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updatedAt: now)
            let elapsed = now > bucket.updatedAt ? Double(now - bucket.updatedAt) / 1e9 : 0
            bucket.tokens = min(capacity, bucket.tokens + elapsed * rate)
            bucket.updatedAt = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            if buckets[key] == nil && buckets.count >= maxKeysPerStripe { evictRefilled(&buckets, now: now) }
            buckets[key] = bucket
            return (bucket.tokens, allowed)
        }
        let retry = allowed ? 0 : max(1, Int(((1 - tokens) / rate).rounded(.up)))
        return Decision(allowed: allowed, remaining: Int(tokens), retryAfterSeconds: retry)
    }

    /// Drops the buckets that would be full by now; if none would, the stalest half.
    private func evictRefilled(_ buckets: inout [String: Bucket], now: UInt64) {
        let refill = UInt64(Double(burst) / rate * 1e9)
        buckets = buckets.filter { now &- $0.value.updatedAt < refill }
        guard buckets.count >= maxKeysPerStripe else { return }
        let newest = buckets.sorted { $0.value.updatedAt > $1.value.updatedAt }.prefix(maxKeysPerStripe / 2)
        buckets = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }

    /// Keys held now (tests).
    var keyCount: Int { stripes.reduce(0) { $0 + $1.withLock { $0.count } } }
}
