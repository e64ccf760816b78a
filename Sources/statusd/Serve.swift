import ArgumentParser
import Foundation
import Logging
import StatusdApp
import StatusdStore

/// `statusd serve`: applies migrations, optionally loads the demo fixtures, and serves HTTP or HTTPS.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply migrations and serve both APIs until SIGINT or SIGTERM.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Address to listen on (env STATUSD_HOST; default 127.0.0.1).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on, 0 for any free one (env STATUSD_PORT; default 8080).",
                               valueName: "port"))
    var port: Int?

    @Option(help: ArgumentHelp(
        "Lowest level logged: trace, debug, info, notice, warning, error, critical (env STATUSD_LOG_LEVEL; default info).",
        valueName: "level"))
    var logLevel: String?

    @Option(help: ArgumentHelp("Log line format: text or json (env STATUSD_LOG_FORMAT; default text).",
                               valueName: "format"))
    var logFormat: String?

    @OptionGroup(title: "HTTP limits") var limits: HTTPLimitOptions

    @OptionGroup(title: "HTTPS") var tls: TLSOptions

    @OptionGroup(title: "Webhooks") var webhooks: WebhookOptions

    @OptionGroup(title: "Subscriber e-mail") var mail: MailOptions

    @OptionGroup(title: "Rate limits") var rateLimits: RateLimitFlags

    @Option(help: ArgumentHelp(
        "Memory for rendered GET answers, reused until the data changes; 0 turns the cache off (default 8).",
        valueName: "MiB"))
    var responseCacheMb = 8

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp(
        "Let browser pages from this origin call the API (https://app.example.com, or * for any); repeatable "
            + "(env STATUSD_CORS_ORIGINS, separated by commas or spaces; default none).", valueName: "origin"))
    var corsOrigins: [String] = []

    @Flag(help: "Load the demo fixtures (tokens 123 and YOUR_API_KEY, the seed documents' pages and incidents; env STATUSD_DEMO).")
    var demo = false

    @OptionGroup(title: "For test suites") var testing: TestTargetOptions

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError(
                "--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let logFormat, LogFormat(rawValue: logFormat.lowercased()) == nil {
            throw ValidationError("--log-format must be text or json")
        }
        try testing.validate()
        if let port, !(0...65_535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
        if !corsOrigins.isEmpty {
            do { _ = try CORSPolicy(origins: corsOrigins) } catch { throw ValidationError(error.description) }
        }
        if !(0...4096).contains(responseCacheMb) {
            throw ValidationError("--response-cache-mb must be between 0 and 4096")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let host = self.host ?? environment["STATUSD_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let port: Int
        if let given = self.port {
            port = given
        } else if let text = environment["STATUSD_PORT"], !text.isEmpty {
            guard let value = Int(text), (0...65_535).contains(value) else {
                throw CLIFailure("STATUSD_PORT must be a port number between 0 and 65535, got '\(text)'")
            }
            port = value
        } else {
            port = 8080
        }
        let levelText = logLevel ?? environment["STATUSD_LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw CLIFailure("log level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(levelText)'")
        }
        let formatText = logFormat ?? environment["STATUSD_LOG_FORMAT"].flatMap { $0.isEmpty ? nil : $0 } ?? "text"
        guard let format = LogFormat(rawValue: formatText.lowercased()) else {
            throw CLIFailure("log format must be text or json, got '\(formatText)'")
        }
        var http = limits.configuration
        http.tls = try tls.files(environment: environment)
        bootstrapLogging(format: format, level: level)
        let target = try testing.resolved(environment: environment)
        let demo = try self.demo || TestTargetOptions.flag("STATUSD_DEMO", environment) == true
        var fixtures = demo ? [try storeCall { try Fixtures.demo() }] : []
        for path in target.fixturePaths { fixtures.append(try storeCall { try Fixtures.read(path: path) }) }

        if target.ephemeral, let given = self.store.db, given != ":memory:" {
            throw CLIFailure("--ephemeral makes its own database: leave out --db \(given)")
        }
        let ephemeral = target.ephemeral || self.store.path == ":memory:" ? try EphemeralDatabase.create() : nil
        defer { ephemeral?.remove() }
        let clock = target.clockStart.map { StoreClock.manual(at: $0) } ?? .wall()
        let ids: IdSource = target.deterministicIds ? .deterministic() : .random()
        let store = try self.store.openStore(path: ephemeral?.path, clock: clock, ids: ids, server: true)
        for file in fixtures { try storeCall { try store.load(file) } }
        var options = ServeOptions(host: host, port: port, http: http, responseCacheBytes: responseCacheMb << 20)
        options.cors = try corsPolicy(environment: environment)
        options.webhooks = webhooks.senderOptions
        let (smtp, from, publicURL) = try mail.resolved(environment: environment)
        options.smtp = smtp
        if let from { options.smtpFrom = from }
        options.publicURL = publicURL
        options.rateLimit = try rateLimits.resolved(
            testing: demo || target.ephemeral || target.testControl, environment: environment)
        if target.testControl {
            options.testControl = TestControlOptions(fixtures: fixtures, allowRemote: target.allowRemoteTestControl)
        }
        try storeCall { try StatusdApp.serve(store: store, options: options) }
    }
}

extension Serve {
    /// `--cors-origin`, else STATUSD_CORS_ORIGINS; nil when neither names an origin.
    func corsPolicy(environment: [String: String]) throws -> CORSPolicy? {
        let values = corsOrigins.isEmpty
            ? (environment["STATUSD_CORS_ORIGINS"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            : corsOrigins
        guard !values.isEmpty else { return nil }
        do {
            return try CORSPolicy(origins: values)
        } catch {
            throw CLIFailure(corsOrigins.isEmpty ? "STATUSD_CORS_ORIGINS: \(error.reason) (got '\(error.value)')" : error.description)
        }
    }
}

/// `statusd migrate`: brings the database schema up to date and says what it applied.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations and exit.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try self.store.openStore()
        if store.migrationsApplied.isEmpty {
            print("database \(store.path) is up to date")
        } else {
            for name in store.migrationsApplied { print("applied \(name)") }
        }
    }
}
