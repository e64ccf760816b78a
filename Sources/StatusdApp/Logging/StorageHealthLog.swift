import Logging
import StatusdStore

/// The log lines that tell an operator writes are being refused (a full disk) and when they work
/// again: once when it starts, again at most once a minute while it lasts (the request lines show
/// each 503), and once on recovery.
enum StorageHealthLog {
    static func log(_ event: StorageEvent, to logger: Logger) {
        switch event {
        case .failing(let trouble, let detail, let failures):
            logger.error("database writes are failing; each is refused with 503 and nothing is written", metadata: [
                "reason": "\(trouble.rawValue)", "sqlite": "\(detail)", "refused_writes": "\(failures)",
            ])
        case .recovered(let failures):
            logger.notice("database writes work again", metadata: ["refused_writes": "\(failures)"])
        }
    }
}
