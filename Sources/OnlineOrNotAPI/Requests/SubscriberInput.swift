import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of a subscriber create: `email_address` (required), an address under the rule of
/// `EmailAddress` (at most 254 characters), kept as sent. Other fields are ignored, as everywhere.
package struct SubscriberInput {
    static let addressKey = "email_address"

    var emailAddress: String

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> SubscriberInput {
        var reader = try JSONBodyReader(request)
        let text = reader.string(addressKey, required: true)
        if let text, let problem = EmailAddress.problem(text) {
            reader.issue(addressKey, "\(addressKey) \(problem)")
        }
        try reader.finish()
        return SubscriberInput(emailAddress: text ?? "")
    }
}
