// libFuzzer entry point for the JSON request bodies of every write endpoint of both API shapes
// (see TESTING.md and scripts/fuzz). No database: the bodies go through the real request readers,
// `JSONBodyReader` and `JSONValue.parse`, exactly as the route handlers call them.
//
// The first byte chooses the endpoint (its low four bits and its top bit) and the Content-Type
// (bits 4-6); the rest is the body. Invariants: nothing crashes; a refusal is always a 400 or 415 the client caused; any
// body that parses re-encodes (JSONWriter) to bytes that parse to the same value; and a body an
// endpoint accepts is accepted again, with the same fields, once re-encoded.
import FuzzSupport
import Glibc
import HTTPTypes
import OnlineOrNotAPI
import StatusdCore
import StatusdAPI
import StatusdHTTP
import UptimeIOAPI

/// One write endpoint's reader, returning what it accepted in a comparable form.
typealias BodyReader = @Sendable (HTTPServerRequest) throws(APIError) -> String

/// At most 32: five bits of the first byte choose one (see `fuzzRequestBodies`).
let endpoints: [(name: String, read: BodyReader)] = [
    ("OnlineOrNot status page create", { r throws(APIError) in accepted(try StatusPageInput.forCreate(r)) }),
    ("OnlineOrNot status page update", { r throws(APIError) in accepted(try StatusPageInput.forUpdate(r)) }),
    ("OnlineOrNot component create", { r throws(APIError) in accepted(try ComponentInput.forCreate(r)) }),
    ("OnlineOrNot component update", { r throws(APIError) in accepted(try ComponentInput.forUpdate(r)) }),
    ("OnlineOrNot incident create", { r throws(APIError) in accepted(try IncidentInput.forCreate(r)) }),
    ("OnlineOrNot incident update", { r throws(APIError) in accepted(try IncidentInput.forUpdate(r)) }),
    ("OnlineOrNot timeline entry create", { r throws(APIError) in accepted(try IncidentUpdateInput.forCreate(r, now: fuzzNow)) }),
    ("OnlineOrNot timeline entry edit", { r throws(APIError) in accepted(try IncidentUpdateInput.forEdit(r, now: fuzzNow)) }),
    ("UptimeIO incident create", { r throws(APIError) in accepted(try CreateIncidentBody(r)) }),
    ("UptimeIO incident patch", { r throws(APIError) in accepted(try PatchIncidentBody(r)) }),
    ("UptimeIO update create", { r throws(APIError) in accepted(try NewUpdateBody(r)) }),
    ("UptimeIO incident resolve", { r throws(APIError) in accepted(try ResolveIncidentBody(r)) }),
    ("OnlineOrNot component group create", { r throws(APIError) in accepted(try ComponentGroupInput.forCreate(r)) }),
    ("OnlineOrNot component group update", { r throws(APIError) in accepted(try ComponentGroupInput.forUpdate(r)) }),
    ("OnlineOrNot component sort order", { r throws(APIError) in accepted(try SortOrderInput.read(r, field: "component_ids")) }),
    ("OnlineOrNot group sort order", { r throws(APIError) in accepted(try SortOrderInput.read(r, field: "group_ids")) }),
    ("UptimeIO status page update", { r throws(APIError) in
        accepted(try StatusPageBody(r).changes(for: fuzzPage, replacing: false))
    }),
    ("UptimeIO status page replace", { r throws(APIError) in
        accepted(try StatusPageBody(r).changes(for: fuzzPage, replacing: true))
    }),
    ("OnlineOrNot scheduled maintenance create", { r throws(APIError) in
        accepted(try ScheduledMaintenanceInput.forCreate(r, now: fuzzEpoch))
    }),
    ("OnlineOrNot scheduled maintenance update", { r throws(APIError) in
        accepted(try ScheduledMaintenanceInput.forUpdate(r, now: fuzzEpoch))
    }),
    ("OnlineOrNot subscriber create", { r throws(APIError) in accepted(try SubscriberInput.forCreate(r)) }),
    ("OnlineOrNot webhook create", { r throws(APIError) in accepted(try WebhookInput.forCreate(r)) }),
    ("OnlineOrNot webhook update", { r throws(APIError) in accepted(try WebhookInput.forUpdate(r)) }),
]

