import StatusdCore
import Testing

/// Regression for a fuzzing find (FuzzBodies, `date_happened` of an OnlineOrNot timeline entry): a
/// fraction of many digits overflowed `Int` and trapped, taking the whole server down.
@Suite struct TimestampOverflowTests {
    @Test func parsesAFractionOfManyDigitsByItsFirstThree() {
        let digits = String(repeating: "8", count: 120)
        #expect(Timestamp(iso8601: "2021-01-01T00:00:00.008\(digits)Z")?.iso8601Milliseconds == "2021-01-01T00:00:00.008Z")
        #expect(Timestamp(iso8601: "6160-01-01T00:00:00.\(digits)00Z")?.iso8601Milliseconds == "6160-01-01T00:00:00.888Z")
    }

    @Test func rejectsALongFractionWithANonDigit() {
        #expect(Timestamp(iso8601: "2021-01-01T00:00:00.\(String(repeating: "9", count: 40))xZ") == nil)
    }
}
