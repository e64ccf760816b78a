import COpenSSL

/// HMAC-SHA256, SHA-256 and a constant-time comparison from the system OpenSSL (libcrypto), for the
/// access cookie and the feeds' entity tags.
enum SiteCrypto {
    static func hmacSHA256(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count), messageBytes.baseAddress,
                     messageBytes.count, &out, &length)
            }
        }
        // HMAC fails only without memory; an empty tag then verifies nothing.
        guard done != nil, length == 32 else { return [] }
        return Array(out.prefix(32))
    }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { raw in EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil) }
        guard ok == 1, length == 32 else { return [] }
        return Array(digest.prefix(32))
    }

    /// Equal length and equal bytes, in time that depends on the length alone (`CRYPTO_memcmp`).
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count, !lhs.isEmpty else { return false }
        return CRYPTO_memcmp(lhs, rhs, lhs.count) == 0
    }
}
