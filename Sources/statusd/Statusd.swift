import ArgumentParser
import Foundation
import StatusdCore

/// The `statusd` executable: the operator's interface of the contract (../shared/spec "Operator interface").
@main
struct Statusd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statusd",
        abstract: "A self-hosted status-page backend speaking the OnlineOrNot and UptimeIO incident APIs.",
        version: StatusdVersion.current,
        subcommands: [Serve.self, Migrate.self, ProjectCommand.self, PageCommand.self, ComponentCommand.self,
                      TokenCommand.self, AuditCommand.self, Backup.self, Copy.self]
    )

    /// Errors as one line on stderr and a non-zero exit; help and usage as ArgumentParser prints them.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit { exit(withError: error) }
            let message = message(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data("statusd: error: \(message)\n".utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
