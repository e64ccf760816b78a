// CANDIDATE for StatusdAPI.JSONBodyReader's framing (415 / malformed JSON / not an object), which had no
// API yet when this shape was written. Delete once StatusdAPI provides it.
import HTTPTypes
import StatusdAPI
import StatusdHTTP

extension HTTPServerRequest {
    /// The body as a JSON object: 415 when a Content-Type is given and is not JSON (`application/json`
    /// or `…+json`), 400 `.malformedJSON` when the body is empty, unparsable or not an object.
    func jsonObjectBody() throws(APIError) -> JSONValue {
        if let contentType = headerFields[.contentType], !Self.isJSONMediaType(contentType) {
            throw APIError.unsupportedMediaType
        }
        guard !body.isEmpty else { throw APIError.malformedJSON("Request body must be a JSON object") }
        let value = try JSONValue.parse(body)
        guard case .object = value else { throw APIError.malformedJSON("Request body must be a JSON object") }
        return value
    }

    /// RFC 9110 §8.3.1: the media type is case-insensitive and parameters follow a `;`.
    static func isJSONMediaType(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .trimmingSpaces().lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
