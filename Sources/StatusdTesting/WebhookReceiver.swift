import Foundation
import StatusdSync
#if canImport(Glibc)
import Glibc
#endif

/// A webhook receiver on 127.0.0.1 for tests: a raw-socket HTTP/1.1 listener on a thread of its own
/// that records every request (when it arrived, its head and body) and answers each with the next
/// step of its script: a status, or a stall (reading the request, answering nothing for a while,
/// then closing). Past the script it answers 200. A test stops it (`defer { receiver.stop() }`):
/// its accepting thread holds it until then.
public final class WebhookReceiver: Sendable {
    public enum Step: Sendable {
        case status(Int)
        case stall(seconds: Double)
    }

    /// One request as it came in.
    public struct Request: Sendable {
        /// `CLOCK_MONOTONIC` seconds at the moment its head and body had arrived.
        public var arrivedAt: Double
        public var requestLine: String
        /// Names lowercased.
        public var headers: [String: String]
        public var body: [UInt8]

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    public let port: Int
    private let listener: Int32
    private let state: Locked<(script: [Step], requests: [Request], stopped: Bool)>

    /// Listens on `port` (0: any free one).
    public init(port: Int = 0, script: [Step] = []) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            close(listener)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        self.port = Int(UInt16(bigEndian: address.sin_port))
        state = Locked((script, [], false))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// `http://127.0.0.1:PORT/hook`.
    public var url: String { "http://127.0.0.1:\(port)/hook" }

    public var requests: [Request] { state.withLock { $0.requests } }

    /// Waits up to `seconds` until `count` requests have come; returns those that came.
    public func waitForRequests(_ count: Int, seconds: Double) -> [Request] {
        let deadline = Date().addingTimeInterval(seconds)
        while requests.count < count, Date() < deadline { usleep(10_000) }
        return requests
    }

    /// Closes the listening socket: connections are refused from now on.
    public func stop() {
        let wasStopped = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    public static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private func acceptLoop() {
        while !state.withLock({ $0.stopped }) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let connection = Thread { [self] in serve(client) }
            connection.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = Self.read(client) else { return }
        let step = state.withLock { state -> Step in
            state.requests.append(request)
            return state.script.isEmpty ? .status(200) : state.script.removeFirst()
        }
        switch step {
        case .status(let code):
            let answer = "HTTP/1.1 \(code) X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            _ = answer.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        case .stall(let seconds):
            usleep(UInt32(seconds * 1_000_000))
        }
    }

    /// The head and a Content-Length body; nil if the connection ends first.
    private static func read(_ client: Int32) -> Request? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var needed = Int.max
        while bytes.count < needed {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            bytes += buffer[..<count]
            if headEnd == nil, let range = firstRange(of: separator, in: bytes) {
                headEnd = range
                let head = String(decoding: bytes[..<range], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                needed = range + 4 + length
            }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(
            arrivedAt: monotonicSeconds(), requestLine: lines.first ?? "", headers: headers,
            body: Array(bytes[(headEnd + 4)...]))
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
