import ArgumentParser
import StatusdCore
import StatusdStore

// `list` and `delete` of projects, pages and components: lines tab-separated as `token list`'s
// (id, name, then key=value fields); a missing id is one line on stderr and exit status 1.

extension ProjectCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List projects, one per line: id, name, status pages, created.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try self.store.openStore()
            let (projects, pages) = try storeCall { (try store.projects(), try store.statusPageCounts()) }
            for project in projects {
                print([project.id, project.name, "pages=\(pages[project.id] ?? 0)",
                       "created=\(project.createdAt.iso8601Seconds)"].joined(separator: "\t"))
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a project; one with status pages only with --force.",
            discussion: """
                Credentials scoped to the project are deleted with it. With --force, so are its status \
                pages with their components and incidents.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The project's id (see `statusd project list`).") var id: String
        @Flag(help: "Also delete the project's status pages, with their components and incidents.") var force = false

        func run() throws {
            let store = try self.store.openStore()
            switch try storeCall({ try store.deleteProject(id, force: force) }) {
            case .notFound:
                throw CLIFailure("no such project: \(id)")
            case .refused(let pages):
                throw CLIFailure("""
                    project \(id) has \(counted(pages, "status page")), so it was not deleted: delete its \
                    pages first, or pass --force to delete it with its pages, their components and incidents
                    """)
            case .deleted(let cascaded):
                print(deletedLine("project \(id)", [
                    (cascaded.statusPages, "status page"), (cascaded.components, "component"),
                    (cascaded.incidents, "incident"), (cascaded.maintenanceWindows, "maintenance window"),
                    (cascaded.subscribers, "subscriber"), (cascaded.credentials, "credential"),
                ]))
            }
        }
    }
}

extension PageCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List status pages, one per line: id, name, project, subdomain, created.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only the pages of this project.") var project: String?

        func run() throws {
            let store = try self.store.openStore()
            let pages = try storeCall {
                if let project, try store.project(project) == nil { throw CLIFailure("no such project: \(project)") }
                return try store.statusPages(projectId: project)
            }
            for page in pages {
                print([page.id, page.name, "project=\(page.projectId)", "subdomain=\(page.subdomain)",
                       "created=\(page.createdAt.iso8601Seconds)"].joined(separator: "\t"))
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a status page with its components, incidents, maintenance windows and subscribers.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The page's id (see `statusd page list`).") var id: String

        func run() throws {
            let store = try self.store.openStore()
            guard let cascaded = try storeCall({ try store.deleteStatusPageCounting(id) }) else {
                throw CLIFailure("no such status page: \(id)")
            }
            print(deletedLine("status page \(id)", [
                (cascaded.components, "component"), (cascaded.incidents, "incident"),
                (cascaded.maintenanceWindows, "maintenance window"), (cascaded.subscribers, "subscriber"),
            ]))
        }
    }
}

extension ComponentCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a status page's components in page order, one per line: id, name, status, position, created.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Id of the status page.") var page: String

        func run() throws {
            let store = try self.store.openStore()
            let components = try storeCall {
                guard try store.statusPage(page) != nil else { throw CLIFailure("no such status page: \(page)") }
                return try store.components(statusPageId: page)
            }
            for component in components {
                print([component.id, component.name, "status=\(component.status.rawValue)",
                       "position=\(component.position)", "created=\(component.createdAt.iso8601Seconds)"]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a component; incidents that named it stay on the page without it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The component's id (see `statusd component list`).") var id: String

        func run() throws {
            let store = try self.store.openStore()
            guard let cascaded = try storeCall({ try store.deleteComponent(id) }) else {
                throw CLIFailure("no such component: \(id)")
            }
            let line = "deleted component \(id)"
            print(cascaded.incidentLinks == 0
                ? line : "\(line) and its links to \(counted(cascaded.incidentLinks, "incident")) (the incidents stay)")
        }
    }
}

/// `1 component`, `2 components`.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// `deleted project p1 with 2 status pages, 1 component` (counts of 0 left out).
func deletedLine(_ what: String, _ cascaded: [(Int, String)]) -> String {
    let parts = cascaded.filter { $0.0 > 0 }.map { counted($0.0, $0.1) }
    return parts.isEmpty ? "deleted \(what)" : "deleted \(what) with \(parts.joined(separator: ", "))"
}
