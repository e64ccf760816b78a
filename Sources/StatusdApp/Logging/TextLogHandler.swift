import Foundation
import Logging
import StatusdSync
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text log line (`--log-format text`, the default), in swift-log's `StreamLogHandler` layout
/// (`<time> <level> <label>: <key=value ...> [<source>] <message>`), but with the time in UTC and
/// through `LogOutput`'s buffer: the stream handler formats the local time with `localtime` and
/// writes each line itself, which cost half of a cached GET's throughput at the default level.
public struct TextLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let output: LogOutput

    public init(label: String, output: LogOutput = .standardError) {
        self.label = label
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = LogClock.utcSecond()
        line += " \(event.level) \(label):"
        let merged = metadata.isEmpty ? (event.metadata ?? [:]) : metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() { line += " \(key)=\(merged[key]!)" }
        line += " [\(event.source)] \(event.message)\n"
        output.append(Array(line.utf8), urgent: event.level >= .error)
    }
}

/// `2026-12-07T03:37:21+0000` for the current second, formatted once per second.
enum LogClock {
    private static let cache = Locked<(second: time_t, text: String)>((-1, ""))

    static func utcSecond() -> String {
        let now = time(nil)
        return cache.withLock { cached in
            if cached.second != now {
                var parts = tm()
                var copy = now
                gmtime_r(&copy, &parts)
                var buffer = [Int8](repeating: 0, count: 32)
                strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S+0000", &parts)
                cached = (now, buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
            }
            return cached.text
        }
    }
}
