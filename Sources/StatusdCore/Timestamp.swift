/// A point in time as whole milliseconds since the Unix epoch, UTC.
///
/// Stored as an integer in SQLite; each API shape formats it (OnlineOrNot with milliseconds,
/// UptimeIO with seconds).
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }
}
