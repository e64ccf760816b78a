/// The webhook sender's timings. The defaults are the documented policy; tests shorten them
/// (`statusd serve --webhook-retry-base 0.2 ...`).
public struct WebhookSenderOptions: Sendable, Equatable {
    /// The wait after the first failed attempt; each later one doubles it (30 s).
    public var retryBase: Duration
    /// The longest wait between attempts (1 h).
    public var retryCap: Duration
    /// How long after the first attempt a failing delivery is retried before it is marked failed (24 h).
    public var giveUpAfter: Duration
    /// The connect timeout, and again the timeout for sending the request and reading the answer's head (10 s).
    public var timeout: Duration
    /// How often the sender looks for work it was not told about: other processes' writes,
    /// retries coming due, maintenance windows starting or ending (1 s).
    public var pollInterval: Duration
    /// Deliveries attempted at once, so that one slow receiver does not hold up the others (4).
    public var concurrency: Int

    public init(
        retryBase: Duration = .seconds(30), retryCap: Duration = .seconds(3600), giveUpAfter: Duration = .seconds(86_400),
        timeout: Duration = .seconds(10), pollInterval: Duration = .seconds(1), concurrency: Int = 4
    ) {
        self.retryBase = retryBase
        self.retryCap = retryCap
        self.giveUpAfter = giveUpAfter
        self.timeout = timeout
        self.pollInterval = pollInterval
        self.concurrency = concurrency
    }

    /// How long a claimed delivery stays leased: past the longest attempt (connect, then send and
    /// read, each within `timeout`), so that only a sender that died lets it lapse.
    var lease: Duration { timeout * 3 + .seconds(5) }

    /// The wait before attempt `attempts + 1`: `retryBase` doubled per attempt after the first,
    /// at most `retryCap`, less up to a quarter at random (jitter, so receivers that come back
    /// are not hit by every sender at once).
    func retryDelay(afterAttempts attempts: Int, random: Double) -> Duration {
        let doublings = min(max(attempts - 1, 0), 40)
        let full = min(retryBase.seconds * Double(1 << min(doublings, 40)), retryCap.seconds)
        return .milliseconds(Int64((full * (1 - 0.25 * random)) * 1000))
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
