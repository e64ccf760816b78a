import Dispatch
import Logging
import StatusdCore
import StatusdStore
import StatusdSync
#if canImport(Glibc)
import Glibc
#endif

/// Delivers the outbox's webhook rows in the background, on threads of its own (never the HTTP
/// event loops or handler pool, so a slow or dead receiver never slows the API).
///
/// Each of `concurrency` workers loops: when a delivery is due, it claims it (a lease in a write
/// transaction, safe with other processes on the file), POSTs it signed, and records the outcome
/// (a 2xx: delivered at once, so a crash after it repeats as little as possible; else a retry
/// with back-off, or failed once `giveUpAfter` has passed since the first attempt). It sleeps until
/// the next delivery is due, at most `pollInterval`, and is woken at once by this process's
/// commits that enqueue. One worker also runs the maintenance pass (`enqueueMaintenanceEvents`).
/// Only that one starts with the server; each delivery a worker claims starts one more, up to
/// `concurrency`, so a server that sends no webhooks keeps one thread (and one database reader)
/// for them, and a burst of deliveries soon has them all.
public final class WebhookSender: Sendable {
    private let store: Store
    private let options: WebhookSenderOptions
    private let logger: Logger
    /// Identifies this sender's leases (process id and a random part).
    private let owner: String
    private let wake = DispatchSemaphore(value: 0)
    private let state = Locked<(stopping: Bool, running: Int, started: Int)>((false, 0, 0))
    private let stopped = DispatchSemaphore(value: 0)
    private let observerToken: Int

    /// Starts the first worker; the others follow as deliveries are claimed (`startAnotherWorker`).
    public init(store: Store, options: WebhookSenderOptions, logger: Logger) {
        self.store = store
        self.options = options
        self.logger = logger
        owner = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let wake = self.wake
        observerToken = store.onOutboxWrite { wake.signal() }
        startAnotherWorker()
    }

    /// Starts one more worker, up to `concurrency`; one that cannot get a thread is skipped (logged).
    private func startAnotherWorker() {
        let index = state.withLock { state -> Int? in
            guard !state.stopping, state.started < max(1, options.concurrency) else { return nil }
            state.started += 1
            state.running += 1
            return state.started - 1
        }
        guard let index else { return }
        let started = DetachedThread.start { [self] in
            work(runsTimeEvents: index == 0)
            state.withLock { $0.running -= 1 }
            stopped.signal()
        }
        if !started {
            // Taken back, so that the next claim tries again; a `stop()` that counted it meanwhile
            // is signalled as if it had run and ended. Without a first worker nothing claims, so
            // that failure is said as what it means.
            let counted = state.withLock { state -> Bool in
                state.started -= 1
                state.running -= 1
                return state.stopping
            }
            if counted { stopped.signal() }
            if index == 0 {
                logger.critical("webhook sender: could not start a thread; no webhook is delivered until a restart")
            } else {
                logger.error("webhook sender: could not start another worker thread", metadata: ["workers": "\(index)"])
            }
        }
    }

    /// Stops the workers: each finishes the attempt it is making. Waits up to `grace` for them;
    /// a lease left behind lapses and the delivery is retried (by this file's next sender).
    public func stop(grace: Duration = .seconds(2)) {
        store.stopObservingOutbox(observerToken)
        let running = state.withLock { state -> Int in
            state.stopping = true
            return state.running
        }
        for _ in 0..<running { wake.signal() }
        let deadline = DispatchTime.now() + .milliseconds(Int(grace.milliseconds))
        for _ in 0..<running {
            if stopped.wait(timeout: deadline) == .timedOut { break }
        }
    }

    private var stopping: Bool { state.withLock { $0.stopping } }

