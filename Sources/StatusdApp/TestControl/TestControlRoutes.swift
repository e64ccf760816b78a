import Foundation
import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// The control API of `serve --test-control`, under `/_statusd/` (README "statusd in your test
/// suite"). Plain JSON, no credential: it exists only on servers started for tests.
func registerTestControlRoutes(on router: HTTPRouter, control: TestControl) {
    router.group(prefix: "/_statusd/", middleware: []) { _, failure in
        switch failure {
        case .notFound: .jsonError(.notFound, "no such control endpoint")
        case .methodNotAllowed(let allow):
            allowing(allow, .jsonError(.methodNotAllowed, "method not allowed; allowed: "
                + allow.map(\.rawValue).joined(separator: ", ")))
        case .payloadTooLarge: .jsonError(.contentTooLarge, "request body is too large")
        }
    }

    router.on(.post, "/_statusd/reset") { _ in
        do {
            try control.reset()
        } catch {
            return .jsonError(.internalServerError, "reset failed, the store is unchanged: \(error)")
        }
        var json = JSONWriter()
        json.beginObject()
        json.field("reset", true)
        json.field("fixtures", strings: control.options.fixtures.map(\.source))
        json.field("now", control.store.clock.now().iso8601Milliseconds)
        json.endObject()
        return .json(.ok, json.bytes)
    }

    router.on(.post, "/_statusd/fixtures") { request in
        do {
            try control.store.load(try Fixtures.parse(Data(request.body), source: "body"))
        } catch let error as FixtureError {
            return .jsonError(.unprocessableContent, error.description)
        } catch {
            return .jsonError(.internalServerError, "loading failed, nothing was loaded: \(error)")
        }
        var json = JSONWriter()
        json.beginObject()
        json.field("loaded", true)
        json.endObject()
        return .json(.created, json.bytes)
    }

    router.on(.get, "/_statusd/requests") { request in
        let filter: RequestJournal.Filter
        do {
            filter = try journalFilter(request)
        } catch let error as FaultRuleError {
            return .jsonError(.badRequest, error.message)
        }
        let (entries, dropped) = control.journal.entries(filter)
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.key("requests")
        json.beginArray()
        for entry in entries { entry.write(to: &json) }
        json.endArray()
        json.field("count", entries.count)
        json.field("dropped", dropped)
        json.endObject()
        return .json(.ok, json.bytes)
    }
    router.on(.delete, "/_statusd/requests") { _ in
        control.journal.clear()
        return HTTPServerResponse(status: .noContent)
    }

    router.on(.post, "/_statusd/faults") { request in
        do {
            let rule = try control.faults.add(try JSONValue.parse(request.body))
            var json = JSONWriter()
            rule.write(to: &json, remaining: rule.count, hits: 0)
            return .json(.created, json.bytes)
        } catch let error as FaultRuleError {
            return .jsonError(.badRequest, error.message)
        } catch {
            return .jsonError(.badRequest, "the body must be a JSON object")
        }
    }
    router.on(.get, "/_statusd/faults") { _ in
        var json = JSONWriter()
        json.beginObject()
        json.key("faults")
        json.beginArray()
        for armed in control.faults.list() { armed.rule.write(to: &json, remaining: armed.remaining, hits: armed.hits) }
        json.endArray()
        json.endObject()
        return .json(.ok, json.bytes)
    }
    router.on(.delete, "/_statusd/faults") { _ in
        control.faults.clear()
        return HTTPServerResponse(status: .noContent)
    }
    router.on(.delete, "/_statusd/faults/:fault_id") { request in
        control.faults.remove(id: request.parameters["fault_id"] ?? "")
            ? HTTPServerResponse(status: .noContent) : .jsonError(.notFound, "no such fault")
    }

    router.on(.get, "/_statusd/clock") { _ in clockAnswer(control.store.clock) }
    router.on(.post, "/_statusd/clock") { request in
        let clock = control.store.clock
        let body: JSONValue
        do {
            body = try JSONValue.parse(request.body)
        } catch {
            return .jsonError(.badRequest, #"the body must be {"now": "<UTC time>"} or {"advance_seconds": <number>}"#)
        }
        if case .object(let members) = body, let unknown = members.first(where: { $0.key != "now" && $0.key != "advance_seconds" }) {
            return .jsonError(.badRequest, "\(unknown.key): unknown field (known: now, advance_seconds)")
        }
        let target: Timestamp
        switch (body["now"], body["advance_seconds"]) {
        case (.string(let text)?, nil):
            guard let time = Timestamp(iso8601: text) else {
                return .jsonError(.badRequest, "now: must be a UTC time like 2021-01-01T00:00:00Z")
            }
            target = time
        case (nil, .number(let seconds)?) where abs(seconds) < 1e12:
            target = Timestamp(millisecondsSince1970: clock.now().millisecondsSince1970 + Int64((seconds * 1000).rounded()))
        default:
            return .jsonError(.badRequest, #"give exactly one of "now" (a UTC time) or "advance_seconds" (a number)"#)
        }
        guard clockRange.contains(target.millisecondsSince1970) else {
            return .jsonError(.badRequest, "the clock must stay between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z")
        }
        clock.set(to: target)
        return clockAnswer(clock)
    }
}

/// Times every shape can write: four-digit years, none before the epoch.
private let clockRange: ClosedRange<Int64> = 0...253_402_300_799_999

private func allowing(_ methods: [HTTPRequest.Method], _ response: HTTPServerResponse) -> HTTPServerResponse {
    var response = response
    response.headerFields[.allow] = methods.map(\.rawValue).joined(separator: ", ")
    return response
}

private func clockAnswer(_ clock: StoreClock) -> HTTPServerResponse {
    var json = JSONWriter()
    json.beginObject()
    json.field("now", clock.now().iso8601Milliseconds)
    json.field("manual", clock.isManual)
    json.endObject()
    return .json(.ok, json.bytes)
}

/// `?method=POST&path_prefix=/v1/&route=/v1/status_pages/:status_page_id&after=12&limit=1`
private func journalFilter(_ request: HTTPServerRequest) throws -> RequestJournal.Filter {
    var filter = RequestJournal.Filter()
    for (name, value) in request.query {
        if value.isEmpty { throw FaultRuleError("\(name): needs a value") }
        switch name {
        case "method": filter.method = value
        case "path_prefix": filter.pathPrefix = value
        case "route": filter.route = value
        case "after", "limit":
            guard let number = Int(value), number >= 0 else {
                throw FaultRuleError("\(name): must be a whole number of at least 0")
            }
            if name == "after" { filter.afterId = number } else { filter.limit = number }
        default:
            throw FaultRuleError("\(name): unknown filter (known: method, path_prefix, route, after, limit)")
        }
    }
    return filter
}
