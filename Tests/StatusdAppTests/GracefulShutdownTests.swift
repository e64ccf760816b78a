import Dispatch
import Foundation
import StatusdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM while requests stream in: the requests already in flight are answered in full, the
/// process exits 0, and every acknowledged write is there after a restart.
@Suite(.serialized) struct GracefulShutdownTests {
    @Test func sigterm_duringWrites_answersInFlightRequests_exitsZero_losesNothing() throws {
        let binary = try CLITests.binary()
        try CLITests.withFolder { folder in
            let database = folder.appendingPathComponent("statusd.db").path
            let server = try ServerProcess(
                binary: binary, databasePath: database, arguments: ["--demo"],
                logFile: folder.appendingPathComponent("first.log"))
            let writers = IncidentWriters(client: server.client)
            writers.start(count: 8, round: "term")
            let reached = writers.waitForAcknowledgements(200, seconds: 30)
            let signalledAt = DispatchTime.now().uptimeNanoseconds
            server.send(signal: SIGTERM)
            let exit = server.waitForExit(seconds: 20)
            let written = writers.stopAndWait()
            try #require(reached, "only \(written.acknowledged.count) acknowledgements: \(written.failures.prefix(3))")

            #expect(exit?.status == 0 && exit?.endedBySignal == false, "exit: \(String(describing: exit))")
            // No error status, no response cut short: whatever the server took in, it answered.
            #expect(written.failures.count == 0, "\(written.failures.prefix(5))")
            // Writes in flight when SIGTERM arrived were still acknowledged.
            let answeredAfterSignal = written.acknowledged.filter { $0.at > signalledAt }.count
            #expect(answeredAfterSignal > 0)

            let restarted = try ServerProcess(
                binary: binary, databasePath: database, logFile: folder.appendingPathComponent("second.log"))
            let missing = missingReads(written.acknowledged, client: restarted.client)
            #expect(missing.count == 0, "\(missing.count) of \(written.acknowledged.count) missing: \(missing.prefix(5))")
            restarted.send(signal: SIGTERM)
            #expect(restarted.waitForExit(seconds: 15)?.status == 0)
        }
    }

    /// A SIGTERM sent as soon as the listening line appears (as `docker stop` right after start, or a
    /// supervisor) must still drain and exit 0, never be lost and leave the process running.
    @Test func sigtermRightAfterTheListeningLineIsNotLost() throws {
        let binary = try CLITests.binary()
        try CLITests.withFolder { folder in
            for round in 1...10 {
                let server = try ServerProcess(
                    binary: binary, databasePath: folder.appendingPathComponent("statusd.db").path,
                    logFile: folder.appendingPathComponent("log-\(round)"))
                server.send(signal: SIGTERM)
                let exit = server.waitForExit(seconds: 10)
                #expect(exit?.status == 0 && exit?.endedBySignal == false, "round \(round): \(String(describing: exit))")
                if exit == nil { server.send(signal: SIGKILL); return }
            }
        }
    }
}
