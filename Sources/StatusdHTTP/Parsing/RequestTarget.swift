/// Splits a request target into path and query (RFC 9112 §3.2): origin-form `/p?q`, absolute-form
/// `http://host/p?q` (path taken), or asterisk-form `*`.
struct RequestTarget {
    var path: String
    var query: Substring?

    /// Splits without validating (validation happens in the parser). Works on the UTF-8 bytes
    /// (every delimiter is ASCII): it runs on every request.
    init(_ target: String) {
        let slash = UInt8(ascii: "/"), mark = UInt8(ascii: "?")
        var rest = Substring(target)
        let bytes = target.utf8
        if bytes.first != slash, let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
           bytes[colon...].starts(with: "://".utf8) {
            let afterAuthority = bytes.index(colon, offsetBy: 3)
            if let cut = bytes[afterAuthority...].firstIndex(where: { $0 == slash || $0 == mark }) {
                rest = target[cut...]
            } else {
                rest = "/"
            }
            if rest.utf8.first == mark { rest = "/" + rest }
        }
        if let question = rest.utf8.firstIndex(of: mark) {
            path = String(rest[..<question])
            query = rest[rest.utf8.index(after: question)...]
        } else {
            path = String(rest)
            query = nil
        }
    }

    /// Whether `target` (all visible ASCII, checked by the caller) has a form a server accepts.
    static func isAcceptable(_ target: UnsafeRawBufferPointer, method: RequestLineMethod) -> Bool {
        guard let first = target.first else { return false }
        if first == UInt8(ascii: "/") { return !target.contains(UInt8(ascii: "#")) }
        if target.count == 1 && first == UInt8(ascii: "*") { return method == .options }
        let lower = target.prefix(8).map(ByteClass.lowercased)
        let isAbsolute = lower.starts(with: Array("http://".utf8)) || lower.starts(with: Array("https://".utf8))
        return isAbsolute && !target.contains(UInt8(ascii: "#"))
    }
}

/// The method as far as target-form rules care.
enum RequestLineMethod { case options, other }

/// `application/x-www-form-urlencoded`-style query parsing: `&`-separated, `+` is a space, percent-decoded.
public enum QueryString {
    public static func parse(_ query: Substring) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                items.append((
                    name: PercentDecoding.decode(pair[..<equals], plusIsSpace: true) ?? String(decoding: pair[..<equals], as: UTF8.self),
                    value: PercentDecoding.decode(pair[pair.index(after: equals)...], plusIsSpace: true)
                        ?? String(decoding: pair[pair.index(after: equals)...], as: UTF8.self)))
            } else {
                items.append((name: PercentDecoding.decode(pair, plusIsSpace: true) ?? String(decoding: pair, as: UTF8.self), value: ""))
            }
        }
        return items
    }
}

/// Percent-decoding (RFC 3986 §2.1). Invalid escapes or invalid UTF-8 give nil.
enum PercentDecoding {
    static func decode(_ bytes: some Collection<UInt8>, plusIsSpace: Bool) -> String? {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(validatingUTF8Bytes: bytes)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high != bytes.endIndex else { return nil }
                let low = bytes.index(after: high)
                guard low != bytes.endIndex,
                    let h = ByteClass.hexValue(bytes[high]), let l = ByteClass.hexValue(bytes[low])
                else { return nil }
                out.append(UInt8(h << 4 | l))
                index = bytes.index(after: low)
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = bytes.index(after: index)
            }
        }
        return String(validatingUTF8Bytes: out)
    }
}

extension String {
    /// A string from UTF-8 bytes, or nil when they are not valid UTF-8.
    init?(validatingUTF8Bytes bytes: some Collection<UInt8>) {
        guard let string = String(validating: bytes, as: UTF8.self) else { return nil }
        self = string
    }
}
