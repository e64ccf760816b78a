import Logging
import StatusdAPI
import StatusdCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One JSON object per line on standard error (through `LogOutput`), for log shippers (`--log-format json`).
///
/// Fields: `time` (UTC, milliseconds), `level`, `label`, `message`, then the metadata, flattened.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var json = JSONWriter(capacity: 256)
        json.beginObject()
        json.field("time", Timestamp.now().iso8601Milliseconds)
        json.field("level", event.level.rawValue)
        json.field("label", label)
        json.field("message", event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            json.key(key)
            Self.append(merged[key]!, to: &json)
        }
        json.endObject()
        var line = json.bytes
        line.append(0x0A)
        LogOutput.standardError.append(line, urgent: event.level >= .error)
    }

    private static func append(_ value: Logger.Metadata.Value, to json: inout JSONWriter) {
        switch value {
        case .string(let string): json.value(string)
        case .stringConvertible(let convertible): json.value(convertible.description)
        case .array(let values):
            json.beginArray()
            for element in values { append(element, to: &json) }
            json.endArray()
        case .dictionary(let dictionary):
            json.beginObject()
            for key in dictionary.keys.sorted() {
                json.key(key)
                append(dictionary[key]!, to: &json)
            }
            json.endObject()
        }
    }
}
