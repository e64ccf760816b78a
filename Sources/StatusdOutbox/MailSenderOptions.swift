/// What the mail sender needs: the SMTP server, the sender address, the base URL of links, and
/// the same retry policy as the webhooks (`WebhookSenderOptions`: back-off, give-up, timeouts).
public struct MailSenderOptions: Sendable {
    public var smtp: SMTPURL
    /// The From address (`--smtp-from`).
    public var from: String
    /// `https://status.example.com`: links in mail are this plus `/status/{subdomain}/…`, no trailing slash.
    public var publicURL: String
    public var timings: WebhookSenderOptions

    public init(smtp: SMTPURL, from: String, publicURL: String, timings: WebhookSenderOptions = WebhookSenderOptions()) {
        self.smtp = smtp
        self.from = from
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.timings = timings
    }
}
