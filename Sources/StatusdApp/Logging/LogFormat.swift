import Logging

/// How log lines look: human-readable text, or one JSON object per line.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Installs the process-wide swift-log backend once, at start-up, writing to standard error (standard
/// output carries only the `statusd listening on ...` line), through `LogOutput`'s buffer.
public func bootstrapLogging(format: LogFormat, level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler: any LogHandler
        switch format {
        case .text: handler = TextLogHandler(label: label)
        case .json: handler = JSONLogHandler(label: label)
        }
        handler.logLevel = level
        return handler
    }
}
