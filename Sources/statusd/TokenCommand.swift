import ArgumentParser
import StatusdCore
import StatusdStore

/// `statusd token create|list|revoke`: API credentials. Secrets are printed once and stored hashed.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API credentials.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a credential and print its secret (shown only this once).")
        @OptionGroup var store: StoreOptions
        @Option(help: "A name for the credential (recorded as the author of its writes).") var name: String
        @Option(help: "Restrict the credential to this project (default: every project).") var project: String?
        @Flag(help: "Allow reads only.") var readOnly = false
        @Option(help: "Use this secret instead of a random one (test fixtures).") var secret: String?
        @Option(help: ArgumentHelp(
            "Refuse the credential from this long after now on: a positive whole number with d, h, m or s (90d, 12h).",
            valueName: "duration")) var expiresIn: ExpiresIn?
        @Option(name: .customLong("grant"), help: ArgumentHelp(
            "Grant SCOPE:PERMISSION (repeatable), e.g. INCIDENTS:EDIT; default: every scope (READ with --read-only).",
            valueName: "grant")) var grants: [String] = []

        func validate() throws {
            try requireNonEmpty(name: name, id: nil)
            if let secret, secret.isEmpty { throw ValidationError("--secret must not be empty") }
            _ = try parsedGrants()
        }

        /// nil without `--grant`; a clear error naming the scopes and permissions for a bad one.
        func parsedGrants() throws -> CredentialGrants? {
            guard !grants.isEmpty else { return nil }
            if readOnly { throw ValidationError("--read-only and --grant do not go together: grant READ instead") }
            return CredentialGrants(try grants.map { text in
                guard let grant = Grant(spelled: text, separator: ":") else {
                    let scopes = GrantScope.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ValidationError("--grant \(text): expected SCOPE:READ or SCOPE:EDIT with SCOPE one of \(scopes)")
                }
                return grant
            })
        }

        func run() throws {
            let store = try self.store.openStore()
            let created = try storeCall {
                do {
                    let expiresAt = expiresIn.map {
                        Timestamp(millisecondsSince1970: store.clock.now().millisecondsSince1970 + $0.milliseconds)
                    }
                    return try store.createCredential(
                        name: name, projectId: project, readOnly: readOnly, secret: secret,
                        grants: try parsedGrants(), expiresAt: expiresAt)
                } catch StoreError.missingParent {
                    throw CLIFailure("no such project: \(project ?? "")")
                } catch StoreError.duplicate(field: "secret", _) {
                    throw CLIFailure("another credential already uses this secret")
                }
            }
            print(created.secret)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List credentials, one per line: id, name, project, access, created, last used, state.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try self.store.openStore()
            for credential in try storeCall({ try store.credentials() }) {
                print(Self.line(credential))
            }
        }

        /// Tab-separated; never the secret (the store does not have it).
        static func line(_ credential: Credential) -> String {
            [
                credential.id,
                credential.name,
                "project=\(credential.projectId ?? "*")",
                credential.readOnly ? "read-only" : "read-write",
                "grants=\(credential.grants.stored)",
                "expires=\(credential.expiresAt?.iso8601Seconds ?? "never")",
                "created=\(credential.createdAt.iso8601Seconds)",
                "last-used=\(credential.lastUsedAt?.iso8601Seconds ?? "never")",
                credential.revokedAt.map { "revoked=\($0.iso8601Seconds)" } ?? "active",
            ].joined(separator: "\t")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a credential; it stops working on the very next request.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The credential's id (see `statusd token list`).") var id: String

        func run() throws {
            let store = try self.store.openStore()
            guard try storeCall({ try store.revokeCredential(id) }) else {
                throw CLIFailure("no such credential: \(id)")
            }
            print("revoked \(id)")
        }
    }
}
