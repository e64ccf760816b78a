import StatusdCore

/// The incident history's pages: page 1 is the last 90 days (today, UTC, and the 89 days before),
/// page N the 90 days before page N-1's. Each shows the resolved incidents that started in it;
/// links skip straight to the nearest page with any, so no one clicks through empty periods.
/// Day-aligned, so what page 1 covers changes only at midnight UTC (the cache keeps a page's
/// answer no longer than that).
struct HistoryWindow: Equatable {
    static let days: Int64 = 90
    static let dayMilliseconds: Int64 = 86_400_000
    static let windowMilliseconds = days * dayMilliseconds
    /// About 986 years back: past that a page number is refused.
    static let pages = 1...4_000
    /// The most incidents one page shows (the period's count is said when it holds more).
    static let limit = 100

    let number: Int
    /// The next midnight UTC after now: where page 1 ends.
    let end: Int64

    init?(number: Int, now: Timestamp) {
        guard Self.pages.contains(number) else { return nil }
        self.number = number
        let millis = now.millisecondsSince1970
        let today = millis >= 0 ? millis / Self.dayMilliseconds : (millis - Self.dayMilliseconds + 1) / Self.dayMilliseconds
        end = (today + 1) * Self.dayMilliseconds
    }

    /// The period this page covers: from its first midnight to the one after its last day.
    var range: Range<Timestamp> {
        let upper = end - Int64(number - 1) * Self.windowMilliseconds
        return Timestamp(millisecondsSince1970: upper - Self.windowMilliseconds)..<Timestamp(millisecondsSince1970: upper)
    }

    /// The page whose period holds `start` (page 1 for anything later than today).
    func page(containing start: Timestamp) -> Int {
        let back = (end - 1 - start.millisecondsSince1970) / Self.windowMilliseconds
        return Int(max(0, min(back, Int64(Self.pages.upperBound - 1)))) + 1
    }

    /// `?page=N`: absent is 1; nil for anything but a whole number in `pages`.
    static func pageNumber(_ query: String?) -> Int? {
        guard let query else { return 1 }
        guard !query.isEmpty, query.utf8.count <= 5, query.utf8.allSatisfy({ (48...57).contains($0) }),
              let number = Int(query), pages.contains(number)
        else { return nil }
        return number
    }
}
