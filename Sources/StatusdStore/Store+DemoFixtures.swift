import Foundation
import GRDB
import StatusdCore

// The `serve --demo` fixtures: what makes every curl example of the two seed documents work as
// written (../shared/spec). Loading twice changes nothing.
extension Store {
    /// Idempotently loads the `--demo` fixtures the contract lists: rows whose id already exists
    /// (even if an operator changed them since) are left alone.
    public func loadDemoFixtures() throws {
        try write { db in
            for token in DemoFixtures.tokens {
                try Self.insertDemoCredential(id: token.id, secret: token.secret, db)
            }
            for project in DemoFixtures.projects where try !Self.exists("projects", id: project.id, db) {
                try db.execute(
                    sql: "INSERT INTO projects(id, name, created_at) VALUES (?, ?, ?)",
                    arguments: [project.id, project.name, project.createdAt.millisecondsSince1970])
            }
            for page in DemoFixtures.pages where try !Self.exists("status_pages", id: page.id, db) {
                let subdomain = try Self.subdomainTaken(page.subdomain, db)
                    ? Self.uniqueSubdomain(derivedFrom: page.subdomain, db) : page.subdomain
                try db.execute(
                    sql: """
                        INSERT INTO status_pages(id, project_id, name, subdomain, description, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [page.id, page.projectId, page.name, subdomain, page.description,
                                page.createdAt.millisecondsSince1970, page.updatedAt.millisecondsSince1970])
            }
            for component in DemoFixtures.components where try !Self.exists("components", id: component.id, db) {
                try db.execute(
                    sql: """
                        INSERT INTO components(id, status_page_id, name, description, position, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [component.id, component.statusPageId, component.name, component.description,
                                component.position, component.createdAt.millisecondsSince1970,
                                component.updatedAt.millisecondsSince1970])
            }
            for demo in DemoFixtures.incidents where try !Self.exists("incidents", id: demo.record.id, db) {
                try Self.insert(demo.record, db)
                for entry in demo.timeline {
                    try Self.insertUpdate(
                        id: nil, incidentId: demo.record.id, message: entry.message, status: entry.status,
                        keptStatus: false, createdBy: DemoFixtures.author, at: entry.at, db)
                }
            }
        }
    }

    private static func insertDemoCredential(id: String, secret: String, _ db: Database) throws {
        let digest = try Secrets.sha256(secret)
        let present = try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM credentials WHERE id = ? OR secret_sha256 = ?)",
            arguments: [id, Data(digest)]) == true
        if !present {
            _ = try insertCredential(id: id, name: id, projectId: nil, readOnly: false, digest: digest, db)
        }
    }
}
