import ArgumentParser
import StatusdApp
import StatusdCore

/// The `serve` options for running statusd as a stand-in in another project's test suite. Each has
/// an environment variable too, for CI services that cannot pass arguments (GitHub Actions
/// `services:` containers).
struct TestTargetOptions: ParsableArguments {
    @Flag(help: "A private database that vanishes with the process (same as --db :memory:; env STATUSD_EPHEMERAL).")
    var ephemeral = false

    @Option(name: .customLong("fixtures"), help: ArgumentHelp(
        "Load projects, credentials, pages, components and incidents from a JSON file; repeatable "
            + "(env STATUSD_FIXTURES, paths separated by ':').", valueName: "file"))
    var fixtures: [String] = []

    @Option(help: ArgumentHelp(
        "Start the store's clock at this UTC time and keep it still until /_statusd/clock moves it (env STATUSD_CLOCK).",
        valueName: "time"))
    var clock: String?

    @Flag(help: "Ids 00000000-0000-8000-8000-000000000001, ...0002, ... in creation order (env STATUSD_DETERMINISTIC_IDS).")
    var deterministicIds = false

    @Flag(help: "Serve the /_statusd/ control API: reset, request journal, faults, clock (env STATUSD_TEST_CONTROL).")
    var testControl = false

    @Flag(help: ArgumentHelp(
        "Allow --test-control on a non-loopback address without TLS (env STATUSD_TEST_CONTROL_ALLOW_REMOTE).",
        discussion: "Anyone who reaches the port can then wipe the database: for containers and private CI networks only."))
    var testControlAllowRemote = false

    /// The options with their environment fallbacks applied.
    struct Resolved {
        var ephemeral: Bool
        var fixturePaths: [String]
        var clockStart: Timestamp?
        var deterministicIds: Bool
        var testControl: Bool
        var allowRemoteTestControl: Bool
    }

    func validate() throws {
        if let clock, Timestamp(iso8601: clock) == nil {
            throw ValidationError("--clock must be a UTC time like 2021-01-01T00:00:00Z")
        }
    }

    func resolved(environment: [String: String]) throws -> Resolved {
        let clockText = clock ?? environment["STATUSD_CLOCK"].flatMap { $0.isEmpty ? nil : $0 }
        var clockStart: Timestamp?
        if let clockText {
            guard let time = Timestamp(iso8601: clockText) else {
                throw CLIFailure("STATUSD_CLOCK must be a UTC time like 2021-01-01T00:00:00Z, got '\(clockText)'")
            }
            clockStart = time
        }
        let paths = fixtures.isEmpty
            ? (environment["STATUSD_FIXTURES"] ?? "").split(separator: ":").map(String.init) : fixtures
        return Resolved(
            ephemeral: try ephemeral || Self.flag("STATUSD_EPHEMERAL", environment) == true,
            fixturePaths: paths, clockStart: clockStart,
            deterministicIds: try deterministicIds || Self.flag("STATUSD_DETERMINISTIC_IDS", environment) == true,
            testControl: try testControl || Self.flag("STATUSD_TEST_CONTROL", environment) == true,
            allowRemoteTestControl: try testControlAllowRemote
                || Self.flag("STATUSD_TEST_CONTROL_ALLOW_REMOTE", environment) == true)
    }

    /// A boolean environment variable: 1/true/yes or 0/false/no (any case); unset or empty is nil.
    static func flag(_ name: String, _ environment: [String: String]) throws -> Bool? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw CLIFailure("\(name) must be 1/true/yes or 0/false/no, got '\(text)'")
        }
    }
}
