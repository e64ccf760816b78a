import StatusdCore
import Testing

@Suite struct TimestampTests {
    @Test func formats_bothShapes() {
        let time = Timestamp(millisecondsSince1970: 1_735_210_800_123)
        #expect(time.iso8601Milliseconds == "2024-12-26T11:00:00.123Z")
        #expect(time.iso8601Seconds == "2024-12-26T11:00:00Z")
        #expect(Timestamp(millisecondsSince1970: 0).iso8601Milliseconds == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(millisecondsSince1970: -1).iso8601Milliseconds == "1969-12-31T23:59:59.999Z")
    }

    @Test func parses_withAndWithoutFraction() {
        #expect(Timestamp(iso8601: "2021-01-01T00:00:00.000Z")?.millisecondsSince1970 == 1_609_459_200_000)
        #expect(Timestamp(iso8601: "2024-12-26T11:00:00Z")?.millisecondsSince1970 == 1_735_210_800_000)
        #expect(Timestamp(iso8601: "2024-02-29T23:59:59.5Z")?.iso8601Milliseconds == "2024-02-29T23:59:59.500Z")
        #expect(Timestamp(iso8601: "2024-12-26T11:00:00.123456Z")?.iso8601Milliseconds == "2024-12-26T11:00:00.123Z")
    }

    @Test(arguments: ["", "2024-12-26", "2024-12-26T11:00:00", "2024-12-26T11:00:00+01:00", "2024-13-01T00:00:00Z",
                      "2024-12-26T24:00:00Z", "2024-12-26T11:00:00.Z", "2024-12-26 11:00:00Z", "abcd-ef-ghTij:kl:mnZ"])
    func rejects_malformed(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func roundTrips() {
        for millis: Int64 in [0, 1, 999, 951_782_400_000, 4_102_444_800_000, 1_609_459_200_001] {
            let time = Timestamp(millisecondsSince1970: millis)
            #expect(Timestamp(iso8601: time.iso8601Milliseconds) == time)
        }
    }

    /// `start_date` may carry an offset instead of `Z`; the instant is what counts.
    @Test func parses_offsets() {
        let utc = Timestamp(iso8601: "2024-03-01T02:00:00Z")
        #expect(Timestamp(iso8601WithOffset: "2024-03-01T02:00:00Z") == utc)
        #expect(Timestamp(iso8601WithOffset: "2024-03-01T03:00:00+01:00") == utc)
        #expect(Timestamp(iso8601WithOffset: "2024-03-01T03:00:00.000+0100") == utc)
        #expect(Timestamp(iso8601WithOffset: "2024-02-29T20:30:00-05:30") == utc)
        #expect(Timestamp(iso8601WithOffset: "2024-03-01T02:00:00+00:00") == utc)
        #expect(Timestamp(iso8601WithOffset: "2024-03-01t02:00:00z") == utc)
        for bad in ["2024-03-01T02:00:00", "2024-03-01T02:00:00+1:00", "2024-03-01T02:00:00+24:00",
                    "2024-03-01T02:00:00+01:60", "2024-03-01T02:00:00 01:00", "+01:00", "2024-02-30T02:00:00+01:00"] {
            #expect(Timestamp(iso8601WithOffset: bad) == nil, "\(bad)")
        }
    }
}

