import HTTPTypes
import StatusdAPI
import StatusdHTTP

/// Header names the page sends that swift-http-types does not name.
enum SiteHeaders {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let robotsTag = HTTPField.Name("X-Robots-Tag")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}

/// The HTML answers of the page, each with the same protective headers: a Content-Security-Policy
/// that admits only the page's own stylesheet and script (no inline code, no framing, forms only
/// to the page itself), no content sniffing, no referrer to the links a page owner put in.
enum SiteResponse {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// `noindex`: the page asks search engines to stay away (`hide_from_search_engines`), in the
    /// header too, which also covers the feeds.
    static func html(_ status: HTTPResponse.Status, _ body: [UInt8], noindex: Bool = false) -> HTTPServerResponse {
        var response = HTTPServerResponse(status: status, body: body)
        response.headerFields[.contentType] = "text/html; charset=utf-8"
        protect(&response, noindex: noindex)
        return response
    }

    static func protect(_ response: inout HTTPServerResponse, noindex: Bool) {
        response.headerFields[SiteHeaders.contentSecurityPolicy] = contentSecurityPolicy
        response.headerFields[SiteHeaders.contentTypeOptions] = "nosniff"
        response.headerFields[SiteHeaders.referrerPolicy] = "no-referrer"
        // Revalidated on every view (with the entity tag), so an update shows at once.
        response.headerFields[.cacheControl] = "no-cache"
        if noindex { response.headerFields[SiteHeaders.robotsTag] = "noindex" }
    }

    /// A short HTML page saying what went wrong, with the status given.
    static func message(
        _ templates: SiteTemplates, _ status: HTTPResponse.Status, _ title: String, _ text: String
    ) -> HTTPServerResponse {
        let body = (try? templates.render(MessageView(messageTitle: title, messageText: text), "message"))
            ?? Array("\(status.code) \(title)".utf8)
        var response = html(status, body)
        response.headerFields[SiteHeaders.robotsTag] = "noindex"
        return response
    }

    static func notFound(_ templates: SiteTemplates) -> HTTPServerResponse {
        message(templates, .notFound, "Page not found", "There is no status page at this address.")
    }

    /// Every `APIError` (and routing failure) as an HTML page with its status.
    static func render(_ error: APIError, _ templates: SiteTemplates) -> HTTPServerResponse {
        switch error {
        case .notFound: return notFound(templates)
        case .methodNotAllowed(let allow):
            var response = message(templates, .methodNotAllowed, "Method not allowed", "This address answers GET.")
            response.headerFields[.allow] = allow.map(\.rawValue).joined(separator: ", ")
            return response
        case .payloadTooLarge: return message(templates, .contentTooLarge, "Too large", "The request is too large.")
        case .unsupportedMediaType:
            return message(templates, .unsupportedMediaType, "Unsupported form", "Send the password form as a browser does.")
        case .validation(let text, _), .malformedJSON(let text), .conflict(let text):
            return message(templates, error.status, "Bad request", text)
        case .idempotencyKeyReused:
            return message(templates, error.status, "Bad request", APIError.idempotencyKeyReusedMessage)
        case .unauthorized, .forbidden, .missingGrant: return message(templates, error.status, "Not allowed", "This page is not open to you.")
        case .storageUnavailable(let trouble):
            var response = message(templates, error.status, "Try again later", trouble.message)
            response.headerFields[.retryAfter] = String(trouble.retryAfterSeconds)
            return response
        }
    }

    /// Whether the visitor reached statusd over HTTPS: the port speaks TLS, or the reverse proxy in
    /// front says so. Only ever adds `Secure` to a cookie, so a forged header gains nothing.
    static func isHTTPS(_ request: HTTPServerRequest, tlsPort: Bool) -> Bool {
        tlsPort || request.headerFields[SiteHeaders.forwardedProto]?.lowercased() == "https"
    }
}
