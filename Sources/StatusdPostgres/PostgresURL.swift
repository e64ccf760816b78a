/// A `postgres://` (or `postgresql://`) connection URL, as libpq reads it
/// (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING).
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public let string: String

    /// Whether `string` is meant as one (its scheme), so a caller can tell it from a file path.
    public static func isPostgresURL(_ string: String) -> Bool {
        string.hasPrefix("postgres://") || string.hasPrefix("postgresql://")
    }

    public init(_ string: String) throws {
        guard Self.isPostgresURL(string) else {
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
        // Past the user part: a "?" or "/" in a password does not end the authority.
        let schemeEnd = userInfo(url).map { url.index(after: $0.at) } ?? afterScheme(url) ?? url.startIndex
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

    /// libpq's reading of the user part: what precedes an `@` before the first `/`, whatever else it
    /// holds (`?` and `#` included). The last such `@` is taken: where libpq would take an earlier
    /// one, more is hidden, never less.
    private static func userInfo(_ url: String) -> (start: String.Index, at: String.Index)? {
        guard let start = afterScheme(url) else { return nil }
        let end = url[start...].firstIndex(of: "/") ?? url.endIndex
        return url[start..<end].lastIndex(of: "@").map { (start, $0) }
    }

    static func redacting(_ url: String) -> String {
        var head = ""
        var rest = Substring(url)
        if let (start, at) = userInfo(url) {
            let user = url[start..<at]
            let shownUser = user.firstIndex(of: ":").map { String(user[..<$0]) + ":***" } ?? String(user)
            head = String(url[..<start]) + shownUser + "@"
            rest = url[url.index(after: at)...]
        }
        guard let mark = rest.firstIndex(of: "?") else { return head + rest }
        let pairs = rest[rest.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
        }
        return head + rest[..<mark] + "?" + pairs.joined(separator: "&")
    }

    /// The password as written and as libpq decodes it (from the user part and any `password=`
    /// parameter): libpq quotes parts of the URL in its errors, which must not reach a log.
    var passwords: [String] {
        var found: [Substring] = []
        if let (start, at) = Self.userInfo(string), let colon = string[start..<at].firstIndex(of: ":") {
            found.append(string[string.index(after: colon)..<at])
        }
        let afterUser = Self.userInfo(string).map { string.index(after: $0.at) } ?? string.startIndex
        if let mark = string[afterUser...].firstIndex(of: "?") {
            for pair in string[string.index(after: mark)...].split(separator: "&") where pair.lowercased().hasPrefix("password=") {
                found.append(pair.dropFirst("password=".count))
            }
        }
        return found.flatMap { [String($0), Self.percentDecoded($0)] }.filter { !$0.isEmpty }
    }

    /// `message` with every form of the password replaced by `***`.
    func scrubbed(_ message: String) -> String {
        passwords.sorted { $0.count > $1.count }.reduce(message) { text, password in
            text.replacing(password, with: "***")
        }
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
