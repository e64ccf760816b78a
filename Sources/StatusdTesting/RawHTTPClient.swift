import Glibc

/// A tiny blocking HTTP/1.1 client over a raw socket, for tests: it sends any bytes (including
/// malformed requests no real client would send), reads responses off the wire and detects close.
public final class RawHTTPClient {
    public enum Failure: Error, Equatable {
        case connectFailed(Int32)
        case sendFailed(Int32)
        case timedOut
        /// The server closed (or reset) the connection before a complete response.
        case closed
        case malformedResponse(String)
    }

    public let fd: Int32
    /// Bytes received so far on this connection: tells "no answer at all" from "answer cut short".
    public private(set) var bytesReceived = 0
    private var buffer: [UInt8] = []
    private var open = true

    /// Connects to `host:port` (IPv4 or IPv6 literal); reads give up after `timeout` seconds.
    public init(host: String = "127.0.0.1", port: Int, timeout: Double = 5) throws {
        let isIPv6 = host.contains(":")
        fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connectFailed(errno) }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        let status: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = UInt16(port).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard status == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure.connectFailed(code)
        }
    }

    deinit { close() }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure.sendFailed(errno) }
            sent += count
        }
    }

    /// Reads one response. `forHEAD`: the response to a HEAD request has no body whatever its
    /// Content-Length says. A `100 Continue` is returned as a response of its own.
    public func readResponse(forHEAD: Bool = false) throws -> TestResponse {
        let headEnd = try readUntilHeadEnd()
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw Failure.malformedResponse("status line: \(headText)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformedResponse("field: \(line)") }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
        }
        func value(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        var body: [UInt8] = []
        if forHEAD || status < 200 || status == 204 || status == 304 {
            body = []
        } else if let length = value("content-length").flatMap(Int.init) {
            body = try readExactly(length)
        } else if value("transfer-encoding")?.lowercased() == "chunked" {
            body = try readChunked()
        } else {
            body = try readToEnd()
        }
        return TestResponse(status: status, headers: headers, body: body)
    }

    /// Whether the server has closed the connection (EOF or reset) within `timeout` seconds;
    /// bytes that arrive meanwhile are kept for later reads.
    public func isClosedByServer(timeout: Double = 2) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let deadline = Double(timeout * 1000)
        var waited = 0.0
        while waited < deadline {
            let ready = poll(&poller, 1, 50)
            waited += 50
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return true }
            bytesReceived += count
            buffer.append(contentsOf: chunk[..<count])
        }
        return false
    }

    /// Closes with SO_LINGER 0, so the server sees a TCP reset instead of an orderly close.
    public func resetAbruptly() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    /// Shuts down the sending side only (the server sees end of input).
    public func closeWriting() { shutdown(fd, Int32(SHUT_WR)) }

    public func close() {
        if open { Glibc.close(fd) }
        open = false
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        if count > 0 {
            bytesReceived += count
            buffer.append(contentsOf: chunk[..<count])
        } else if count == 0 || errno == ECONNRESET {
            throw Failure.closed
        } else if errno == EAGAIN || errno == EWOULDBLOCK {
            throw Failure.timedOut
        } else if errno != EINTR {
            throw Failure.closed
        }
    }

    private func readUntilHeadEnd() throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= 4 {
                for index in searchFrom...(buffer.count - 4)
                where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                    return index
                }
                searchFrom = buffer.count - 3
            }
            try fill()
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    private func readLine() throws -> String {
        while true {
            if let index = buffer.indices.dropLast().first(where: { buffer[$0] == 13 && buffer[$0 + 1] == 10 }) {
                defer { buffer.removeFirst(index + 2) }
                return String(decoding: buffer[..<index], as: UTF8.self)
            }
            try fill()
        }
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeText = try readLine().split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw Failure.malformedResponse("chunk size") }
            if size == 0 {
                while try !readLine().isEmpty {}
                return body
            }
            body += try readExactly(size)
            _ = try readExactly(2)
        }
    }

    private func readToEnd() throws -> [UInt8] {
        do {
            while true { try fill() }
        } catch Failure.closed {
            defer { buffer.removeAll() }
            return buffer
        }
    }
}
