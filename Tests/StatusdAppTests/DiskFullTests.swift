import Dispatch
import Foundation
import StatusdCore
import StatusdStore
import StatusdSync
import StatusdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `statusd serve` whose database sits on a real 4 MiB filesystem that fills up: writes through
/// both shapes are refused with 503 in each envelope (nothing half-written), reads go on, every
/// acknowledged write survives, and writes work again the moment space is freed, without a restart.
@Suite(.serialized, .enabled(if: SmallFilesystem.available, "mounting a tmpfs needs root (CI runs as root)"))
struct DiskFullTests {
    static let onlineOrNotRefusal = """
        {"result":null,"success":false,"errors":[{"code":10010,"message":"The server's disk is full: nothing \
        was written. Reads still work; retry once space has been freed."}],"messages":[]}
        """
    static let uptimeIORefusal = """
        {"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"The server's disk is full: nothing \
        was written. Reads still work; retry once space has been freed."}}
        """

    @Test func fullDisk_refusesWrites_keepsReads_losesNothing_andWritesAgainOnceFreed() throws {
        let binary = try CLITests.binary()
        try CLITests.withFolder { folder in
            try SmallFilesystem.withMounted(kibibytes: 4096, at: folder.appendingPathComponent("disk")) { disk in
                let database = disk.root.appendingPathComponent("statusd.db").path
                let log = folder.appendingPathComponent("server.log")
                let server = try ServerProcess(binary: binary, databasePath: database, arguments: ["--demo"], logFile: log)
                let client = server.client
                var acknowledged = try Shape.allCases.map { try create($0, title: "before-\($0)", client).acknowledged! }

                try disk.fill()
                // Some writes may still fit in blocks the filesystem had already given the WAL; then
                // every write through either shape is refused, with the shape's own body.
                var refusedTitles: [String] = []
                var refusals: [Shape: Int] = [:]
                for attempt in 1...400 {
                    if refusals[.onlineOrNot] == 3 && refusals[.uptimeIO] == 3 { break }
                    let shape = Shape.allCases[attempt % 2]
                    let outcome = try create(shape, title: "during-\(attempt)", client)
                    if let incident = outcome.acknowledged {
                        acknowledged.append(incident)
                        continue
                    }
                    refusedTitles.append("during-\(attempt)")
                    refusals[shape, default: 0] += 1
                    if refusals[shape]! > 3 { continue }
                    let response = outcome.response
                    #expect(response.status == 503, "\(shape): \(response.status) \(response.text)")
                    #expect(response.header("Retry-After") == "30")
                    #expect(response.header("Content-Type") == "application/json; charset=utf-8")
                    #expect(response.text == (shape == .onlineOrNot ? Self.onlineOrNotRefusal : Self.uptimeIORefusal))
                }
                try #require(refusals[.onlineOrNot] == 3 && refusals[.uptimeIO] == 3, "never refused: \(refusals)")

                // Other writes too: an update of an incident that exists, a status page change.
                let first = acknowledged[0]
                let update = try client.send(
                    "POST", "/v1/status_pages/\(Shape.onlineOrNotPage)/incidents/\(first.id)/updates",
                    headers: [Shape.onlineOrNot.authorization], body: #"{"status":"RESOLVED","description":"Fixed"}"#)
                #expect(update.status == 503 && update.text == Self.onlineOrNotRefusal, "\(update.status) \(update.text)")

                // Concurrent writers while full: each answer is an acknowledgement or the refusal (one
                // shared transaction failing must fail every writer in it, and only tell the truth).
                let concurrent = ConcurrentCreates.run(writers: 8, each: 5, prefix: "crowd", client: client)
                #expect(concurrent.unexpected.isEmpty, "\(concurrent.unexpected.prefix(3))")
                acknowledged += concurrent.acknowledged
                refusedTitles += concurrent.refusedTitles

                // Reads go on: every acknowledged incident through both shapes, the lists, the public page.
                #expect(missingReads(acknowledged, client: client).isEmpty)
                for shape in Shape.allCases {
                    #expect(try client.send("GET", shape.incidentsPath(onPageOf: shape), headers: [shape.authorization]).status == 200)
                }
                #expect(try client.send("GET", "/status/demo").status == 200)

                // Space freed: the very next write through each shape is taken, no restart.
                try disk.free()
                for shape in Shape.allCases {
                    let after = try create(shape, title: "after-\(shape)", client)
                    #expect(after.acknowledged != nil, "\(shape): \(after.response.status) \(after.response.text)")
                    if let incident = after.acknowledged { acknowledged.append(incident) }
                }

                // The log said so, once at the start and once on recovery (not once per request).
                server.send(signal: SIGTERM)
                #expect(server.waitForExit(seconds: 20)?.status == 0)
                let logged = try String(contentsOf: log, encoding: .utf8)
                let failing = logged.components(separatedBy: "\n").filter { $0.contains("database writes are failing") }
                #expect(failing.count == 1, "\(failing)")
                #expect(failing.first?.contains("reason=full") == true)
                #expect(logged.contains("database writes work again"))

                // Reopened: sound, every acknowledged incident there, none of the refused ones.
                let store = try Store(path: database)
                #expect(try store.integrityCheck() == ["ok"])
                let lost = try acknowledged.filter { try store.incident($0.id, statusPageId: $0.shape.page) == nil }
                #expect(lost.isEmpty, "\(lost.count) of \(acknowledged.count) acknowledged incidents lost")
                for shape in Shape.allCases {
                    for title in ["during-", "crowd-"] {
                        let found = try store.incidents(IncidentQuery(statusPageId: shape.page, search: title, perPage: 100))
                        let titles = Set(found.items.map(\.title))
                        let written = titles.intersection(refusedTitles)
                        #expect(written.isEmpty, "refused yet written: \(written.sorted().prefix(5))")
                    }
                }
                print("disk full: \(acknowledged.count) acknowledged and kept, \(refusedTitles.count) refused and absent")
            }
        }
    }

    /// One create through `shape` on its own demo page: the acknowledgement, if 2xx with an id.
    private func create(_ shape: Shape, title: String, _ client: LoopbackClient) throws
        -> (acknowledged: Acknowledged?, response: TestResponse) {
        let response = try client.send(
            "POST", shape.incidentsPath(onPageOf: shape), headers: [shape.authorization], body: shape.createBody(title: title))
        guard (200..<300).contains(response.status), let id = shape.incident(in: response)?["id"] as? String else {
            return (nil, response)
        }
        return (Acknowledged(id: id, title: title, shape: shape, at: DispatchTime.now().uptimeNanoseconds), response)
    }
}

/// Writers creating incidents at once through both shapes, each a fixed number of times, keeping
/// every answer: acknowledged, refused with 503, or anything else (a defect).
private enum ConcurrentCreates {
    struct Outcome {
        var acknowledged: [Acknowledged] = []
        var refusedTitles: [String] = []
        var unexpected: [String] = []
    }

    static func run(writers: Int, each: Int, prefix: String, client: LoopbackClient) -> Outcome {
        let outcome = Locked(Outcome())
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let shape = Shape.allCases[writer % 2]
            for sequence in 1...each {
                let title = "\(prefix)-\(writer)-\(sequence)"
                do {
                    let response = try client.send(
                        "POST", shape.incidentsPath(onPageOf: shape), headers: [shape.authorization],
                        body: shape.createBody(title: title))
                    let id = shape.incident(in: response)?["id"] as? String
                    outcome.withLock { outcome in
                        if (200..<300).contains(response.status), let id {
                            outcome.acknowledged.append(
                                Acknowledged(id: id, title: title, shape: shape, at: DispatchTime.now().uptimeNanoseconds))
                        } else if response.status == 503, response.text.contains("disk is full") {
                            outcome.refusedTitles.append(title)
                        } else {
                            outcome.unexpected.append("\(title): \(response.status) \(response.text.prefix(200))")
                        }
                    }
                } catch {
                    outcome.withLock { $0.unexpected.append("\(title): \(error)") }
                }
            }
        }
        return outcome.withLock { $0 }
    }
}
