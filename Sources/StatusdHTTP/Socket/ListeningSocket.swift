import Glibc

/// A bound, listening, non-blocking TCP socket.
struct ListeningSocket {
    let fd: Int32
    let port: Int

    init(host: String, port: Int, backlog: Int32) throws(SocketError) {
        var address = try SocketAddress.resolve(host: host, port: port)
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        do throws(SocketError) {
            try Socket.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            if address.family == AF_INET6 { try Socket.setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0) }
            let bound = withUnsafePointer(to: &address.storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, address.length) }
            }
            guard bound == 0 else { throw SocketError("bind") }
            guard listen(fd, backlog) == 0 else { throw SocketError("listen") }
            try Socket.setNonBlocking(fd)
            self.fd = fd
            self.port = SocketAddress.of(fd, peer: false)?.port ?? port
        } catch {
            close(fd)
            throw error
        }
    }

    enum Accepted {
        case connection(Int32)
        case wouldBlock
        /// A transient failure (the peer reset before accept, descriptors exhausted): try again later.
        case failed(SocketError)
    }

    func acceptOne() -> Accepted {
        let client = accept(fd, nil, nil)
        if client >= 0 {
            // Glibc's module map lacks accept4: set the flags the portable way.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            do throws(SocketError) {
                try Socket.setNonBlocking(client)
            } catch {
                close(client)
                return .failed(error)
            }
            return .connection(client)
        }
        switch errno {
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        case EINTR, ECONNABORTED, EPROTO: return .failed(SocketError("accept", code: errno))
        default: return .failed(SocketError("accept"))
        }
    }
}

/// Small wrappers over socket calls.
enum Socket {
    static func setOption(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError("setsockopt")
        }
    }

    static func setNonBlocking(_ fd: Int32) throws(SocketError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw SocketError("fcntl") }
    }

    /// Sends as much as the socket takes now; never raises SIGPIPE.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    }
}
