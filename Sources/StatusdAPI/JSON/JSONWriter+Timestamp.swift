import StatusdCore

// Timestamps written into the answer's buffer as they are formatted: a list page writes a hundred,
// and a String each (24 bytes: one allocation and one free apiece) was a visible part of its time.
extension JSONWriter {
    /// `"name": "2021-01-01T00:00:00.000Z"` (the OnlineOrNot shape's format), or null.
    public mutating func field(_ name: String, milliseconds time: Timestamp?) {
        field(name, time, withMilliseconds: true)
    }

    /// `"name": "2024-12-26T11:00:00Z"` (the UptimeIO shape's format), or null.
    public mutating func field(_ name: String, seconds time: Timestamp?) {
        field(name, time, withMilliseconds: false)
    }

    private mutating func field(_ name: String, _ time: Timestamp?, withMilliseconds: Bool) {
        key(name)
        guard let time else { return null() }
        rawValue { bytes in
            bytes.append(UInt8(ascii: "\""))
            time.appendISO8601(to: &bytes, withMilliseconds: withMilliseconds)
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
