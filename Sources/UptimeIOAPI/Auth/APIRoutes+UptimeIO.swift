import StatusdAPI
import StatusdHTTP
import StatusdStore

extension APIRoutes {
    /// UptimeIO's route glue: the credential comes from `X-API-Key` and nowhere else (an
    /// `Authorization: Bearer` header is not a key here); failures render in the UptimeIO envelope.
    static func uptimeIO(store: Store, cache: ResponseCache? = nil) -> APIRoutes {
        APIRoutes(
            authenticator: Authenticator(store: store), componentsField: "affected_monitor_ids", cache: cache,
            secret: Authenticator.apiKey, render: UptimeIOErrorRenderer.response(for:))
    }
}
