import Foundation
import StatusdCore
#if canImport(Glibc)
import Glibc
#endif

extension AuditActor {
    /// Someone at the CLI: the system user running it and the subcommand (`statusd token create`),
    /// never its options or arguments, which may hold a secret (`--secret`).
    static var cli: AuditActor {
        AuditActor(kind: .cli, name: systemUser, request: (["statusd"] + subcommand).joined(separator: " "))
    }

    /// The leading words of the command line, before the first option: at most two (`token create`).
    private static var subcommand: [String] {
        Array(CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(2))
    }

    private static var systemUser: String? {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"]
    }
}
