import Dispatch

/// One timer per server that finds connections past their deadline (header, body, idle, write,
/// linger) and tells them; connections store deadlines in an atomic, so the
/// hot path never touches a timer.
final class DeadlineSweeper: @unchecked Sendable {  // `timer` is set once in init and only cancelled
    private let timer: any DispatchSourceTimer

    init(registry: ConnectionRegistry, interval: Double) {
        let queue = DispatchQueue(label: "statusd.http.deadlines")
        timer = DispatchSource.makeTimerSource(queue: queue)
        let nanoseconds = Int(max(0.005, min(interval, 0.5)) * 1_000_000_000)
        timer.schedule(deadline: .now(), repeating: .nanoseconds(nanoseconds), leeway: .milliseconds(5))
        timer.setEventHandler {
            let now = ServerContext.now()
            for connection in registry.all {
                connection.expireIfDue(now: now)
            }
        }
        timer.resume()
    }

    func stop() { timer.cancel() }
}
