import HTTPTypes
import StatusdAPI
import StatusdHTTP

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
        let message = rule.message ?? "Injected fault: \(code) \(status.reasonPhrase)"
        var json = JSONWriter()
        if let body = rule.body {
            json.value(body)
        } else if path.hasPrefix("/v1/") {
            onlineOrNotEnvelope(code: code, message: message, into: &json)
        } else if path.hasPrefix("/api/") {
            uptimeIOEnvelope(code: errorCode(status), message: message, into: &json)
        } else {
            json.beginObject()
            json.field("error", message)
            json.endObject()
        }
        var response = HTTPServerResponse.json(status, json.bytes)
        if let retryAfter = rule.retryAfter { response.headerFields[.retryAfter] = retryAfter }
        response.headerFields[TestControlMiddleware.faultField] = rule.id
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

    /// `{"result":null,"success":false,"errors":[{"code":503,"message":"..."}],"messages":[]}`
    private static func onlineOrNotEnvelope(code: Int, message: String, into json: inout JSONWriter) {
        json.beginObject()
        json.key("result")
        json.null()
        json.field("success", false)
        json.key("errors")
        json.beginArray()
        json.beginObject()
        json.field("code", code)
        json.field("message", message)
        json.endObject()
        json.endArray()
        json.key("messages")
        json.beginArray()
        json.endArray()
        json.endObject()
    }

    /// `{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"..."}}`
    private static func uptimeIOEnvelope(code: String, message: String, into json: inout JSONWriter) {
        json.beginObject()
        json.field("success", false)
        json.key("error")
        json.beginObject()
        json.field("code", code)
        json.field("message", message)
        json.endObject()
        json.endObject()
    }
}