    private func work(runsTimeEvents: Bool) {
        while !stopping {
            if runsTimeEvents { runTimeEventPass() }
            do {
                if let delivery = try claimIfDue() {
                    // Another worker may find the next one while this one is busy.
                    startAnotherWorker()
                    wake.signal()
                    attempt(delivery)
                    continue
                }
            } catch {
                // A failing store (a full disk, a read-only file) is retried after the poll interval,
                // not at once: the next due time is already past, so it would otherwise spin.
                logger.error("webhook sender: cannot read the outbox", metadata: ["error": "\(error)"])
                _ = wake.wait(timeout: .now() + .milliseconds(Int(max(1, options.pollInterval.milliseconds))))
                continue
            }
            _ = wake.wait(timeout: .now() + .milliseconds(Int(sleepMilliseconds())))
        }
    }

    /// A delivery if one is due: a read first, so an idle sender never takes the writer.
    private func claimIfDue() throws -> ClaimedDelivery? {
        guard let due = try store.nextWebhookDeliveryDue(), due <= store.clock.now().millisecondsSince1970 else {
            return nil
        }
        return try store.claimDueWebhookDelivery(owner: owner, leaseMilliseconds: options.lease.milliseconds)
    }

    /// Until the next delivery is due, at most the poll interval.
    private func sleepMilliseconds() -> Int64 {
        let poll = max(1, options.pollInterval.milliseconds)
        guard let due = try? store.nextWebhookDeliveryDue() else { return poll }
        return min(poll, max(1, due - store.clock.now().millisecondsSince1970))
    }

    private func runTimeEventPass() {
        do {
            try store.enqueueMaintenanceEvents(horizonMilliseconds: options.giveUpAfter.milliseconds)
        } catch {
            logger.error("webhook sender: maintenance pass failed", metadata: ["error": "\(error)"])
        }
    }

    /// One POST and its outcome recorded. The secret and the URL (which may carry a token) stay out of the log.
    private func attempt(_ delivery: ClaimedDelivery) {
        let outcome = post(delivery)
        let metadata: Logger.Metadata = [
            "webhook_id": "\(delivery.webhookId)", "delivery_id": "\(delivery.id)", "event": "\(delivery.event)",
            "attempt": "\(delivery.attempts)",
        ]
        switch outcome {
        case .delivered(let code):
            logger.info("webhook delivered", metadata: metadata.merging(["status": "\(code)"]) { $1 })
        case .failed(let code, let error):
            logger.warning(
                "webhook attempt failed",
                metadata: metadata.merging(["status": "\(code.map(String.init) ?? "-")", "error": "\(error)"]) { $1 })
        }
        let delay = options.retryDelay(afterAttempts: delivery.attempts, random: Double.random(in: 0..<1))
        do {
            try store.finishAttempt(
                delivery.id, owner: owner, outcome, retryInMilliseconds: delay.milliseconds,
                giveUpAfterMilliseconds: options.giveUpAfter.milliseconds)
        } catch {
            logger.error("webhook sender: cannot record an attempt", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }

    private func post(_ delivery: ClaimedDelivery) -> DeliveryAttemptOutcome {
        guard case .success(let url) = WebhookURL.parse(delivery.url) else {
            return .failed(statusCode: nil, error: "the webhook's url is not one statusd sends to")
        }
        let timestamp = store.clock.now().millisecondsSince1970 / 1000
        let headers = [
            ("Content-Type", "application/json"),
            ("User-Agent", "statusd/\(StatusdVersion.current)"),
            ("X-Statusd-Delivery", delivery.id),
            ("X-Statusd-Event", delivery.event),
            ("X-Statusd-Timestamp", String(timestamp)),
            ("X-Statusd-Signature", WebhookSignature.header(secret: delivery.secret, timestamp: timestamp, body: delivery.payload)),
        ]
        do {
            let code = try HTTPPostClient(timeout: options.timeout).post(to: url, headers: headers, body: delivery.payload)
            if (200...299).contains(code) { return .delivered(statusCode: code) }
            return .failed(statusCode: code, error: "HTTP \(code)")
        } catch {
            return .failed(statusCode: nil, error: error.description)
        }
    }
}
