import StatusdHTTP

/// Feeds `ServerMetrics` with every request's route, method, status and latency.
struct MetricsMiddleware: HTTPMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        let started = ContinuousClock.now
        let route = request.route ?? "unmatched"
        do {
            let response = try next(request)
            metrics.record(route: route, method: request.method.rawValue,
                           status: response.dropsConnection ? 0 : response.status.code,
                           duration: ContinuousClock.now - started)
            return response
        } catch {
            metrics.record(route: route, method: request.method.rawValue, status: 500,
                           duration: ContinuousClock.now - started)
            throw error
        }
    }
}
