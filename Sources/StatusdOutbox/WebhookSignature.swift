import COpenSSL
import StatusdCore

/// `X-Statusd-Signature: v1=<hex>`: HMAC-SHA256, keyed with the webhook's secret, of
/// `"<X-Statusd-Timestamp>.<body>"`. A receiver recomputes it and compares in constant time,
/// and refuses old timestamps to stop replays.
public enum WebhookSignature {
    public static func header(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        "v1=" + Hex.encode(hmacSHA256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body))
    }

    /// libcrypto's one-shot `HMAC` with SHA-256.
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                _ = HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count, &digest, &length)
            }
        }
        return Array(digest.prefix(Int(length)))
    }
}
