// libFuzzer entry point for query strings (see TESTING.md and scripts/fuzz): the request target's
// split and percent-decoding (`HTTPServerRequest(method:target:)`), then the list parameters of both
// API shapes (`QueryReader`, `Paging`, OnlineOrNot `ListParameters`, UptimeIO `IncidentListQuery` and
// `UpdateListQuery`).
//
// The first byte chooses the reader (low two bits) and whether the rest is a whole target (high bit)
// or the query after `/p?`. Invariants: nothing crashes; the path never holds the query; the decoded
// items, percent-encoded again, parse back to the same items; accepted paging stays in its documented
// bounds and slices without trapping; a refusal is always a validation error naming a parameter.
import FuzzSupport
import Glibc
import OnlineOrNotAPI
import StatusdAPI
import StatusdHTTP
import UptimeIOAPI

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
func encoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = Array("0123456789ABCDEF".unicodeScalars)
            out.unicodeScalars.append("%")
            out.unicodeScalars.append(hex[Int(byte >> 4)])
            out.unicodeScalars.append(hex[Int(byte & 0x0F)])
        }
    }
    return out
}

func checkQueryRoundTrip(_ request: HTTPServerRequest) {
    check(!request.path.contains("?"), "path holds the query: \(request.path)")
    let query = request.query.map { encoded($0.name) + "=" + encoded($0.value) }.joined(separator: "&")
    let again = HTTPServerRequest(method: .get, target: "/p?" + query).query
    check(again.count == request.query.count, "re-encoded query has \(again.count) items, not \(request.query.count)")
    for (first, second) in zip(request.query, again) {
        check(first == second, "query item changed once re-encoded: \(first) → \(second)")
    }
}

func checkPaging(_ paging: Paging) {
    check((1...Paging.maximumPage).contains(paging.page), "page out of bounds: \(paging.page)")
    check((1...Paging.maximumPageSize).contains(paging.pageSize), "page size out of bounds: \(paging.pageSize)")
    check(paging.pageCount(total: 250) >= 3, "page count of 250 rows below 3")
}

func readList(_ request: HTTPServerRequest, _ reader: Int) throws(APIError) {
    switch reader {
    case 0:
        let parameters = try ListParameters(request)
        checkPaging(parameters.paging)
        check(parameters.slice(Array(0..<250)).count <= parameters.paging.pageSize, "slice larger than a page")
        if let search = parameters.search {
            check(!search.isEmpty && search.unicodeScalars.count <= 256, "search out of bounds: \(search.count)")
            _ = parameters.matches("Database outage", nil)
        }
    case 1:
        let query = try IncidentListQuery.parse(request, statusPageId: "page")
        checkPaging(Paging(page: query.page, pageSize: query.perPage))
    case 2:
        checkPaging(try UpdateListQuery.parse(request).paging)
    default:
        var reader = QueryReader(request)
        checkPaging(Paging.read(from: &reader, sizeParameter: "limit"))
        _ = reader.integer("offset", in: 0...Int.max, default: 0)
        _ = reader.string("q", maximumLength: 8)
        try reader.finish()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryStrings(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let request = HTTPServerRequest(method: .get, target: selector & 0x80 != 0 ? text : "/p?" + text)
    checkQueryRoundTrip(request)
    do {
        try readList(request, Int(selector & 0x03))
    } catch {
        guard case .validation(_, let issues) = error, !issues.isEmpty else { fatalError("unexpected refusal \(error)") }
        let names = Set(request.query.map(\.name))
        check(issues.allSatisfy { names.contains($0.field) }, "an issue names no parameter the client sent: \(issues)")
    }
    return 0
}

// A debug build's own `main` replays input files (see FuzzSupport); libFuzzer supplies it otherwise.
#if DEBUG
@main
enum FuzzQueryReplay {
    static func main() throws {
        try replayFuzzInputs(CommandLine.arguments.dropFirst(), through: fuzzQueryStrings)
    }
}
#endif
