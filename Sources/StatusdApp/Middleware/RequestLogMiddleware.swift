import HTTPTypes
import Logging
import StatusdHTTP
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One log line per request (method, path, status, duration, request id), and the request id echoed in
/// `X-Request-Id`: the client's own when it sent a sane one, else a new one. Never logs header values,
/// query strings or bodies, so secrets (`Authorization`, `X-API-Key`) cannot reach the logs.
struct RequestLogMiddleware: HTTPMiddleware {
    static let requestIdField = HTTPField.Name("X-Request-Id")!

    let logger: Logger

    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        let started = ContinuousClock.now
        let requestId = Self.acceptedRequestId(request.headerFields[Self.requestIdField]) ?? RequestId.make()
        var response: HTTPServerResponse
        do {
            response = try next(request)
        } catch {
            // What failed, so that a 500 can be traced: error descriptions carry no request data
            // (GRDB leaves statement arguments out unless told otherwise, and statusd never tells it).
            log(request, status: 500, requestId: requestId, started: started, error: error)
            throw error
        }
        response.headerFields[Self.requestIdField] = requestId
        // 0: a test-control fault dropped the connection, no status was sent.
        log(request, status: response.dropsConnection ? 0 : response.status.code, requestId: requestId, started: started)
        return response
    }

    private func log(
        _ request: HTTPServerRequest, status: Int, requestId: String, started: ContinuousClock.Instant,
        error: (any Error)? = nil
    ) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.path),
            "status": .stringConvertible(status),
            "duration_ms": .string(String(format3: milliseconds)),
            "request_id": .string(requestId),
        ]
        if let error { metadata["error"] = .string(String(String(describing: error).prefix(500))) }
        logger.log(level: status >= 500 ? .error : .info, "request", metadata: metadata)
    }

    /// A client-supplied id is echoed only if it is 1–128 visible ASCII characters (no log injection).
    static func acceptedRequestId(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
              value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return value
    }
}

/// New request ids: 16 random bytes as 32 lowercase hex digits.
/// Request ids the server makes: 32 lowercase hex digits, a random per-process half (so ids from
/// two runs or two instances do not collide) and a counter (so no two requests of one process share
/// one). Not secrets; one system call per process instead of one per request.
enum RequestId {
    private static let processHalf: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    static func make() -> String {
        let sequence = counter.add(1, ordering: .relaxed).newValue
        // Spread consecutive numbers over all digits (an odd multiplier is a bijection), so ids do
        // not look like a shared prefix plus a slowly changing tail.
        return hex(processHalf, sequence &* 0x9E37_79B9_7F4A_7C15)
    }

    private static func hex(_ high: UInt64, _ low: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            for (offset, value) in [high, low].enumerated() {
                for index in 0..<16 {
                    buffer[offset * 16 + index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)]
                }
            }
            return 32
        }
    }
}

extension String {
    /// A number with three decimals, without Foundation's formatter.
    init(format3 value: Double) {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        self = "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
