import Foundation
@testable import StatusdStore
import StatusdCore
import StatusdTesting

/// Runs `body` on each backend (`onEachBackend`), each on a store of its own: a fresh temporary
/// SQLite file, then a fresh PostgreSQL database when a test server is given. Returns the SQLite
/// run's result.
@discardableResult
func withTestStore<T>(_ body: (Store) throws -> T) throws -> T {
    try onEachBackend(sqlite: { try withSQLiteTestStore(body) }, postgres: { url in _ = try body(try Store(postgres: url)) })
}

/// A store on a fresh temporary SQLite file, removed (with its -wal and -shm) when the test ends:
/// for what only SQLite has (its file, pragmas, WAL, query plans).
@discardableResult
func withSQLiteTestStore<T>(_ body: (Store) throws -> T) throws -> T {
    try withTemporaryFolder { folder in
        let store = try Store(path: folder.appendingPathComponent("test.db").path)
        return try body(store)
    }
}

/// Two stores on one fresh database: the server's, and another process's (the CLI's, or a second
/// instance on PostgreSQL), for tests of what one sees of the other's writes. On each backend.
@discardableResult
func withServerAndCLIStores<T>(_ body: (_ server: Store, _ cli: Store) throws -> T) throws -> T {
    try onEachBackend(
        sqlite: {
            try withTemporaryFolder { folder in
                let path = folder.appendingPathComponent("test.db").path
                return try body(try Store(path: path), try Store(path: path))
            }
        },
        postgres: { url in _ = try body(try Store(postgres: url), try Store(postgres: url)) })
}

/// A store on `path` with the migrations before `migration` only (`"0018"`): the file as an older
/// statusd left it, for tests of an upgrade.
func storeShortOf(_ migration: String, path: String) throws -> Store {
    let before = try Migrator.bundled().migrations.filter { $0.name < migration }
    return try Store(path: path, migrator: Migrator(migrations: before))
}

/// A temporary folder for tests that open the file themselves.
@discardableResult
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("statusd-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A project, a page and `componentCount` components named `<page>-c0`, `<page>-c1`, ...
struct PageFixture {
    var page: StatusPage
    var components: [Component]

    static func make(in store: Store, pageId: String = "page", componentCount: Int = 2) throws -> PageFixture {
        if try store.project("proj") == nil { _ = try store.createProject(id: "proj", name: "Project") }
        let page = try store.createStatusPage(
            id: pageId, projectId: "proj", name: "Page \(pageId)", subdomain: nil, description: nil)
        let components = try (0..<componentCount).map { index in
            try store.createComponent(
                id: "\(pageId)-c\(index)", statusPageId: page.id, name: "C\(index)", description: nil,
                statusOverride: nil)
        }
        return PageFixture(page: page, components: components)
    }

    /// The same rows written with 0001's columns only, as an earlier release's store would, for
    /// migration tests (today's store reads columns an older schema lacks).
    static func makeAsFirstRelease(in store: Store, pageId: String = "page", componentCount: Int = 2) throws {
        try store.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO projects(id, name, created_at) VALUES ('proj', 'Project', 1)")
            try db.execute(
                sql: """
                    INSERT INTO status_pages(id, project_id, name, subdomain, created_at, updated_at)
                    VALUES (?, 'proj', ?, ?, 1, 1)
                    """, arguments: [pageId, "Page \(pageId)", "page-\(pageId)"])
            for index in 0..<componentCount {
                try db.execute(
                    sql: """
                        INSERT INTO components(id, status_page_id, name, position, created_at, updated_at)
                        VALUES (?, ?, ?, ?, 1, 1)
                        """, arguments: ["\(pageId)-c\(index)", pageId, "C\(index)", index])
            }
        }
    }
}

extension NewIncident {
    static func make(
        id: String? = nil, title: String = "Outage", description: String = "Looking into it",
        status: IncidentStatus = .investigating, impact: Impact? = .majorOutage,
        components: [AffectedComponent] = [], createdBy: String = "tester"
    ) -> NewIncident {
        NewIncident(
            id: id, title: title, description: description, status: status, impact: impact,
            components: components, createdBy: createdBy)
    }
}
