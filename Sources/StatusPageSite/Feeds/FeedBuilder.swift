import StatusdAPI
import StatusdCore
import StatusdStore

/// One feed entry: an incident's timeline entry or a maintenance window.
struct FeedEntry {
    /// Stable: `urn:statusd:update:<page>:<incident>:<update>` / `urn:statusd:maintenance:<page>:<window>`,
    /// built from the stored ids (percent-encoded).
    let entryId: String
    let entryTitle: String
    let entryText: String
    let entryLink: String
    /// When it happened (incident entries) or was announced or last changed (windows): the order.
    let date: Timestamp
    let published: Timestamp
    let updated: Timestamp
    let publishedISO: String
    let updatedISO: String
    let publishedRFC822: String
}

/// What all three feeds show of a page: at most `limit` entries, newest first.
struct FeedContent {
    let feedTitle: String
    let feedSubtitle: String
    let feedId: String
    let homeURL: String
    let selfURL: String
    let updatedISO: String
    let updatedRFC822: String
    let lastModified: Timestamp
    let entries: [FeedEntry]
}

/// Reads a page's newest timeline entries and windows and merges them, newest first, up to 100.
struct FeedBuilder {
    static let limit = 100
    let store: Store

    func build(_ page: StatusPage, origin: String, homePath: String, selfPath: String) throws -> FeedContent {
        let home = origin + homePath
        let pageKey = PercentEncoding.pathSegment(page.id)
        var entries: [FeedEntry] = try store.recentUpdates(statusPageId: page.id, limit: Self.limit).map { incident, update in
            let entryTitle = "\(incident.title): \(StatusWording.label(update))"
            return Self.entry(
                id: "urn:statusd:update:\(pageKey):\(PercentEncoding.pathSegment(incident.id)):\(PercentEncoding.pathSegment(update.id))",
                title: entryTitle, text: update.message,
                link: home + "#incident-" + PercentEncoding.pathSegment(incident.id),
                date: update.createdAt, published: update.createdAt, updated: max(update.createdAt, update.updatedAt))
        }
        entries += try store.recentlyChangedMaintenance(statusPageId: page.id, limit: Self.limit).map { window in
            let when = "\(TimeText.display(window.startsAt)) to \(TimeText.display(window.endsAt))"
            return Self.entry(
                id: "urn:statusd:maintenance:\(pageKey):\(PercentEncoding.pathSegment(window.id))",
                title: "Scheduled maintenance: \(window.title)",
                text: window.description.isEmpty ? when : "\(when). \(window.description)",
                link: home + "#maintenance-" + PercentEncoding.pathSegment(window.id),
                date: window.updatedAt, published: window.createdAt, updated: window.updatedAt)
        }
        entries.sort { ($0.date, $0.entryId) > ($1.date, $1.entryId) }
        entries = Array(entries.prefix(Self.limit))
        let newest = entries.map(\.updated).max() ?? page.updatedAt
        return FeedContent(
            feedTitle: XMLText.clean(page.name), feedSubtitle: XMLText.clean(page.description ?? "Status updates for \(page.name)"),
            feedId: "urn:statusd:page:\(pageKey)", homeURL: home, selfURL: origin + selfPath,
            updatedISO: newest.iso8601Seconds, updatedRFC822: TimeText.httpDate(newest), lastModified: newest, entries: entries)
    }

    private static func entry(
        id: String, title: String, text: String, link: String, date: Timestamp, published: Timestamp, updated: Timestamp
    ) -> FeedEntry {
        FeedEntry(
            entryId: id, entryTitle: XMLText.clean(title), entryText: XMLText.clean(text), entryLink: link, date: date,
            published: published, updated: updated, publishedISO: published.iso8601Seconds, updatedISO: updated.iso8601Seconds,
            publishedRFC822: TimeText.httpDate(published))
    }
}

/// XML 1.0 admits no control characters but tab, line feed and carriage return (§2.2): others are
/// dropped from text before it reaches a feed (the template escapes the rest).
enum XMLText {
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRefused) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isRefused($0) })
        return String(scalars)
    }

    private static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
