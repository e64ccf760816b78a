import StatusdAPI
import StatusdHTTP

/// The body of a component group create or update: `name` (1–256, required on create) and
/// `description` (null clears it). An update (PATCH, or POST like every OnlineOrNot item) applies
/// whichever is present.
package struct ComponentGroupInput {
    var name: String?
    var description: String??

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> ComponentGroupInput {
        try read(request, required: true)
    }

    package static func forUpdate(_ request: HTTPServerRequest) throws(APIError) -> ComponentGroupInput {
        try read(request, required: false)
    }

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> ComponentGroupInput {
        var reader = try JSONBodyReader(request)
        let input = ComponentGroupInput(
            name: reader.string("name", required: required, length: 1...256),
            description: reader.nullableString("description", length: 0...10_000)
        )
        try reader.finish()
        return input
    }
}
