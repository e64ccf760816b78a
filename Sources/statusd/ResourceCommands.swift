import ArgumentParser
import Foundation
import StatusdStore

/// `statusd project create|list|delete` (list and delete: ResourceCommands+ListDelete.swift).
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Manage projects.", subcommands: [Create.self, List.self, Delete.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a project and print its id.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Project name.") var name: String
        @Option(help: "Id to use instead of a new UUID.") var id: String?

        func validate() throws { try requireNonEmpty(name: name, id: id) }

        func run() throws {
            let store = try self.store.openStore()
            print(try storeCall { try store.createProject(id: id, name: name) }.id)
        }
    }
}

/// `statusd page create|list|delete`.
struct PageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Manage status pages.", subcommands: [Create.self, List.self, Delete.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a status page and print its id.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Id of the project the page belongs to.") var project: String
        @Option(help: "Page name (its subdomain is derived from it).") var name: String
        @Option(help: "Id to use instead of a new UUID.") var id: String?

        func validate() throws { try requireNonEmpty(name: name, id: id) }

        func run() throws {
            let store = try self.store.openStore()
            let page = try storeCall {
                do {
                    return try store.createStatusPage(
                        id: id, projectId: project, name: name, subdomain: nil, description: nil)
                } catch StoreError.missingParent {
                    throw CLIFailure("no such project: \(project)")
                }
            }
            print(page.id)
        }
    }
}

/// `statusd component create|list|delete`.
struct ComponentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "component", abstract: "Manage components (UptimeIO monitors).",
        subcommands: [Create.self, List.self, Delete.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a component and print its id.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Id of the status page the component belongs to.") var page: String
        @Option(help: "Component name.") var name: String
        @Option(help: "Id to use instead of a new UUID.") var id: String?

        func validate() throws { try requireNonEmpty(name: name, id: id) }

        func run() throws {
            let store = try self.store.openStore()
            let component = try storeCall {
                do {
                    return try store.createComponent(
                        id: id, statusPageId: page, name: name, description: nil, statusOverride: nil)
                } catch StoreError.missingParent {
                    throw CLIFailure("no such status page: \(page)")
                }
            }
            print(component.id)
        }
    }
}

func requireNonEmpty(name: String, id: String?) throws {
    if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
    if let id, id.isEmpty { throw ValidationError("--id must not be empty") }
}