/// The page the status page bodies are applied to (one without a password, so that protection
/// without one is refused).
let fuzzPage = StatusPage(
    id: "page", projectId: "project", name: "Page", subdomain: "page", createdAt: fuzzNow, updatedAt: fuzzNow)

/// The clock the readers check `date_happened` against: the last representable time, so that every
/// valid timestamp is accepted and its path exercised.
let fuzzNow = Timestamp(millisecondsSince1970: 253_402_300_799_999)

/// The clock the maintenance readers check `start_date` against (it may not be in the past): the
/// epoch, for the same reason.
let fuzzEpoch = Timestamp(millisecondsSince1970: 0)

let contentTypes: [String?] = [
    "application/json", nil, "application/json; charset=utf-8", "application/merge-patch+json",
    "text/plain", "APPLICATION/JSON", "application/jsonx", " application/json ;",
]

/// Every stored property, by reflection, so that the readers' types need no public fields.
func accepted(_ value: some Any) -> String { String(reflecting: value) }

func request(_ body: [UInt8], contentType: String?) -> HTTPServerRequest {
    var fields = HTTPFields()
    if let contentType { fields[.contentType] = contentType }
    return HTTPServerRequest(method: .post, target: "/fuzz", headerFields: fields, body: body)
}

func reencoded(_ value: JSONValue) -> [UInt8] {
    var writer = JSONWriter()
    writer.value(value)
    return writer.bytes
}

/// A parsed body must survive JSONWriter and the parser unchanged.
func checkRoundTrip(_ body: [UInt8]) {
    guard let value = try? JSONValue.parse(body) else { return }
    let again = reencoded(value)
    let reparsed: JSONValue
    do { reparsed = try JSONValue.parse(again) } catch {
        fatalError("re-encoded JSON does not parse: \(error)\n\(String(decoding: again, as: UTF8.self))")
    }
    if reparsed != value { fatalError("JSON round trip changed the value:\n\(value)\n\(reparsed)") }
}

func checkEndpoint(_ endpoint: (name: String, read: BodyReader), _ body: [UInt8], contentType: String?) {
    let result: String
    do {
        result = try endpoint.read(request(body, contentType: contentType))
    } catch {
        switch error {
        case .malformedJSON, .unsupportedMediaType: return
        case .validation(_, let issues) where !issues.isEmpty: return
        default: fatalError("\(endpoint.name): unexpected refusal \(error)")
        }
    }
    guard let value = try? JSONValue.parse(body) else { fatalError("\(endpoint.name) accepted a body that is not JSON") }
    let again: String
    do { again = try endpoint.read(request(reencoded(value), contentType: contentType)) } catch {
        fatalError("\(endpoint.name) refused its own accepted body once re-encoded: \(error)")
    }
    if again != result { fatalError("\(endpoint.name) read the re-encoded body differently:\n\(result)\n\(again)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestBodies(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = Int(data[0])
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    // Bit 7 extends the low nibble, so inputs written when there were 16 endpoints keep their meaning.
    let endpoint = endpoints[((selector & 0x0F) | ((selector & 0x80) >> 3)) % endpoints.count]
    let contentType = contentTypes[((selector >> 4) & 0x07) % contentTypes.count]
    checkRoundTrip(body)
    checkEndpoint(endpoint, body, contentType: contentType)
    return 0
}

// A debug build's own `main` replays input files (see FuzzSupport); libFuzzer supplies it otherwise.
#if DEBUG
@main
enum FuzzBodiesReplay {
    static func main() throws {
        try replayFuzzInputs(CommandLine.arguments.dropFirst(), through: fuzzRequestBodies)
    }
}
#endif
