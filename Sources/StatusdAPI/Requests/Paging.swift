/// A page request: 1-based page number and page size, already validated.
public struct Paging: Sendable, Equatable {
    public static let maximumPageSize = 100
    /// Deep enough for any real client; bounds the OFFSET the store is asked for.
    public static let maximumPage = 1_000_000

    public var page: Int
    public var pageSize: Int

    public init(page: Int, pageSize: Int) {
        self.page = page
        self.pageSize = pageSize
    }

    /// Reads `page` and the shape's size parameter (`per_page` or `limit`), defaults 1 and 20.
    public static func read(from query: inout QueryReader, sizeParameter: String, defaultSize: Int = 20) -> Paging {
        let page = query.integer("page", in: 1...maximumPage, default: 1)
        let size = query.integer(sizeParameter, in: 1...maximumPageSize, default: defaultSize)
        return Paging(page: page, pageSize: size)
    }

    /// Number of pages for `total` rows (0 when there are none).
    public func pageCount(total: Int) -> Int {
        (total + pageSize - 1) / pageSize
    }
}
