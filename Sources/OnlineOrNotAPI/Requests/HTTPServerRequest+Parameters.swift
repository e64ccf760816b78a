import StatusdAPI
import StatusdHTTP

extension HTTPServerRequest {
    /// A named path parameter; the router always fills those of the matched pattern.
    func pathParameter(_ name: String) throws(APIError) -> String {
        guard let value = parameters[name], !value.isEmpty else { throw .notFound("Not found") }
        return value
    }
}
