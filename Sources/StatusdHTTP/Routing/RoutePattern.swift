/// A route pattern split into segments: literals match exactly (after percent-decoding the
/// request's segment), `:name` matches any non-empty segment and captures it.
enum RoutePattern {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    static func segments(_ pattern: String) -> [Segment] {
        precondition(pattern.hasPrefix("/"), "route patterns start with /: \(pattern)")
        return pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().compactMap { part in
            if part.isEmpty { return nil }
            if part.hasPrefix(":") { return .parameter(String(part.dropFirst())) }
            return .literal(String(part))
        }
    }

    /// The canonical text of a pattern's segments, `/v1/status_pages/:status_page_id`.
    static func text(_ segments: [Segment]) -> String {
        if segments.isEmpty { return "/" }
        return segments.map { segment in
            switch segment {
            case .literal(let literal): "/" + literal
            case .parameter(let name): "/:" + name
            }
        }.joined()
    }

    /// A request path's segments, percent-decoded; nil when an escape is invalid. A trailing slash
    /// leaves an empty last segment, which no route matches.
    static func decodedSegments(_ path: String) -> [String]? {
        guard path.utf8.first == UInt8(ascii: "/") else { return nil }
        if path.utf8.count == 1 { return [] }
        // On the UTF-8 bytes, and a plain copy for a segment without escapes (the usual case):
        // the path is already a valid String. It runs on every request.
        let bytes = path.utf8
        var result: [String] = []
        result.reserveCapacity(8)
        var start = bytes.index(after: bytes.startIndex)
        var escaped = false
        var index = start
        while true {
            let atEnd = index == bytes.endIndex
            if atEnd || bytes[index] == UInt8(ascii: "/") {
                if escaped {
                    guard let decoded = PercentDecoding.decode(bytes[start..<index], plusIsSpace: false) else { return nil }
                    result.append(decoded)
                } else {
                    result.append(String(path[start..<index]))
                }
                if atEnd { return result }
                start = bytes.index(after: index)
                escaped = false
            } else if bytes[index] == UInt8(ascii: "%") {
                escaped = true
            }
            index = bytes.index(after: index)
        }
    }

    /// Whether a group prefix covers the given segments (its parameters match anything).
    static func prefix(_ prefix: [Segment], covers segments: [Segment]) -> Bool {
        guard prefix.count <= segments.count else { return false }
        return zip(prefix, segments).allSatisfy { group, route in
            switch (group, route) {
            case (.parameter, _): true
            case (.literal(let a), .literal(let b)): a == b
            case (.literal, .parameter): false
            }
        }
    }

    /// Whether a group prefix covers a decoded request path.
    static func prefix(_ prefix: [Segment], covers path: [String]) -> Bool {
        guard prefix.count <= path.count else { return false }
        return zip(prefix, path).allSatisfy { group, segment in
            switch group {
            case .parameter: !segment.isEmpty
            case .literal(let literal): literal == segment
            }
        }
    }
}
