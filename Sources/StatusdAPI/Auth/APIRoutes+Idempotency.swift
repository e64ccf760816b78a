import HTTPTypes
import StatusdHTTP
import StatusdStore

// Idempotency-Key on POST and PATCH (issue 20; draft-ietf-httpapi-idempotency-key-header): a
// retried request with the same key, method, target and body gets the first answer back, once
// more byte for byte, without a second write.
extension APIRoutes {
    /// Runs a write's handler: as it is without an `Idempotency-Key`, or on PUT and DELETE (which are
    /// idempotent already); else at most once per credential and key (`Store.withIdempotencyKey`),
    /// its store writes and the key row in one transaction.
    func once(_ request: HTTPServerRequest, _ context: APIContext, _ handler: APIHandler) throws -> HTTPServerResponse {
        guard request.method == .post || request.method == .patch,
              let key = try IdempotencyKey.parse(request.headerFields)
        else { return try handler(request, context) }
        let fingerprint = try Store.idempotencyFingerprint(
            method: request.method.rawValue, target: Self.requestTarget(request), body: request.body)
        let outcome = try context.store.withIdempotencyKey(
            key, credentialId: context.credential.id, fingerprint: fingerprint
        ) {
            // A client error is an answer too (rendered here, so nothing it wrote stays); it is not kept.
            IdempotentAnswer(try rendering { try handler(request, context) })
        }
        switch outcome {
        case .ran(let answer), .replayed(let answer): return HTTPServerResponse(answer)
        case .keyReused: throw APIError.idempotencyKeyReused
        case .inFlight: throw APIError.conflict(APIError.idempotencyKeyInFlightMessage)
        }
    }
}

extension APIError {
    public static let idempotencyKeyReusedMessage =
        "This Idempotency-Key was already used for a different request (another method, path or body)"
    public static let idempotencyKeyInFlightMessage =
        "A request with this Idempotency-Key is still being processed; retry once it has completed"
}

extension IdempotentAnswer {
    init(_ response: HTTPServerResponse) {
        self.init(
            status: response.status.code,
            headerFields: response.headerFields.map { ($0.name.rawName, $0.value) }, body: response.body)
    }
}

extension HTTPServerResponse {
    init(_ answer: IdempotentAnswer) {
        var fields = HTTPFields()
        for (name, value) in answer.headerFields {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        self.init(status: HTTPResponse.Status(code: answer.status), headerFields: fields, body: answer.body)
    }
}
