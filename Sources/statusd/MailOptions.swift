import ArgumentParser
import StatusdCore
import StatusdOutbox

/// Subscriber mail as `serve` flags (README, Subscriber e-mail); each flag wins over its variable.
struct MailOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "SMTP server for subscriber mail: smtp://[user:password@]host[:port][?tls=no-verify]; STARTTLS when offered "
            + "(env STATUSD_SMTP_URL; default none: no subscriber mail).", valueName: "url"))
    var smtpUrl: String?

    @Option(help: ArgumentHelp("From address of subscriber mail (env STATUSD_SMTP_FROM; default statusd@localhost).",
                               valueName: "address"))
    var smtpFrom: String?

    @Option(help: ArgumentHelp(
        "Base URL of the links in mail, as subscribers reach this server (env STATUSD_PUBLIC_URL; default this server's "
            + "own http://host:port).", valueName: "url"))
    var publicUrl: String?

    /// (SMTP server, From, public URL) from the flags, else the environment.
    func resolved(environment: [String: String]) throws -> (SMTPURL?, String?, String?) {
        func value(_ flag: String?, _ name: String) -> String? {
            flag ?? environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        var smtp: SMTPURL?
        if let text = value(smtpUrl, "STATUSD_SMTP_URL") {
            switch SMTPURL.parse(text) {
            case .success(let url): smtp = url
            case .failure(let problem): throw CLIFailure(problem.description)
            }
        }
        let from = value(smtpFrom, "STATUSD_SMTP_FROM")
        if let from, EmailAddress.problem(from) != nil || from.contains(where: { $0 == "<" || $0 == ">" }) {
            throw CLIFailure("--smtp-from must be an e-mail address, got '\(from)'")
        }
        let publicURL = value(publicUrl, "STATUSD_PUBLIC_URL")
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) || publicURL.contains(where: \.isWhitespace) {
            throw CLIFailure("--public-url must be an http:// or https:// URL, got '\(publicURL)'")
        }
        return (smtp, from, publicURL)
    }
}
