import Foundation
import HTTPTypes
import StatusdHTTP

/// Adds the CORS answer to every response of the server, errors, quick answers and routing
/// failures included, so a browser app sees a 401 or a 429 instead of an opaque network error.
/// A preflight is the router's own 204 to OPTIONS, completed here with what may be sent.
struct CORSMiddleware: HTTPMiddleware {
    let policy: CORSPolicy

    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        var response = try next(request)
        // Answers differ by Origin unless every origin gets the same one: shared caches must know.
        if !policy.allowsEveryOrigin { Self.addVaryOrigin(&response.headerFields) }
        guard let origin = request.headerFields[.origin], let allowed = policy.allowOrigin(for: origin) else {
            return response
        }
        response.headerFields[.accessControlAllowOrigin] = allowed
        let isPreflight = request.method == .options && request.headerFields[.accessControlRequestMethod] != nil
        if isPreflight {
            if response.status == .noContent, let allow = response.headerFields[.allow] {
                response.headerFields[.accessControlAllowMethods] = allow
                response.headerFields[.accessControlAllowHeaders] = CORSPolicy.allowedRequestHeaders
                response.headerFields[.accessControlMaxAge] = CORSPolicy.preflightMaxAgeSeconds
            }
        } else {
            response.headerFields[.accessControlExposeHeaders] = CORSPolicy.exposedResponseHeaders
        }
        return response
    }

    private static func addVaryOrigin(_ fields: inout HTTPFields) {
        guard let vary = fields[.vary], !vary.isEmpty else {
            fields[.vary] = "Origin"
            return
        }
        let names = vary.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if !names.contains("origin") && !names.contains("*") { fields[.vary] = vary + ", Origin" }
    }
}
