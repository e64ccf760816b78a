import StatusdAPI

/// The numeric `errors[].code` of every OnlineOrNot error body, in one table so clients can rely on them.
///
/// | code  | HTTP | APIError                |
/// |-------|------|-------------------------|
/// | 10001 | 401  | `.unauthorized`         |
/// | 10002 | 403  | `.forbidden`, `.missingGrant` |
/// | 10003 | 404  | `.notFound`             |
/// | 10004 | 405  | `.methodNotAllowed`     |
/// | 10005 | 400  | `.validation` (one error per field) |
/// | 10006 | 400  | `.malformedJSON`        |
/// | 10007 | 415  | `.unsupportedMediaType` |
/// | 10008 | 413  | `.payloadTooLarge`      |
/// | 10009 | 409  | `.conflict`             |
/// | 10010 | 503  | `.storageUnavailable` (a full disk: nothing written; `Retry-After`) |
/// | 10011 | 422  | `.idempotencyKeyReused` |
///
/// 10012 (429, too many requests) is answered by the app's rate limiter before any route runs, so
/// it is not an `APIError`.
enum OnlineOrNotErrorCode: Int, Sendable, CaseIterable {
    case unauthorized = 10001
    case forbidden = 10002
    case notFound = 10003
    case methodNotAllowed = 10004
    case validation = 10005
    case malformedJSON = 10006
    case unsupportedMediaType = 10007
    case payloadTooLarge = 10008
    case conflict = 10009
    case storageUnavailable = 10010
    case idempotencyKeyReused = 10011

    init(_ error: APIError) {
        switch error {
        case .unauthorized: self = .unauthorized
        case .forbidden, .missingGrant: self = .forbidden
        case .notFound: self = .notFound
        case .methodNotAllowed: self = .methodNotAllowed
        case .validation: self = .validation
        case .malformedJSON: self = .malformedJSON
        case .unsupportedMediaType: self = .unsupportedMediaType
        case .payloadTooLarge: self = .payloadTooLarge
        case .conflict: self = .conflict
        case .storageUnavailable: self = .storageUnavailable
        case .idempotencyKeyReused: self = .idempotencyKeyReused
        }
    }
}
