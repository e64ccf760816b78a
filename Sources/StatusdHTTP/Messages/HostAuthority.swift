/// `host[:port]` as it appears in a `Host` header or an origin, checked strictly (RFC 3986 §3.2.2
/// reg-name of letters, digits, '-' and '.', an IPv4 address, or a bracketed IPv6 address), so
/// that a value echoed back into a document can never carry anything else.
public struct HostAuthority: Sendable, Equatable {
    /// Lowercased; IPv6 addresses keep their brackets.
    public let host: String
    public let port: Int?

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 261 else { return nil }
        var hostEnd = bytes.count
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 2,
                  bytes[1..<close].allSatisfy(Self.isIPv6Byte),
                  bytes[1..<close].contains(UInt8(ascii: ":"))
            else { return nil }
            hostEnd = close + 1
            guard hostEnd == bytes.count || bytes[hostEnd] == UInt8(ascii: ":") else { return nil }
        } else {
            hostEnd = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.count
            let name = bytes[..<hostEnd]
            // One trailing dot (a fully qualified name) is allowed; every label is 1-63 bytes.
            let labels = (name.last == UInt8(ascii: ".") ? name.dropLast() : name)
                .split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard name.count <= 253, name.allSatisfy(Self.isRegNameByte), name.first != UInt8(ascii: "-"),
                  labels.allSatisfy({ (1...63).contains($0.count) })
            else { return nil }
        }
        host = String(decoding: bytes[..<hostEnd], as: UTF8.self).lowercased()
        if hostEnd == bytes.count {
            port = nil
            return
        }
        let digits = bytes[(hostEnd + 1)...]
        guard (1...5).contains(digits.count), digits.allSatisfy({ (48...57).contains($0) }),
              let value = Int(String(decoding: digits, as: UTF8.self)), (1...65_535).contains(value)
        else { return nil }
        port = value
    }

    /// `host` or `host:port`, as it would be written back.
    public var text: String { port.map { "\(host):\($0)" } ?? host }

    private static func isRegNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func isIPv6Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
