import COpenSSL
import Dispatch

/// Status page passwords: chosen by people, so guessable, unlike credential secrets (256 random
/// bits, for which one SHA-256 is enough). Kept as salted PBKDF2-HMAC-SHA256 with OWASP's 2023
/// work factor, encoded with its parameters (`pbkdf2-sha256$600000$<salt>$<hash>`, base64url) so
/// the factor can grow without invalidating stored passwords. Verified in constant time.
public enum PasswordHash {
    static let scheme = "pbkdf2-sha256"
    static let iterations = 600_000
    static let saltBytes = 16
    static let hashBytes = 32

    /// A fresh salt from OpenSSL's CSPRNG and the derived key, encoded.
    public static func make(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: saltBytes)
        guard RAND_bytes(&salt, Int32(saltBytes)) == 1 else { throw Secrets.Failure.randomUnavailable }
        let hash = try derive(password, salt: salt, iterations: iterations)
        return "\(scheme)$\(iterations)$\(Secrets.base64URL(salt))$\(Secrets.base64URL(hash))"
    }

    /// Whether `password` is the one `encoded` was made from; false for anything malformed.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let rounds = Int(parts[1]), (1...10_000_000).contains(rounds),
              let salt = Secrets.base64URLDecoded(String(parts[2])),
              let expected = Secrets.base64URLDecoded(String(parts[3])), expected.count == hashBytes,
              let actual = try? derive(password, salt: salt, iterations: rounds)
        else { return false }
        return CRYPTO_memcmp(actual, expected, hashBytes) == 0
    }

    /// At most two derivations at once: each is a good part of a second of CPU by design, and a
    /// burst of them (password checks on a public page, say) must not take every handler thread.
    private static let gate = DispatchSemaphore(value: 2)

    private static func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        gate.wait()
        defer { gate.signal() }
        let bytes = Array(password.utf8)
        var out = [UInt8](repeating: 0, count: hashBytes)
        let ok = bytes.withUnsafeBufferPointer { passwordBuffer in
            passwordBuffer.withMemoryRebound(to: CChar.self) { chars in
                PKCS5_PBKDF2_HMAC(
                    chars.baseAddress, Int32(bytes.count), salt, Int32(salt.count), Int32(iterations),
                    EVP_sha256(), Int32(hashBytes), &out)
            }
        }
        guard ok == 1 else { throw Secrets.Failure.digestFailed }
        return out
    }
}
