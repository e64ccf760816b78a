import Foundation
import HTTPTypes
import OnlineOrNotAPI
import StatusdAPI
import StatusdHTTP
import UptimeIOAPI

/// What an injected fault answers: the rule's own `body` when it gives one, else an error in the
/// envelope of the shape the path belongs to, so a client's error handling sees what it parses.
enum FaultAnswer {
    /// nil for a latency-only rule: the request then goes on to its handler.
    static func response(for rule: FaultRule, path: String) -> HTTPServerResponse? {
        if rule.dropConnection {
            var dropped = HTTPServerResponse(status: .internalServerError)
            dropped.dropsConnection = true
            return dropped
        }
        guard let code = rule.status else { return nil }
        let status = standardStatus(code)
        let message = rule.message ?? "Injected fault: \(code) \(status.reasonPhrase)".trimmingCharacters(in: .whitespaces)
        var response: HTTPServerResponse
        if let body = rule.body {
            var json = JSONWriter()
            json.value(body)
            response = .json(status, json.bytes)
        } else if path.hasPrefix("/v1/") {
            response = .json(status, onlineOrNotErrorBody(code: code, message: message))
        } else if path.hasPrefix("/api/") {
            response = .json(status, uptimeIOErrorBody(code: errorCode(status), message: message))
        } else {
            response = .jsonError(status, message)
        }
        if let retryAfter = rule.retryAfter { response.headerFields[.retryAfter] = retryAfter }
        return response
    }

    /// The status with its standard reason phrase (`503 Service Unavailable`); other codes bare.
    static func standardStatus(_ code: Int) -> HTTPResponse.Status {
        let known: [HTTPResponse.Status] = [
            .ok, .created, .accepted, .noContent, .badRequest, .unauthorized, .forbidden, .notFound,
            .methodNotAllowed, .notAcceptable, .requestTimeout, .conflict, .gone, .preconditionFailed,
            .contentTooLarge, .unsupportedMediaType, .unprocessableContent, .tooManyRequests,
            .internalServerError, .notImplemented, .badGateway, .serviceUnavailable, .gatewayTimeout,
        ]
        return known.first { $0.code == code } ?? HTTPResponse.Status(code: code)
    }

    /// `503 Service Unavailable` → `SERVICE_UNAVAILABLE`; 429 → `RATE_LIMITED`.
    static func errorCode(_ status: HTTPResponse.Status) -> String {
        if status.code == 429 { return "RATE_LIMITED" }
        let words = status.reasonPhrase.split { !$0.isLetter && !$0.isNumber }
        return words.isEmpty ? "HTTP_\(status.code)" : words.map { $0.uppercased() }.joined(separator: "_")
    }
}
