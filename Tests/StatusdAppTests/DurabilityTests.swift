import Foundation
import StatusdStore
import StatusdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` under concurrent writes through both shapes loses no acknowledged incident and leaves a
/// sound file. Rounds: `STATUSD_DURABILITY_ROUNDS` (3 by default; scripts/durability-rounds sets more).
@Suite(.serialized) struct DurabilityTests {
    static var rounds: Int {
        ProcessInfo.processInfo.environment["STATUSD_DURABILITY_ROUNDS"].flatMap { Int($0) } ?? 3
    }

    @Test func killNine_duringWrites_losesNoAcknowledgedIncident() throws {
        let binary = try CLITests.binary()
        try CLITests.withFolder { folder in
            let database = folder.appendingPathComponent("statusd.db").path
            var server = try ServerProcess(
                binary: binary, databasePath: database, arguments: ["--demo"],
                logFile: folder.appendingPathComponent("round-0.log"))
            var acknowledged: [Acknowledged] = []
            for round in 1...Self.rounds {
                let writers = IncidentWriters(client: server.client)
                writers.start(count: 8, round: "r\(round)")
                // A random moment: after a random number of acknowledgements, plus up to 5 ms.
                let target = Int.random(in: 300...600)
                let reached = writers.waitForAcknowledgements(target, seconds: 30)
                usleep(UInt32.random(in: 0..<5_000))
                server.send(signal: SIGKILL)
                let written = writers.stopAndWait()
                #expect(server.waitForExit(seconds: 10)?.endedBySignal == true)
                try #require(reached, "round \(round): only \(written.acknowledged.count) acknowledgements; \(written.failures.prefix(3))")
                #expect(written.failures.count == 0, "round \(round): \(written.failures.prefix(5))")
                acknowledged += written.acknowledged

                // The file as kill -9 left it, opened as the server would open it: sound, and
                // holding every incident acknowledged in this round and the earlier ones.
                let store = try Store(path: database)
                #expect(try store.integrityCheck() == ["ok"], "round \(round)")
                let lost = try acknowledged.filter { try store.incident($0.id, statusPageId: $0.shape.page) == nil }
                #expect(lost.count == 0, "round \(round): \(lost.count) of \(acknowledged.count) lost: \(lost.prefix(5))")

                // This round's incidents through both API shapes of the restarted server.
                server = try ServerProcess(
                    binary: binary, databasePath: database, logFile: folder.appendingPathComponent("round-\(round).log"))
                let missing = missingReads(written.acknowledged, client: server.client)
                #expect(missing.count == 0, """
                    round \(round): \(missing.count) reads of \(written.acknowledged.count) acknowledged incidents \
                    failed after kill -9: \(missing.prefix(5))
                    """)
                print("""
                    durability round \(round): killed after \(written.acknowledged.count) acknowledgements \
                    (\(written.unanswered) writers cut off); integrity ok; \(acknowledged.count - lost.count) of \
                    \(acknowledged.count) acknowledged so far in the file; \
                    \(written.acknowledged.count * 2 - missing.count) of \(written.acknowledged.count * 2) reads \
                    through both shapes ok
                    """)
            }
            server.send(signal: SIGTERM)
            #expect(server.waitForExit(seconds: 15)?.status == 0)
        }
    }
}
