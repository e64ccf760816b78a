import Foundation

/// The built `statusd` executable, for tests that run it as an operator would: `STATUSD_BINARY`,
/// or the one SwiftPM builds beside the test bundle.
public func statusdBinary() throws -> URL {
    if let given = ProcessInfo.processInfo.environment["STATUSD_BINARY"] { return URL(fileURLWithPath: given) }
    let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        .compactMap { $0?.deletingLastPathComponent() }
        .flatMap { [$0, $0.deletingLastPathComponent(), $0.deletingLastPathComponent().deletingLastPathComponent()] }
        .map { $0.appendingPathComponent("statusd") }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw StatusdBinaryNotFound(candidates: candidates.map(\.path))
    }
    return found
}

public struct StatusdBinaryNotFound: Error, CustomStringConvertible {
    public var candidates: [String]
    public var description: String { "no statusd binary in \(candidates)" }
}

/// Runs the built `statusd` to its end, in `folder` when given (so `./statusd.db` lands there),
/// with this process's environment but `STATUSD_DB`, plus `environment`.
public func runStatusd(
    _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
    var env = ProcessInfo.processInfo.environment
    env["STATUSD_DB"] = nil
    env.merge(environment) { $1 }
    return try runProcess(try statusdBinary(), arguments, environment: env, currentDirectory: folder)
}
