import StatusdCore
import StatusdSync

/// Writes the body of an outbox delivery. The API shape that owns the JSON of incidents and
/// maintenance (OnlineOrNot's) provides it, so the store, which sits below the shapes, reuses that
/// JSON without importing them; the server installs it with `Store.writeEventPayloads(with:)`.
public protocol EventPayloadWriting: Sendable {
    /// `{event, created_at, status_page_id, incident}`; `updates` is the timeline, newest first.
    func incidentPayload(
        event: WebhookEvent, at time: Timestamp, incident: Incident, updates: [IncidentUpdate],
        componentNames: [String: String]
    ) -> [UInt8]

    /// `{event, created_at, status_page_id, maintenance}`, the window as it is at `time`.
    func maintenancePayload(
        event: WebhookEvent, at time: Timestamp, maintenance: ScheduledMaintenance, componentNames: [String: String]
    ) -> [UInt8]
}

/// Callbacks told after every commit that wrote deliveries: senders waiting for work.
final class OutboxObservers: Sendable {
    private let observers = Locked<(next: Int, all: [Int: @Sendable () -> Void])>((0, [:]))

    func add(_ observer: @escaping @Sendable () -> Void) -> Int {
        observers.withLock { state in
            state.next += 1
            state.all[state.next] = observer
            return state.next
        }
    }

    func remove(_ token: Int) {
        _ = observers.withLock { $0.all.removeValue(forKey: token) }
    }

    func notify() {
        for observer in observers.withLock({ Array($0.all.values) }) { observer() }
    }
}

/// The store could not render a delivery's body: no `EventPayloadWriting` was installed. A wiring
/// mistake of the program, never of a client; the write it happened in is rolled back.
public struct MissingEventPayloadWriter: Error, CustomStringConvertible {
    public var description: String { "webhook deliveries are due but no event payload writer is installed" }
}
