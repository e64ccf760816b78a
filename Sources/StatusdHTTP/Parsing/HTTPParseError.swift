import HTTPTypes

/// Why a request was refused before routing; every case closes the connection.
enum HTTPParseError: Error, Equatable, Sendable {
    /// Malformed or ambiguous framing (RFC 9112 §6.3: ambiguity is refused, never guessed).
    case badRequest(String)
    case requestTargetTooLong
    case headerSectionTooLarge
    case tooManyHeaderFields
    case payloadTooLarge
    case unsupportedVersion
    case unknownMethod
    case unsupportedTransferCoding
    case unknownExpectation

    var status: HTTPResponse.Status {
        switch self {
        case .badRequest: .badRequest
        case .requestTargetTooLong: .uriTooLong
        case .headerSectionTooLarge, .tooManyHeaderFields: .requestHeaderFieldsTooLarge
        case .payloadTooLarge: .contentTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unknownMethod, .unsupportedTransferCoding: .notImplemented
        case .unknownExpectation: .expectationFailed
        }
    }

    /// The message of the JSON error body.
    var message: String {
        switch self {
        case .badRequest(let reason): "bad request: \(reason)"
        case .requestTargetTooLong: "request target too long"
        case .headerSectionTooLarge: "header section too large"
        case .tooManyHeaderFields: "too many header fields"
        case .payloadTooLarge: "payload too large"
        case .unsupportedVersion: "HTTP version not supported"
        case .unknownMethod: "method not implemented"
        case .unsupportedTransferCoding: "transfer coding not implemented"
        case .unknownExpectation: "expectation not supported"
        }
    }
}
