import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import StatusdSync
import Testing

/// `change_counters` is what the answer and credential caches trust: it must move on with every
/// write that changes what they hold, whoever writes, and hold still otherwise.
@Suite struct ChangeCounterTests {
    @Test func contentMovesOnWithEveryWriteFromAnyConnection() throws {
        try withServerAndCLIStores { server, cli in
            _ = try PageFixture.make(in: server)
            let settled = try server.changeCounters()
            #expect(try server.changeCounters() == settled)
            let created = try server.createIncident(.make(), statusPageId: "page")
            let afterOwnWrite = try server.changeCounters()
            #expect(afterOwnWrite.content > settled.content)
            #expect(afterOwnWrite.credentials == settled.credentials)
            _ = try cli.updateIncident(created.id, statusPageId: "page", IncidentChanges(title: "New", changedBy: "cli"))
            let afterCLI = try server.changeCounters()
            #expect(afterCLI.content > afterOwnWrite.content)
            try cli.write { db in try db.execute(sql: "UPDATE components SET name = 'By hand' WHERE id = 'page-c0'") }
            #expect(try server.changeCounters().content > afterCLI.content)
            _ = try cli.deleteIncident(created.id, statusPageId: "page")
            #expect(try server.changeCounters().content > afterCLI.content + 1)
        }
    }

    /// A read started after a request arrived serves it; one started before never does, so a change
    /// committed before the request (here by another process) is always counted.
    @Test func countersReadAfterATimeAreReusedAndNeverOlderOnes() throws {
        try withServerAndCLIStores { server, cli in
            _ = try PageFixture.make(in: server)
            let arrived = MonotonicClock.now()
            let read = try server.changeCounters()
            _ = try cli.createIncident(.make(), statusPageId: "page")
            // The read above started after `arrived`: handed out again, without the CLI's write.
            #expect(try server.changeCounters(readAfter: arrived) == read)
            let arrivedAfterTheWrite = MonotonicClock.now()
            #expect(try server.changeCounters(readAfter: arrivedAfterTheWrite).content > read.content)
        }
    }

    @Test func credentialsMoveOnWithWhatDecidesAccessButNotWithLastUse() throws {
        try withTestStore { store in
            let start = try store.changeCounters()
            let (credential, secret) = try store.createCredential(
                name: "ci", projectId: nil, readOnly: false, secret: "counter-secret-0123456789")
            let created = try store.changeCounters()
            #expect(created.credentials > start.credentials)
            #expect(created.content == start.content)
            try store.write { db in
                try db.execute(sql: "UPDATE credentials SET last_used_at = 1 WHERE id = ?", arguments: [credential.id])
            }
            #expect(try store.changeCounters() == created)
            _ = try store.authenticate(secret: secret)
            store.waitForLastUsedWrites()
            #expect(try store.changeCounters() == created)
            #expect(try store.revokeCredential(credential.id))
            #expect(try store.changeCounters().credentials > created.credentials)
        }
    }

    /// Inside a snapshot the counters are the snapshot's: a commit elsewhere does not show.
    @Test func insideASnapshotTheCountersAreTheSnapshots() throws {
        try withServerAndCLIStores { server, cli in
            _ = try PageFixture.make(in: server)
            let (inside, before) = try server.withReadSnapshot { () -> (ChangeCounters, ChangeCounters) in
                let before = try server.changeCounters()
                _ = try cli.createIncident(.make(), statusPageId: "page")
                return (try server.changeCounters(), before)
            }
            #expect(inside == before)
            #expect(try server.changeCounters().content > before.content)
        }
    }

    @Test func aCachedCredentialIsDroppedWhenAnotherProcessRevokesIt() throws {
        try withServerAndCLIStores { server, cli in
            let (credential, secret) = try server.createCredential(
                name: "ci", projectId: nil, readOnly: false, secret: "cached-secret-0123456789")
            for _ in 0..<3 {
                #expect(try server.authenticate(secret: secret, at: try server.changeCounters())?.id == credential.id)
            }
            #expect(try server.authenticate(secret: "cached-secret-0123456789x", at: try server.changeCounters()) == nil)
            #expect(try cli.revokeCredential(credential.id))
            #expect(try server.authenticate(secret: secret, at: try server.changeCounters()) == nil)
            server.waitForLastUsedWrites()
        }
    }
}
