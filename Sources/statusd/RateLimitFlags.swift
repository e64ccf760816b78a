import ArgumentParser
import StatusdApp

/// `serve`'s rate limits (README, Rate limits). On by default for a real deployment; off by default
/// under `--demo`, `--ephemeral` or `--test-control`, where a test suite's bursts are the point.
struct RateLimitFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Requests a second per credential, 0 for no limit (env STATUSD_RATE_LIMIT; default 100, or 0 with --demo, "
            + "--ephemeral or --test-control).", valueName: "n"))
    var rateLimit: Double?

    @Option(help: ArgumentHelp("Requests a credential may make at once before the rate applies (env STATUSD_RATE_LIMIT_BURST; "
                               + "default 10 x --rate-limit).", valueName: "n"))
    var rateLimitBurst: Int?

    @Option(help: ArgumentHelp(
        "Requests a second per client address without a credential (public page, feeds, summary), 0 for no limit "
            + "(env STATUSD_PUBLIC_RATE_LIMIT; default 20, or 0 when --rate-limit is 0). Behind a reverse proxy every "
            + "visitor has the proxy's address: limit there instead and set 0.", valueName: "n"))
    var publicRateLimit: Double?

    /// The options, or nil for no limit at all; `testing` says a test-target flag was given.
    func resolved(testing: Bool, environment: [String: String]) throws -> RateLimitOptions? {
        func number(_ flag: Double?, _ name: String, default fallback: Double) throws -> Double {
            if let flag { return try checked(flag, "--" + name.lowercased()) }
            guard let text = environment["STATUSD_" + name.uppercased().replacingOccurrences(of: "-", with: "_")], !text.isEmpty else {
                return fallback
            }
            guard let value = Double(text) else { throw CLIFailure("STATUSD_\(name.uppercased().replacingOccurrences(of: "-", with: "_")) must be a number, got '\(text)'") }
            return try checked(value, "STATUSD_" + name.uppercased().replacingOccurrences(of: "-", with: "_"))
        }
        func checked(_ value: Double, _ what: String) throws -> Double {
            guard value.isFinite, value >= 0 else { throw CLIFailure("\(what) must be 0 or more, got \(value)") }
            return value
        }
        let rate = try number(rateLimit, "rate-limit", default: testing ? 0 : 100)
        let publicRate = try number(publicRateLimit, "public-rate-limit", default: rate == 0 ? 0 : 20)
        guard rate > 0 || publicRate > 0 else { return nil }
        let burst = try rateLimitBurst.map(Double.init) ?? number(nil, "rate-limit-burst", default: (rate * 10).rounded(.up))
        guard rate == 0 || (burst >= 1 && burst <= 1e9) else {
            throw CLIFailure("--rate-limit-burst must be between 1 and 1000000000, got \(burst)")
        }
        func limit(_ rate: Double, _ burst: Double) -> RateLimitOptions.Limit? {
            rate > 0 ? RateLimitOptions.Limit(requestsPerSecond: rate, burst: max(1, Int(min(burst, 1e9)))) : nil
        }
        return RateLimitOptions(
            perCredential: limit(rate, burst), perAddress: limit(publicRate, (publicRate * 10).rounded(.up)))
    }
}
