/// A `postgres://` (or `postgresql://`) connection URL, as libpq reads it
/// (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING).
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public let string: String

    public init(_ string: String) throws {
        guard string.hasPrefix("postgres://") || string.hasPrefix("postgresql://") else {
            throw PostgresError(.invalidArgument, message: "not a postgres:// URL: \(PostgresURL.redacting(string))")
        }
        guard !string.utf8.contains(0) else {
            throw PostgresError(.invalidArgument, message: "the URL contains a NUL character")
        }
        self.string = string
    }

    /// The URL with its password (in the user part or a `password=` parameter) replaced by `***`: the
    /// only form that may be logged or shown.
    public var redacted: String { Self.redacting(string) }

    public var description: String { redacted }

    /// The same server and settings, another database (the path), for tests and tools that create one.
    public func replacingDatabase(with name: String) -> PostgresURL {
        let (head, _, query) = parts
        return PostgresURL(unchecked: head + "/" + name + query)
    }

    private init(unchecked: String) { string = unchecked }

    /// scheme://authority, /path, ?query (each possibly empty).
    private var parts: (head: String, path: String, query: String) { Self.split(string) }

    private static func split(_ url: String) -> (head: String, path: String, query: String) {
        let schemeEnd = afterScheme(url) ?? url.startIndex
        let rest = url[schemeEnd...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let queryStart = rest[authorityEnd...].firstIndex(of: "?") ?? rest.endIndex
        return (String(url[..<authorityEnd]), String(rest[authorityEnd..<queryStart]), String(rest[queryStart...]))
    }

    /// Where the authority starts: just past the first "://".
    private static func afterScheme(_ url: String) -> String.Index? {
        var index = url.startIndex
        while index < url.endIndex {
            if url[index...].hasPrefix("://") { return url.index(index, offsetBy: 3) }
            index = url.index(after: index)
        }
        return nil
    }

    static func redacting(_ url: String) -> String {
        var (head, path, query) = split(url)
        if let schemeEnd = afterScheme(head),
            let at = head[schemeEnd...].lastIndex(of: "@"),
            let colon = head[schemeEnd..<at].firstIndex(of: ":")
        {
            head.replaceSubrange(head.index(after: colon)..<at, with: "***")
        }
        if !query.isEmpty {
            let pairs = query.dropFirst().split(separator: "&", omittingEmptySubsequences: false).map { pair in
                pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
            }
            query = "?" + pairs.joined(separator: "&")
        }
        return head + path + query
    }
}
