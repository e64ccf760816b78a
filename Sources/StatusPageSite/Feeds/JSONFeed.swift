import StatusdAPI

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written with the API's JSON writer.
enum JSONFeed {
    static func body(_ feed: FeedContent) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("version", "https://jsonfeed.org/version/1.1")
        json.field("title", feed.feedTitle)
        json.field("description", feed.feedSubtitle)
        json.field("home_page_url", feed.homeURL)
        json.field("feed_url", feed.selfURL)
        json.key("items")
        json.beginArray()
        for entry in feed.entries {
            json.beginObject()
            json.field("id", entry.entryId)
            json.field("url", entry.entryLink)
            json.field("title", entry.entryTitle)
            json.field("content_text", entry.entryText)
            json.field("date_published", entry.publishedISO)
            json.field("date_modified", entry.updatedISO)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
