import COpenSSL

/// Credential secrets: generated with OpenSSL's CSPRNG, stored only as SHA-256, compared in constant time.
enum Secrets {
    /// Bytes of randomness in a generated secret (256 bits).
    static let randomByteCount = 32

    enum Failure: Error, CustomStringConvertible {
        case randomUnavailable
        case digestFailed
        case emptySecret

        var description: String {
            switch self {
            case .randomUnavailable: "OpenSSL RAND_bytes failed: no secure randomness available"
            case .digestFailed: "OpenSSL SHA-256 failed"
            case .emptySecret: "a credential secret cannot be empty"
            }
        }
    }

    /// 32 bytes from `RAND_bytes`, as base64url without padding (43 characters).
    static func generate() throws -> String {
        var bytes = [UInt8](repeating: 0, count: randomByteCount)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else { throw Failure.randomUnavailable }
        return base64URL(bytes)
    }

    /// SHA-256 of the secret's UTF-8 bytes (libcrypto `EVP_Digest`).
    static func sha256(_ secret: String) throws -> [UInt8] {
        try sha256(Array(secret.utf8))
    }

    /// SHA-256 of `input` (libcrypto `EVP_Digest`).
    static func sha256(_ input: [UInt8]) throws -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = input.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil)
        }
        guard ok == 1, length == 32 else { throw Failure.digestFailed }
        return Array(digest.prefix(32))
    }

    /// A time-ordered (version 7, RFC 9562 §5.7) UUID in lowercase: the Unix time in milliseconds,
    /// then 74 random bits from `RAND_bytes` (Foundation's `UUID()` opens and reads `/dev/urandom`
    /// on every call). Ids made later sort later, so the indexes that end in the id (every
    /// list index, the primary keys) grow at their right edge instead of taking each new row on a
    /// random page: fewer pages written per commit.
    static func timeOrderedUUID(millisecondsSince1970 milliseconds: Int64) throws -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, 16) == 1 else { throw Failure.randomUnavailable }
        let time = UInt64(max(0, milliseconds))
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: time >> (40 - 8 * UInt64(index))) }
        bytes[6] = bytes[6] & 0x0F | 0x70
        bytes[8] = bytes[8] & 0x3F | 0x80
        return format(bytes)
    }

    /// A name-based (version 8, RFC 9562 §5.8) UUID: the first 16 bytes of SHA-256 of `name`. The same
    /// name gives the same id on every run (fixture rows that name no id of their own).
    static func nameBasedUUID(_ name: String) throws -> String {
        var bytes = Array(try sha256(name).prefix(16))
        bytes[6] = bytes[6] & 0x0F | 0x80
        bytes[8] = bytes[8] & 0x3F | 0x80
        return format(bytes)
    }

    /// 16 bytes in the 8-4-4-4-12 lowercase hex form.
    private static func format(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Constant-time equality (`CRYPTO_memcmp`) for digests of equal length.
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }

    /// RFC 4648 §5 base64url, no padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of unpadded base64url text; nil for any other character or an impossible length.
    static func base64URLDecoded(_ text: String) -> [UInt8]? {
        var values: [Int] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(Int(byte) - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(Int(byte) - 71)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(Int(byte) + 4)
            case UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "_"): values.append(63)
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var value = 0
            for (offset, sextet) in chunk.enumerated() { value |= sextet << (18 - 6 * offset) }
            for position in 0..<(chunk.count - 1) { out.append(UInt8((value >> (16 - 8 * position)) & 0xFF)) }
            index += 4
        }
        return out
    }
}
