import StatusdAPI
import StatusdHTTP
import StatusdStore

/// Catches whatever a UptimeIO handler throws and renders it in the UptimeIO error envelope, so no
/// failure under `/api/` leaves the group as a bare 500.
struct UptimeIOErrorMiddleware: HTTPMiddleware {
    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        do {
            return try next(request)
        } catch let error as APIError {
            return UptimeIOErrorRenderer.response(for: error)
        } catch let error as StoreError {
            return UptimeIOErrorRenderer.response(for: UptimeIOErrorRenderer.apiError(for: error))
        } catch {
            return UptimeIOErrorRenderer.internalError()
        }
    }
}
