#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StatusdCore

/// One HTTP/1.1 POST over a new TCP connection (`Connection: close`), on POSIX sockets, for the
/// webhook sender's threads. It dials exactly the URL's host and port, follows no redirect (a 3xx
/// is just a status), and gives up on a connect that takes longer than `timeout`, and again on
/// sending the request and reading the answer's head taking longer than `timeout`. Only the status
/// code is read; the body is not.
struct HTTPPostClient {
    let timeout: Duration

    enum Failure: Error, Equatable, CustomStringConvertible {
        case resolve(String)
        case connect(String)
        case timedOut(String)
        case closedEarly
        case malformedResponse

        var description: String {
            switch self {
            case .resolve(let reason): "cannot resolve host: \(reason)"
            case .connect(let reason): "cannot connect: \(reason)"
            case .timedOut(let phase): "timed out \(phase)"
            case .closedEarly: "connection closed before a complete response head"
            case .malformedResponse: "malformed HTTP response"
            }
        }
    }

    /// The answer's status code.
    func post(to url: WebhookURL, headers: [(String, String)], body: [UInt8]) throws(Failure) -> Int {
        let fd = try connect(host: url.host, port: url.port)
        defer { close(fd) }
        let hostField = url.host.contains(":") ? "[\(url.host)]" : url.host
        var head = "POST \(url.target) HTTP/1.1\r\nHost: \(hostField)\(url.port == 80 ? "" : ":\(url.port)")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let deadline = Self.deadline(after: timeout)
        try send(fd, Array(head.utf8) + body, until: deadline)
        return try readStatus(fd, until: deadline)
    }

    // MARK: Steps

    /// A connected non-blocking TCP socket to the host and port (the SMTP client dials through it too).
    func connect(host: String, port: Int) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .resolve(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        let deadline = Self.deadline(after: timeout)
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return fd }
            guard errno == EINPROGRESS else {
                lastError = String(cString: strerror(errno))
                close(fd)
                continue
            }
            guard Self.wait(fd, for: Int16(POLLOUT), until: deadline) else {
                close(fd)
                throw .timedOut("connecting")
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error == 0 { return fd }
            lastError = String(cString: strerror(error))
            close(fd)
        }
        throw .connect(lastError)
    }

    private func send(_ fd: Int32, _ bytes: [UInt8], until deadline: UInt64) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EAGAIN || errno == EINTR {
                guard Self.wait(fd, for: Int16(POLLOUT), until: deadline) else { throw .timedOut("sending the request") }
            } else {
                throw .closedEarly
            }
        }
    }

    /// Reads until the status line has come and takes its code (`HTTP/1.x NNN reason`).
    private func readStatus(_ fd: Int32, until deadline: UInt64) throws(Failure) -> Int {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 8192 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[..<count]
                if let end = received.firstIndex(of: UInt8(ascii: "\n")) { return try Self.statusCode(received[..<end]) }
            } else if count < 0, errno == EAGAIN || errno == EINTR {
                guard Self.wait(fd, for: Int16(POLLIN), until: deadline) else { throw .timedOut("waiting for the response") }
            } else {
                throw .closedEarly
            }
        }
        throw .malformedResponse
    }

    /// The code of a status line (without its LF; its CR is dropped here). The reason phrase may be
    /// empty or absent (`HTTP/1.1 204`, RFC 9112 §4).
    static func statusCode(_ line: ArraySlice<UInt8>) throws(Failure) -> Int {
        let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        let parts = String(decoding: text, as: UTF8.self).split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0", parts[1].count == 3,
              let code = Int(parts[1]), (100...599).contains(code) else { throw .malformedResponse }
        return code
    }

    // MARK: Time

    /// `MonotonicClock`-like nanoseconds of CLOCK_MONOTONIC.
    static func nowNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func deadline(after duration: Duration) -> UInt64 {
        nowNanoseconds() + UInt64(max(0, duration.milliseconds)) * 1_000_000
    }

    /// Polls until `events` or the deadline; false on timeout.
    static func wait(_ fd: Int32, for events: Int16, until deadline: UInt64) -> Bool {
        while true {
            let now = nowNanoseconds()
            guard now < deadline else { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min((deadline - now) / 1_000_000 + 1, 60_000)))
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return true }  // let the next call report the error
        }
    }
}
