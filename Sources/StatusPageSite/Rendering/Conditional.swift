import HTTPTypes
import StatusdCore
import StatusdHTTP

/// Validators and conditional GETs (RFC 9110 §8.8, §13): every 200 of the page and feeds carries a
/// strong entity tag (a digest of its body, made when it is rendered, so cached copies carry it too)
/// and, for feeds, `Last-Modified`; a request whose `If-None-Match` names the tag, or, without
/// `If-None-Match`, whose `If-Modified-Since` is not before `Last-Modified`, gets 304 and no body.
enum Conditional {
    static func tagged(_ response: HTTPServerResponse, lastModified: Timestamp? = nil) -> HTTPServerResponse {
        guard response.status == .ok else { return response }
        var response = response
        response.headerFields[.eTag] = "\"" + Hex.encode(Array(SiteCrypto.sha256(response.body).prefix(16))) + "\""
        if let lastModified { response.headerFields[.lastModified] = TimeText.httpDate(lastModified) }
        return response
    }

    /// `response`, or 304 with its validators and caching headers when the request's match.
    static func answer(_ request: HTTPServerRequest, _ response: HTTPServerResponse) -> HTTPServerResponse {
        guard response.status == .ok, request.method == .get || request.method == .head, matches(request, response)
        else { return response }
        var notModified = response
        notModified.status = .notModified
        notModified.body = []
        notModified.headerFields[.contentType] = nil
        return notModified
    }

    private static func matches(_ request: HTTPServerRequest, _ response: HTTPServerResponse) -> Bool {
        let noneMatch = request.headerFields[values: .ifNoneMatch]
        if !noneMatch.isEmpty {
            guard let tag = response.headerFields[.eTag] else { return false }
            // Weak comparison (§8.8.3.2), as If-None-Match asks: W/"x" matches "x".
            return noneMatch.flatMap { $0.split(separator: ",") }.contains { candidate in
                let trimmed = candidate.trimmingCharacters(in: .whitespaces)
                return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
            }
        }
        guard let since = request.headerFields[.ifModifiedSince].flatMap(TimeText.parseHTTPDate),
              let modified = response.headerFields[.lastModified].flatMap(TimeText.parseHTTPDate)
        else { return false }
        return modified <= since
    }
}
