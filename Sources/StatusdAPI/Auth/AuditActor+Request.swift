import StatusdCore
import StatusdHTTP

extension AuditActor {
    /// A credential's request: its method and path (never the query, which may carry a secret).
    public static func credential(_ credential: Credential, _ request: HTTPServerRequest) -> AuditActor {
        AuditActor(kind: .apiToken, id: credential.id, name: credential.name, request: requestLine(request))
    }

    /// A subscriber following a link from one of its mails.
    public static func subscriber(_ id: String, _ request: HTTPServerRequest) -> AuditActor {
        AuditActor(kind: .subscriber, id: id, request: requestLine(request))
    }

    private static func requestLine(_ request: HTTPServerRequest) -> String {
        "\(request.method.rawValue) \(request.path)"
    }
}
