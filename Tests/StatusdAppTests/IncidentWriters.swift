import Dispatch
import Foundation
import StatusdSync
import StatusdTesting
import Synchronization

/// The demo pages and tokens the crash and shutdown tests write through, one per API shape.
enum Shape: String, Sendable, CaseIterable {
    case onlineOrNot
    case uptimeIO

    static let onlineOrNotPage = "a1b2c3d4"
    static let onlineOrNotProject = "default"
    static let uptimeIOPage = "550e8400-e29b-41d4-a716-446655440000"
    static let uptimeIOProject = "660e8400-e29b-41d4-a716-446655440001"
    static let uptimeIOMonitor = "770e8400-e29b-41d4-a716-446655440010"

    var page: String { self == .onlineOrNot ? Self.onlineOrNotPage : Self.uptimeIOPage }
    var project: String { self == .onlineOrNot ? Self.onlineOrNotProject : Self.uptimeIOProject }

    /// This shape's path and auth header for the incidents of the page of `owner`'s shape.
    func incidentsPath(onPageOf owner: Shape) -> String {
        switch self {
        case .onlineOrNot: "/v1/status_pages/\(owner.page)/incidents"
        case .uptimeIO: "/api/projects/\(owner.project)/status-pages/\(owner.page)/incidents"
        }
    }

    var authorization: (String, String) {
        switch self {
        case .onlineOrNot: ("Authorization", "Bearer 123")
        case .uptimeIO: ("X-API-Key", "YOUR_API_KEY")
        }
    }

    func createBody(title: String) -> String {
        switch self {
        case .onlineOrNot: #"{"title":"\#(title)","description":"Looking into it","status":"INVESTIGATING"}"#
        case .uptimeIO: #"{"title":"\#(title)","message":"Looking into it","severity":"minor","affected_monitor_ids":["\#(Self.uptimeIOMonitor)"]}"#
        }
    }

    /// The incident object of a create or show response.
    func incident(in response: TestResponse) -> [String: Any]? {
        let envelope = jsonObject(response.body) as? [String: Any]
        switch self {
        case .onlineOrNot: return envelope?["result"] as? [String: Any]
        case .uptimeIO: return (envelope?["data"] as? [String: Any])?["incident"] as? [String: Any]
        }
    }
}

/// An incident the server acknowledged (2xx carrying its id): it must survive anything after that.
struct Acknowledged: Sendable {
    var id: String
    var title: String
    var shape: Shape
    /// When the response arrived, on the uptime clock.
    var at: UInt64
}

/// Threads creating incidents through both shapes, one request per connection, until `stop()` or
/// until the server stops answering. Keeps only what the server acknowledged.
final class IncidentWriters: Sendable {
    private let client: LoopbackClient
    private let acknowledged = Locked<[Acknowledged]>([])
    /// Answers that are neither an acknowledgement nor "no response": non-2xx, cut short, malformed.
    private let failures = Locked<[String]>([])
    private let unanswered = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let done = DispatchGroup()

    init(client: LoopbackClient) {
        self.client = client
    }

    /// Starts `count` writers, alternating shapes.
    func start(count: Int, round: String) {
        for writer in 0..<count {
            let shape = Shape.allCases[writer % Shape.allCases.count]
            done.enter()
            Thread.detachNewThread { [self] in
                write(as: shape, prefix: "\(round)-w\(writer)")
                done.leave()
            }
        }
    }

    private func write(as shape: Shape, prefix: String) {
        var sequence = 0
        while !stopping.load(ordering: .relaxed) {
            sequence += 1
            let title = "\(prefix)-\(sequence)"
            do {
                let response = try client.send(
                    "POST", shape.incidentsPath(onPageOf: shape), headers: [shape.authorization],
                    body: shape.createBody(title: title))
                if response.status == 503, response.text.contains("shutting down") {
                    // Accepted while the server was stopping and refused unread: nothing was taken in.
                    unanswered.add(1, ordering: .relaxed)
                    return
                }
                guard (200..<300).contains(response.status), let id = shape.incident(in: response)?["id"] as? String else {
                    failures.withLock { $0.append("\(shape) \(title): \(response.status) \(response.text.prefix(200))") }
                    return
                }
                let now = DispatchTime.now().uptimeNanoseconds
                acknowledged.withLock { $0.append(Acknowledged(id: id, title: title, shape: shape, at: now)) }
            } catch LoopbackClient.Failure.noResponse {
                // The server is gone (or going): stop, as a client would.
                unanswered.add(1, ordering: .relaxed)
                return
            } catch {
                failures.withLock { $0.append("\(shape) \(title): \(error)") }
                return
            }
        }
    }

    /// Blocks until `count` incidents are acknowledged (true) or `seconds` pass (false).
    func waitForAcknowledgements(_ count: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while acknowledgedCount < count {
            guard Date() < deadline else { return false }
            usleep(1_000)
        }
        return true
    }

    var acknowledgedCount: Int { acknowledged.withLock { $0.count } }

    /// Tells the writers to stop after their current request and waits for them (they also stop on
    /// their own once the server no longer answers).
    func stopAndWait() -> (acknowledged: [Acknowledged], failures: [String], unanswered: Int) {
        stopping.store(true, ordering: .relaxed)
        done.wait()
        return (acknowledged.withLock { $0 }, failures.withLock { $0 }, unanswered.load(ordering: .relaxed))
    }
}

/// Every acknowledged incident, read through both shapes: the messages of those that did not come
/// back with their id and title.
func missingReads(_ acknowledged: [Acknowledged], client: LoopbackClient) -> [String] {
    var missing: [String] = []
    for incident in acknowledged {
        for reader in Shape.allCases {
            let path = reader.incidentsPath(onPageOf: incident.shape) + "/" + incident.id
            do {
                let response = try client.send("GET", path, headers: [reader.authorization])
                let read = reader.incident(in: response)
                if response.status != 200 || read?["id"] as? String != incident.id
                    || read?["title"] as? String != incident.title {
                    missing.append("\(reader) GET \(path): \(response.status) \(response.text.prefix(200))")
                }
            } catch {
                missing.append("\(reader) GET \(path): \(error)")
            }
        }
    }
    return missing
}
