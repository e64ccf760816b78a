import Dispatch
import Logging
import StatusdCore
import StatusdStore
import StatusdSync
#if canImport(Glibc)
import Glibc
#endif

/// Sends the outbox's subscriber mail in the background, on threads of its own, as the webhook
/// sender does its POSTs: claim a due row under a lease, hand the message to the SMTP server,
/// record the outcome (delivered in its own commit right after the server's final 250 to DATA;
/// else a retry with back-off, or failed after `giveUpAfter`).
///
/// No mail twice after a crash: a row is marked delivered the moment the server has taken it, so
/// a restart sends only rows the server never accepted. What is left is the window between that
/// 250 and the commit after it (a kill -9 there sends the mail again on restart); each delivery's
/// Message-ID is fixed (its row id), so a receiver that deduplicates by Message-ID keeps one.
public final class MailSender: Sendable {
    private let store: Store
    private let options: MailSenderOptions
    private let links: SubscriberLinks
    private let logger: Logger
    private let owner: String
    private let wake = DispatchSemaphore(value: 0)
    private let state = Locked<(stopping: Bool, running: Int)>((false, 0))
    private let stopped = DispatchSemaphore(value: 0)
    private let observerToken: Int

    public init(store: Store, options: MailSenderOptions, logger: Logger) throws {
        self.store = store
        self.options = options
        self.logger = logger
        links = SubscriberLinks(store: store)
        owner = "mail-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let wake = self.wake
        observerToken = store.onOutboxWrite { wake.signal() }
        for index in 0..<max(1, min(options.timings.concurrency, 2)) {
            state.withLock { $0.running += 1 }
            let started = DetachedThread.start { [self] in
                work(runsTimeEvents: index == 0)
                state.withLock { $0.running -= 1 }
                stopped.signal()
            }
            if !started {
                state.withLock { $0.running -= 1 }
                logger.error("mail sender: could not start a worker thread")
            }
        }
    }

    /// Stops the workers after the attempt each is making, waiting up to `grace`.
    public func stop(grace: Duration = .seconds(2)) {
        store.stopObservingOutbox(observerToken)
        let running = state.withLock { state -> Int in
            state.stopping = true
            return state.running
        }
        for _ in 0..<running { wake.signal() }
        let deadline = DispatchTime.now() + .milliseconds(Int(grace.milliseconds))
        for _ in 0..<running where stopped.wait(timeout: deadline) == .timedOut { break }
    }

    private var stopping: Bool { state.withLock { $0.stopping } }

    private func work(runsTimeEvents: Bool) {
        let poll = Int(max(1, options.timings.pollInterval.milliseconds))
        while !stopping {
            // Maintenance windows starting or ending enqueue their mail here too (once: the pass
            // records each window's event in the transaction that enqueues it).
            if runsTimeEvents { _ = try? store.enqueueMaintenanceEvents(horizonMilliseconds: options.timings.giveUpAfter.milliseconds) }
            do {
                if let due = try store.nextMailDue(), due <= store.clock.now().millisecondsSince1970,
                   let mail = try store.claimDueMail(owner: owner, leaseMilliseconds: lease.milliseconds) {
                    wake.signal()
                    attempt(mail)
                    continue
                }
                let due = try store.nextMailDue().map { Int(max(1, $0 - store.clock.now().millisecondsSince1970)) } ?? poll
                _ = wake.wait(timeout: .now() + .milliseconds(min(poll, due)))
            } catch {
                logger.error("mail sender: cannot read the outbox", metadata: ["error": "\(error)"])
                _ = wake.wait(timeout: .now() + .milliseconds(poll))
            }
        }
    }

    /// Past the longest session: connect, then a dozen steps of at most `timeout` each.
    private var lease: Duration { options.timings.timeout * 14 + .seconds(5) }

    /// One SMTP session and its outcome. The address is logged by subscriber id only.
    private func attempt(_ mail: ClaimedMail) {
        let metadata: Logger.Metadata = [
            "delivery_id": "\(mail.id)", "subscriber_id": "\(mail.subscriberId)", "event": "\(mail.event)",
            "attempt": "\(mail.attempts)",
        ]
        let outcome: DeliveryAttemptOutcome
        let composed: MailMessage
        do {
            composed = try message(for: mail)
        } catch {
            // The link key could not be read (a store in trouble): retried as a failed attempt is.
            logger.warning("mail attempt failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            record(mail, .failed(statusCode: nil, error: "cannot make the mail's links: \(error)"), metadata)
            return
        }
        do {
            let client = SMTPClient(url: options.smtp, timeout: options.timings.timeout, heloName: Self.domain(of: options.from))
            try client.send(from: options.from, to: mail.emailAddress, message: composed.bytes())
            outcome = .delivered(statusCode: 250)
            logger.info("mail handed to the SMTP server", metadata: metadata)
        } catch {
            outcome = .failed(statusCode: nil, error: error.description)
            logger.warning("mail attempt failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
        record(mail, outcome, metadata)
    }

    /// Records an attempt's outcome: delivered, or a retry after the back-off (failed once too old).
    private func record(_ mail: ClaimedMail, _ outcome: DeliveryAttemptOutcome, _ metadata: Logger.Metadata) {
        let delay = options.timings.retryDelay(afterAttempts: mail.attempts, random: Double.random(in: 0..<1))
        do {
            try store.finishAttempt(
                mail.id, owner: owner, outcome, retryInMilliseconds: delay.milliseconds,
                giveUpAfterMilliseconds: options.timings.giveUpAfter.milliseconds)
        } catch {
            logger.error("mail sender: cannot record an attempt", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }

    /// The row's text with its links: the confirmation link, or the page and unsubscribe links.
    func message(for mail: ClaimedMail) throws -> MailMessage {
        let subject = String(mail.text.prefix { $0 != "\n" })
        var body = String(mail.text.drop { $0 != "\n" }.dropFirst())
        let page = "\(options.publicURL)/status/\(mail.subdomain)"
        let unsubscribe = "\(page)/unsubscribe?token=\(try links.token(subscriberId: mail.subscriberId, .unsubscribe))"
        if mail.event == "subscriber.confirmation" {
            body += "\n\(page)/subscribers/confirm?token=\(try links.token(subscriberId: mail.subscriberId, .confirm))\n"
        } else {
            body += "\n\n-- \nStatus page: \(page)\nUnsubscribe: \(unsubscribe)\n"
        }
        return MailMessage(
            from: options.from, fromName: mail.pageName + " status", to: mail.emailAddress, subject: subject,
            date: store.clock.now(), messageId: "\(mail.id)@\(Self.domain(of: options.from))", body: body,
            unsubscribeURL: mail.event == "subscriber.confirmation" ? nil : unsubscribe)
    }

    /// The domain of an address (`status@example.com` → `example.com`), for EHLO and Message-ID.
    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
