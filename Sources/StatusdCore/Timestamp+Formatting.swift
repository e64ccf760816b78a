#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Timestamp {
    /// The current wall-clock time.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSince1970: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    /// `2021-01-01T00:00:00.000Z`: the OnlineOrNot shape's format.
    public var iso8601Milliseconds: String { format(withMilliseconds: true) }

    /// `2024-12-26T11:00:00Z`: the UptimeIO shape's format.
    public var iso8601Seconds: String { format(withMilliseconds: false) }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` (UTC only); nil for anything else.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        // 2021-02-30 is no day: refused rather than read as 2021-03-02.
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= monthDays[month - 1] else { return nil }
        var millis = 0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count >= 22 else { return nil }
            // Any number of digits, but only the first three count: accumulating them all would
            // overflow on a long fraction (found by fuzzing `date_happened`).
            let fraction = 20..<(bytes.count - 1)
            guard fraction.allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
            for position in 0..<3 {
                millis = millis * 10 + (position < fraction.count ? Int(bytes[fraction.lowerBound + position]) - 48 : 0)
            }
        } else if bytes.count != 20 {
            return nil
        }
        let days = Int64(Self.daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(millisecondsSince1970: seconds * 1000 + Int64(millis))
    }

    /// Like `init(iso8601:)`, but the time may also end in a UTC offset (`+02:00`, `-0530`) instead of
    /// `Z`, and `T` and `Z` may be lowercase (RFC 3339 §5.6): date-times as clients write them (a
    /// scheduled maintenance's `start_date`).
    public init?(iso8601WithOffset original: String) {
        let text = String(decoding: original.utf8.map { $0 == UInt8(ascii: "t") || $0 == UInt8(ascii: "z") ? $0 - 32 : $0 },
                          as: UTF8.self)
        if text.utf8.last == UInt8(ascii: "Z") {
            self.init(iso8601: text)
            return
        }
        let bytes = Array(text.utf8)
        let colon = bytes.count >= 6 && bytes[bytes.count - 3] == UInt8(ascii: ":")
        let offsetLength = colon ? 6 : 5
        guard bytes.count > offsetLength else { return nil }
        let offset = bytes[(bytes.count - offsetLength)...]
        let sign = offset.first
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = offset.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 4, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        let values = digits.map { Int($0) - 48 }
        let hours = values[0] * 10 + values[1], minutes = values[2] * 10 + values[3]
        guard hours < 24, minutes < 60,
              let local = Timestamp(iso8601: String(decoding: bytes[..<(bytes.count - offsetLength)], as: UTF8.self) + "Z")
        else { return nil }
        let shift = Int64(hours * 60 + minutes) * 60_000
        self.init(millisecondsSince1970: local.millisecondsSince1970 + (sign == UInt8(ascii: "+") ? -shift : shift))
    }

    /// The same text appended to `bytes` (a JSON answer's buffer): no String made, none freed.
    public func appendISO8601(to bytes: inout [UInt8], withMilliseconds: Bool) {
        let count = withMilliseconds ? 24 : 20
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBufferPointer { buffer in
            _ = write(into: UnsafeMutableBufferPointer(rebasing: buffer[start...]), withMilliseconds: withMilliseconds)
        }
    }

    /// Written in place into the string's own storage: every JSON answer formats several of these,
    /// and building each from arrays of digits was a tenth of a list page's time.
    private func format(withMilliseconds: Bool) -> String {
        String(unsafeUninitializedCapacity: withMilliseconds ? 24 : 20) { out in
            write(into: out, withMilliseconds: withMilliseconds)
        }
    }

    /// Writes the 24 (20 without milliseconds) bytes at the start of `out`; returns how many.
    private func write(into out: UnsafeMutableBufferPointer<UInt8>, withMilliseconds: Bool) -> Int {
        let millis = millisecondsSince1970
        let totalSeconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let milliPart = Int(millis - totalSeconds * 1000)
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let secondOfDay = Int(totalSeconds - days * 86_400)
        let (year, month, day) = Self.civilFromDays(Int(days))
        do {
            var at = 0
            func put(_ value: Int, width: Int) {
                var rest = value
                for index in stride(from: at + width - 1, through: at, by: -1) {
                    out[index] = UInt8(48 + rest % 10)
                    rest /= 10
                }
                at += width
            }
            func put(_ letter: Unicode.Scalar) {
                out[at] = UInt8(ascii: letter)
                at += 1
            }
            put(year, width: 4); put("-"); put(month, width: 2); put("-"); put(day, width: 2); put("T")
            put(secondOfDay / 3600, width: 2); put(":"); put(secondOfDay / 60 % 60, width: 2); put(":")
            put(secondOfDay % 60, width: 2)
            if withMilliseconds { put("."); put(milliPart, width: 3) }
            put("Z")
            return at
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
