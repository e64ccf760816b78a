import Foundation
import StatusdCore
import StatusdStore
import Testing

/// `statusd token create --expires-in/--grant` as an operator runs it.
@Suite struct TokenCLITests {
    @Test func expiresInAndGrantsAreStored() throws {
        try CLITests.withFolder { folder in
            let made = try CLITests.run(
                ["token", "create", "--name", "pager", "--expires-in", "2s", "--grant", "INCIDENTS:READ",
                 "--grant", "WEBHOOKS:EDIT"], in: folder)
            #expect(made.status == 0, "\(made.stderr)")
            let secret = try #require(made.lines.first)
            let store = try Store(path: folder.appendingPathComponent("statusd.db").path)
            let credential = try #require(try store.authenticate(secret: secret))
            let lifetime = try #require(credential.expiresAt).millisecondsSince1970 - credential.createdAt.millisecondsSince1970
            // Counted from just before the insert: at most the 2 s asked.
            #expect((1500...2000).contains(lifetime))
            #expect(credential.grants == CredentialGrants([Grant(.incidents, .read), Grant(.webhooks, .edit)]))
            let list = try CLITests.run(["token", "list"], in: folder)
            #expect(list.stdout.contains("grants=INCIDENTS:READ,WEBHOOKS:EDIT") && list.stdout.contains("expires=20"))
            let forever = try CLITests.run(["token", "create", "--name", "ops"], in: folder)
            let opsSecret = try #require(forever.lines.first)
            let full = try #require(try store.authenticate(secret: opsSecret))
            #expect(full.expiresAt == nil && full.grants == .all(.edit))
            store.waitForLastUsedWrites()
        }
    }

    @Test(arguments: ["90", "90x", "0d", "-1h", "d", "1.5h", "99999999d"])
    func badExpiresInIsRefusedClearly(value: String) throws {
        try CLITests.withFolder { folder in
            let run = try CLITests.run(["token", "create", "--name", "t", "--expires-in", value], in: folder)
            #expect(run.status != 0 && run.stderr.contains("--expires-in"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func badGrantIsRefusedClearly() throws {
        try CLITests.withFolder { folder in
            let run = try CLITests.run(["token", "create", "--name", "t", "--grant", "INCIDENTS:WRITE"], in: folder)
            #expect(run.status != 0 && run.stderr.contains("--grant INCIDENTS:WRITE") && run.stderr.contains("API_TOKENS"))
        }
    }
}
