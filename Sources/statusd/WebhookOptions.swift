import ArgumentParser
import StatusdOutbox

/// The webhook sender's timings as `serve` flags (README, Webhooks); each defaults to the policy.
struct WebhookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds before the first retry of a failed delivery; doubles per attempt (default 30).",
                               valueName: "seconds"))
    var webhookRetryBase: Double?

    @Option(help: ArgumentHelp("Longest wait in seconds between attempts (default 3600).", valueName: "seconds"))
    var webhookRetryCap: Double?

    @Option(help: ArgumentHelp("Seconds after the first attempt that a failing delivery is given up (default 86400).",
                               valueName: "seconds"))
    var webhookGiveUpAfter: Double?

    @Option(help: ArgumentHelp("Connect timeout, and read timeout, of a delivery in seconds (default 10).",
                               valueName: "seconds"))
    var webhookTimeout: Double?

    @Option(help: ArgumentHelp(
        "Seconds between looks for deliveries other processes enqueued and maintenance windows starting or ending (default 1).",
        valueName: "seconds"))
    var webhookPollInterval: Double?

    @Flag(help: "Run no webhook sender (deliveries wait in the outbox for a server that runs one).")
    var noWebhookSender = false

    func validate() throws {
        let flags: [(Double?, String)] = [
            (webhookRetryBase, "--webhook-retry-base"), (webhookRetryCap, "--webhook-retry-cap"),
            (webhookGiveUpAfter, "--webhook-give-up-after"), (webhookTimeout, "--webhook-timeout"),
            (webhookPollInterval, "--webhook-poll-interval"),
        ]
        for (value, flag) in flags {
            if let value, !(value >= 0.001 && value <= 31_536_000) {
                throw ValidationError("\(flag) must be a number of seconds between 0.001 and 31536000")
            }
        }
    }

    /// nil with `--no-webhook-sender`.
    var senderOptions: WebhookSenderOptions? {
        guard !noWebhookSender else { return nil }
        var options = WebhookSenderOptions()
        func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }
        if let webhookRetryBase { options.retryBase = duration(webhookRetryBase) }
        if let webhookRetryCap { options.retryCap = duration(webhookRetryCap) }
        if let webhookGiveUpAfter { options.giveUpAfter = duration(webhookGiveUpAfter) }
        if let webhookTimeout { options.timeout = duration(webhookTimeout) }
        if let webhookPollInterval { options.pollInterval = duration(webhookPollInterval) }
        return options
    }
}
