import Foundation
import StatusdCore
import StatusdTesting
import Testing

/// Runs the built `statusd` executable (next to the test bundle, or `STATUSD_BINARY`) as an operator would.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func binary() throws -> URL {
        try statusdBinary()
    }

    /// Runs in `folder` (so `./statusd.db` lands there), with `environment` added.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
        let run = try runStatusd(arguments, in: folder, environment: environment)
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    static func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statusd-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    @Test func migrate_createsDefaultDatabase_inTheWorkingFolder_thenIsUpToDate() throws {
        try Self.withFolder { folder in
            let first = try Self.run(["migrate"], in: folder)
            #expect(first.status == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("Migrations").path)
                .filter { $0.hasSuffix(".sql") }.sorted()
            #expect(files.starts(with: ["0001_init.sql", "0002_change_counters.sql"]))
            #expect(first.lines == files.map { "applied \($0)" })
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("statusd.db").path))
            let again = try Self.run(["migrate"], in: folder)
            #expect(again.status == 0)
            #expect(again.stdout.contains("up to date"))
        }
    }

    @Test func create_commands_printTheNewIds() throws {
        try Self.withFolder { folder in
            let project = try Self.run(["project", "create", "--name", "Acme", "--id", "acme"], in: folder)
            #expect(project.status == 0 && project.lines == ["acme"])
            let page = try Self.run(["page", "create", "--project", "acme", "--name", "Acme Status"], in: folder)
            #expect(page.status == 0)
            let pageId = try #require(page.lines.first)
            #expect(UUID(uuidString: pageId) != nil && pageId == pageId.lowercased())
            let component = try Self.run(["component", "create", "--page", pageId, "--name", "API", "--id", "api"], in: folder)
            #expect(component.status == 0 && component.lines == ["api"])
            let duplicate = try Self.run(["project", "create", "--name", "Again", "--id", "acme"], in: folder)
            #expect(duplicate.status != 0)
            #expect(duplicate.stderr == "statusd: error: id 'acme' is already taken\n")
            #expect(duplicate.stdout.isEmpty)
        }
    }

    @Test func create_underMissingParents_failsWithOneLine() throws {
        try Self.withFolder { folder in
            let page = try Self.run(["page", "create", "--project", "nope", "--name", "X"], in: folder)
            #expect(page.status == 1 && page.stderr == "statusd: error: no such project: nope\n")
            let component = try Self.run(["component", "create", "--page", "nope", "--name", "X"], in: folder)
            #expect(component.status == 1 && component.stderr == "statusd: error: no such status page: nope\n")
            let token = try Self.run(["token", "create", "--name", "t", "--project", "nope"], in: folder)
            #expect(token.status == 1 && token.stderr == "statusd: error: no such project: nope\n")
        }
    }

    @Test func tokens_createListRevoke_neverShowingTheSecretAgain() throws {
        try Self.withFolder { folder in
            _ = try Self.run(["project", "create", "--name", "P", "--id", "p1"], in: folder)
            let random = try Self.run(["token", "create", "--name", "ci"], in: folder)
            #expect(random.status == 0)
            let secret = try #require(random.lines.first)
            #expect(random.lines.count == 1 && secret.count == 43)
            let known = try Self.run(
                ["token", "create", "--name", "reader", "--project", "p1", "--read-only", "--secret", "s3cret-value"],
                in: folder)
            #expect(known.status == 0 && known.lines == ["s3cret-value"])
            let list = try Self.run(["token", "list"], in: folder)
            #expect(list.status == 0 && list.lines.count == 2)
            #expect(!list.stdout.contains(secret) && !list.stdout.contains("s3cret-value"))
            let readerLine = try #require(list.lines.first { $0.contains("reader") })
            #expect(readerLine.contains("project=p1") && readerLine.contains("read-only") && readerLine.hasSuffix("active"))
            let id = String(readerLine.prefix { $0 != "\t" })
            let revoke = try Self.run(["token", "revoke", id], in: folder)
            #expect(revoke.status == 0)
            let after = try Self.run(["token", "list"], in: folder)
            #expect(after.lines.first { $0.hasPrefix(id) }?.contains("revoked=") == true)
            let unknown = try Self.run(["token", "revoke", "nope"], in: folder)
            #expect(unknown.status == 1 && unknown.stderr == "statusd: error: no such credential: nope\n")
        }
    }

    @Test func backup_copiesEverything_andNeverOverwrites() throws {
        try Self.withFolder { folder in
            _ = try Self.run(["project", "create", "--name", "P", "--id", "p1"], in: folder)
            _ = try Self.run(["page", "create", "--project", "p1", "--name", "Status", "--id", "page1"], in: folder)
            let backup = try Self.run(["backup", "--to", "copy.db"], in: folder)
            #expect(backup.status == 0)
            #expect(backup.lines == ["backed up ./statusd.db to copy.db"])
            // The copy is a database of its own: the CLI reads the page back from it.
            let again = try Self.run(["page", "create", "--project", "p1", "--name", "S", "--id", "page1",
                                      "--db", "copy.db"], in: folder)
            #expect(again.status == 1)
            #expect(again.stderr.contains("page1"))
            let refused = try Self.run(["backup", "--to", "copy.db"], in: folder)
            #expect(refused.status == 64)
            #expect(refused.stderr == "statusd: error: --to copy.db already exists: choose a new file\n")
        }
    }

    @Test func dbOption_andEnvironment_chooseTheFile() throws {
        try Self.withFolder { folder in
            let viaOption = try Self.run(["project", "create", "--name", "A", "--db", "a.db"], in: folder)
            #expect(viaOption.status == 0)
            let viaEnv = try Self.run(["project", "create", "--name", "B"], in: folder,
                                      environment: ["STATUSD_DB": folder.appendingPathComponent("b.db").path])
            #expect(viaEnv.status == 0)
            for name in ["a.db", "b.db"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path))
            }
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("statusd.db").path))
        }
    }

    @Test(arguments: [
        ["bogus"], ["project", "create"], ["page", "create", "--name", "x"], ["token", "revoke"],
        ["serve", "--port", "70000"], ["serve", "--port", "abc"], ["project", "create", "--name", ""],
        ["token", "create", "--name", "x", "--secret", ""],
        ["serve", "--max-connections", "0"], ["serve", "--idle-timeout", "-1"], ["serve", "--log-format", "xml"],
        ["serve", "--log-level", "loud"],
    ])
    func badArguments_failWithUsageError(_ arguments: [String]) throws {
        try Self.withFolder { folder in
            let run = try Self.run(arguments, in: folder)
            #expect(run.status == 64)
            #expect(run.stderr.hasPrefix("statusd: error: "))
            #expect(run.stderr.split(separator: "\n").count == 1)
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func help_listsEverySubcommand() throws {
        try Self.withFolder { folder in
            let run = try Self.run(["--help"], in: folder)
            #expect(run.status == 0)
            for name in ["serve", "migrate", "project", "page", "component", "token"] {
                #expect(run.stdout.contains(name))
            }
            let token = try Self.run(["token", "create", "--help"], in: folder)
            #expect(token.status == 0 && token.stdout.contains("--read-only") && token.stdout.contains("--db"))
        }
    }

    @Test func newerDatabase_isRefusedWithOneLine() throws {
        try Self.withFolder { folder in
            _ = try Self.run(["migrate"], in: folder)
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [folder.appendingPathComponent("statusd.db").path,
                                "INSERT INTO schema_migrations VALUES ('9999_future.sql', 0)"]
            try sqlite.run()
            sqlite.waitUntilExit()
            try #require(sqlite.terminationStatus == 0)
            let run = try Self.run(["migrate"], in: folder)
            #expect(run.status == 1)
            #expect(run.stderr.contains("newer statusd") && run.stderr.contains("9999_future.sql"))
        }
    }

    @Test func version_printsTheCurrentVersion() throws {
        try Self.withFolder { folder in
            let run = try Self.run(["--version"], in: folder)
            #expect(run.status == 0)
            #expect(run.stdout == "\(StatusdVersion.current)\n")
            #expect(StatusdVersion.current == "0.6.0")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("statusd.db").path))
        }
    }
}
