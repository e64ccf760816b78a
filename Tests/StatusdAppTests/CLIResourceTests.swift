import Foundation
import StatusdCore
import StatusdStore
import Testing

/// The list and delete commands of projects, pages and components, run as an operator would (the
/// built binary, through `CLITests.run`).
@Suite struct CLIResourceTests {
    typealias CLI = CLITests

    /// Runs `arguments` with `--db` on the folder's `test.db`; the run must succeed.
    static func ok(_ arguments: [String], in folder: URL) throws -> CLI.Run {
        let run = try CLI.run(arguments + ["--db", "test.db"], in: folder)
        #expect(run.status == 0, "statusd \(arguments.joined(separator: " ")): \(run.stderr)")
        #expect(run.stderr.isEmpty)
        return run
    }

    /// Runs `arguments` with `--db`; it must fail with exit status 1 and exactly `message` on stderr.
    static func fails(_ arguments: [String], in folder: URL, with message: String) throws {
        let run = try CLI.run(arguments + ["--db", "test.db"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr == "statusd: error: \(message)\n")
        #expect(run.stdout.isEmpty)
    }

    /// The tab-separated fields of each line.
    static func fields(_ run: CLI.Run) -> [[String]] {
        run.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func projects_listThenDelete() throws {
        try CLI.withFolder { folder in
            #expect(try Self.ok(["project", "list"], in: folder).stdout.isEmpty)
            _ = try Self.ok(["project", "create", "--name", "Acme", "--id", "acme"], in: folder)
            _ = try Self.ok(["project", "create", "--name", "Empty", "--id", "empty"], in: folder)
            _ = try Self.ok(["page", "create", "--project", "acme", "--name", "Acme Status", "--id", "p1"], in: folder)
            let list = Self.fields(try Self.ok(["project", "list"], in: folder))
            #expect(list.map { Array($0.prefix(3)) } == [["acme", "Acme", "pages=1"], ["empty", "Empty", "pages=0"]])
            #expect(list.allSatisfy { $0.count == 4 && $0[3].hasPrefix("created=") && $0[3].hasSuffix("Z") })
            #expect(try Self.ok(["project", "delete", "empty"], in: folder).lines == ["deleted project empty"])
            #expect(Self.fields(try Self.ok(["project", "list"], in: folder)).map(\.first) == ["acme"])
            try Self.fails(["project", "delete", "empty"], in: folder, with: "no such project: empty")
        }
    }

    @Test func projectDelete_withPages_isRefusedWithoutForce_thenForceTakesEverything() throws {
        try CLI.withFolder { folder in
            _ = try Self.ok(["project", "create", "--name", "Acme", "--id", "acme"], in: folder)
            _ = try Self.ok(["page", "create", "--project", "acme", "--name", "One", "--id", "p1"], in: folder)
            _ = try Self.ok(["page", "create", "--project", "acme", "--name", "Two", "--id", "p2"], in: folder)
            _ = try Self.ok(["component", "create", "--page", "p1", "--name", "API", "--id", "api"], in: folder)
            _ = try Self.ok(["token", "create", "--name", "acme-ci", "--project", "acme"], in: folder)
            try Self.withStore(in: folder) { store in
                _ = try store.createIncident(
                    NewIncident(id: "i1", title: "Down", description: "Looking", status: .investigating,
                                impact: .majorOutage, components: [AffectedComponent(componentId: "api")],
                                createdBy: "test"),
                    statusPageId: "p1")
                _ = try store.createSubscriber(statusPageId: "p1", emailAddress: "ops@acme.example")
                _ = try store.createSubscriber(statusPageId: "p2", emailAddress: "ops@acme.example")
            }
            try Self.fails(["project", "delete", "acme"], in: folder, with: """
                project acme has 2 status pages, so it was not deleted: delete its pages first, or pass \
                --force to delete it with its pages, their components and incidents
                """)
            #expect(try Self.ok(["page", "list"], in: folder).lines.count == 2)
            let forced = try Self.ok(["project", "delete", "acme", "--force"], in: folder)
            #expect(forced.lines == ["deleted project acme with 2 status pages, 1 component, 1 incident, 2 subscribers, 1 credential"])
            #expect(try Self.ok(["project", "list"], in: folder).stdout.isEmpty)
            #expect(try Self.ok(["page", "list"], in: folder).stdout.isEmpty)
            #expect(try Self.ok(["token", "list"], in: folder).stdout.isEmpty)
        }
    }

    @Test func pages_listPerProject_thenDeleteWithTheirComponentsAndIncidents() throws {
        try CLI.withFolder { folder in
            _ = try Self.ok(["project", "create", "--name", "A", "--id", "a"], in: folder)
            _ = try Self.ok(["project", "create", "--name", "B", "--id", "b"], in: folder)
            _ = try Self.ok(["page", "create", "--project", "a", "--name", "A Status", "--id", "pa"], in: folder)
            _ = try Self.ok(["page", "create", "--project", "b", "--name", "B Status", "--id", "pb"], in: folder)
            _ = try Self.ok(["component", "create", "--page", "pa", "--name", "API", "--id", "api"], in: folder)
            try Self.withStore(in: folder) { store in
                _ = try store.createIncident(
                    NewIncident(id: nil, title: "Down", description: "Looking", status: .investigating, impact: nil,
                                components: [], createdBy: "test"),
                    statusPageId: "pa")
                _ = try store.createSubscriber(statusPageId: "pa", emailAddress: "ops@a.example")
            }
            let all = Self.fields(try Self.ok(["page", "list"], in: folder))
            #expect(all.map { Array($0.prefix(4)) }
                == [["pa", "A Status", "project=a", "subdomain=a-status"], ["pb", "B Status", "project=b", "subdomain=b-status"]])
            #expect(all.allSatisfy { $0.count == 5 && $0[4].hasPrefix("created=") })
            #expect(Self.fields(try Self.ok(["page", "list", "--project", "b"], in: folder)).map(\.first) == ["pb"])
            try Self.fails(["page", "list", "--project", "nope"], in: folder, with: "no such project: nope")
            let deleted = try Self.ok(["page", "delete", "pa"], in: folder)
            #expect(deleted.lines == ["deleted status page pa with 1 component, 1 incident, 1 subscriber"])
            #expect(Self.fields(try Self.ok(["page", "list"], in: folder)).map(\.first) == ["pb"])
            try Self.fails(["page", "delete", "pa"], in: folder, with: "no such status page: pa")
            try Self.fails(["component", "delete", "api"], in: folder, with: "no such component: api")
        }
    }

    @Test func components_listInPageOrder_thenDelete_keepingTheirIncidents() throws {
        try CLI.withFolder { folder in
            _ = try Self.ok(["project", "create", "--name", "A", "--id", "a"], in: folder)
            _ = try Self.ok(["page", "create", "--project", "a", "--name", "A Status", "--id", "pa"], in: folder)
            #expect(try Self.ok(["component", "list", "--page", "pa"], in: folder).stdout.isEmpty)
            _ = try Self.ok(["component", "create", "--page", "pa", "--name", "API", "--id", "api"], in: folder)
            _ = try Self.ok(["component", "create", "--page", "pa", "--name", "Web", "--id", "web"], in: folder)
            try Self.withStore(in: folder) { store in
                _ = try store.createIncident(
                    NewIncident(id: "i1", title: "Down", description: "Looking", status: .investigating,
                                impact: .majorOutage, components: [AffectedComponent(componentId: "web")],
                                createdBy: "test"),
                    statusPageId: "pa")
            }
            let list = Self.fields(try Self.ok(["component", "list", "--page", "pa"], in: folder))
            #expect(list.map { Array($0.prefix(4)) }
                == [["api", "API", "status=OPERATIONAL", "position=0"], ["web", "Web", "status=MAJOR_OUTAGE", "position=1"]])
            #expect(list.allSatisfy { $0.count == 5 && $0[4].hasPrefix("created=") })
            try Self.fails(["component", "list", "--page", "nope"], in: folder, with: "no such status page: nope")
            #expect(try Self.ok(["component", "delete", "api"], in: folder).lines == ["deleted component api"])
            #expect(try Self.ok(["component", "delete", "web"], in: folder).lines
                == ["deleted component web and its links to 1 incident (the incidents stay)"])
            #expect(try Self.ok(["component", "list", "--page", "pa"], in: folder).stdout.isEmpty)
            try Self.fails(["component", "delete", "web"], in: folder, with: "no such component: web")
            try Self.withStore(in: folder) { store in
                let incident = try #require(try store.incident("i1", statusPageId: "pa"))
                #expect(incident.components.isEmpty)
            }
        }
    }

    @Test func listAndDelete_takeTheStoreOptions() throws {
        try CLI.withFolder { folder in
            let path = folder.appendingPathComponent("env.db").path
            _ = try CLI.run(["project", "create", "--name", "E", "--id", "e"], in: folder, environment: ["STATUSD_DB": path])
            let viaEnv = try CLI.run(["project", "list"], in: folder, environment: ["STATUSD_DB": path])
            #expect(viaEnv.status == 0 && viaEnv.lines.first?.hasPrefix("e\tE\t") == true)
            let viaOption = try CLI.run(["page", "list", "--db", "env.db"], in: folder)
            #expect(viaOption.status == 0 && viaOption.stdout.isEmpty && viaOption.stderr.isEmpty)
            for command in [["project", "delete"], ["page", "delete"], ["component", "delete"], ["component", "list"]] {
                let help = try CLI.run(command + ["--help"], in: folder)
                #expect(help.status == 0 && help.stdout.contains("--db"))
            }
            let missing = try CLI.run(["project", "delete"], in: folder)
            #expect(missing.status == 64)
        }
    }

    /// The CLI's database, opened in-process, for what the CLI cannot create (incidents) or show.
    static func withStore(in folder: URL, _ body: (Store) throws -> Void) throws {
        try body(try Store(path: folder.appendingPathComponent("test.db").path))
    }
}
