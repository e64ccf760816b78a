import Glibc
import StatusdCore

/// The ways the page and feeds write a moment, all in UTC.
enum TimeText {
    /// `2026-12-07 07:00 UTC+00:00`: what a person reads, with the offset shown.
    static func display(_ time: Timestamp) -> String {
        let parts = utc(time)
        return "\(parts.year)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC+00:00"
    }

    /// `2026-12-07`: a day, for the history's period.
    static func day(_ time: Timestamp) -> String {
        let parts = utc(time)
        return "\(parts.year)-\(two(parts.month))-\(two(parts.day))"
    }

    /// `Mon, 07 Dec 2026 07:00:00 GMT`: RFC 9110 §5.6.7 IMF-fixdate (HTTP dates), also a valid
    /// RFC 822 date for RSS 2.0.
    static func httpDate(_ time: Timestamp) -> String {
        let parts = utc(time)
        return "\(weekdays[parts.weekday]), \(two(parts.day)) \(months[parts.month - 1]) \(parts.year) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    /// An IMF-fixdate back to a time (whole seconds); nil for anything else (then a conditional
    /// request is answered in full, as RFC 9110 §13.1.3 allows for a date it cannot read).
    static func parseHTTPDate(_ text: String) -> Timestamp? {
        // `Sun, 06 Nov 1994 08:49:37 GMT`
        let fields = text.split(separator: " ")
        guard fields.count == 6, fields[5] == "GMT", fields[1].count == 2, fields[3].count == 4, fields[4].count == 8,
              let month = months.firstIndex(of: String(fields[2]))
        else { return nil }
        return Timestamp(iso8601: "\(fields[3])-\(two(month + 1))-\(fields[1])T\(fields[4])Z")
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private struct Parts {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int
    }

    private static func utc(_ time: Timestamp) -> Parts {
        let millis = time.millisecondsSince1970
        var seconds = time_t(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
        var broken = tm()
        gmtime_r(&seconds, &broken)
        return Parts(
            year: Int(broken.tm_year) + 1900, month: Int(broken.tm_mon) + 1, day: Int(broken.tm_mday),
            hour: Int(broken.tm_hour), minute: Int(broken.tm_min), second: Int(broken.tm_sec), weekday: Int(broken.tm_wday))
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
