import Glibc
import Synchronization

/// The `Date` field line (RFC 9110 §5.6.7 IMF-fixdate), formatted once per second without Foundation.
final class DateHeaderCache: Sendable {
    private let cache = Mutex<(second: Int, line: [UInt8])>((-1, []))

    /// Appends `Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n`.
    func appendLine(to out: inout [UInt8]) {
        let now = time(nil)
        cache.withLock { cached in
            if cached.second != now {
                cached = (now, Self.format(now))
            }
            out.append(contentsOf: cached.line)
        }
    }

    static func format(_ seconds: Int) -> [UInt8] {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text = "Date: \(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT\r\n"
        return Array(text.utf8)
    }
}
