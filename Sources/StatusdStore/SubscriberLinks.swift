import COpenSSL
import StatusdCore

/// The signed tokens of the links in subscriber mail: `<subscriber id, hex>.<HMAC-SHA256, hex>`,
/// the tag over the purpose and the id, keyed by the server secret `subscriber_links` (kept in the
/// file, so links hold across restarts and on every process serving it). A token names one
/// subscriber for one purpose and never expires: an unsubscribe link must work in an old mail.
public struct SubscriberLinks: Sendable {
    public enum Purpose: String, Sendable {
        case confirm
        case unsubscribe
    }

    private let key: ServerKey

    /// The key is loaded from the store when a link is first made (and made there, if it is the
    /// first link ever) or checked, not at start-up: making it is a write and the first use of
    /// OpenSSL's random generator, which an idle server, or one that never sends mail, does not need.
    public init(store: Store) {
        key = ServerKey(store: store, name: "subscriber_links")
    }

    public func token(subscriberId: String, _ purpose: Purpose) throws -> String {
        let id = Hex.encode(Array(subscriberId.utf8))
        return id + "." + Hex.encode(tag(id: id, purpose, key: try key.bytes()))
    }

    /// The subscriber id a token was made for, if it is genuine and for `purpose` (compared in constant time).
    public func subscriberId(from token: String, _ purpose: Purpose) throws -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 512, let idBytes = Hex.decode(parts[0]), let given = Hex.decode(parts[1]) else {
            return nil
        }
        // No key yet: no link was ever made. Checking never makes one, so a forged token on an
        // anonymous request costs a read, never a write.
        guard let key = try key.existingBytes() else { return nil }
        let expected = tag(id: String(parts[0]), purpose, key: key)
        guard given.count == expected.count, !expected.isEmpty, CRYPTO_memcmp(given, expected, given.count) == 0 else {
            return nil
        }
        return String(decoding: idBytes, as: UTF8.self)
    }

    /// Domain-separated from every other use of a server key.
    private func tag(id: String, _ purpose: Purpose, key: [UInt8]) -> [UInt8] {
        let message = Array("statusd subscriber link v1\n\(purpose.rawValue)\n\(id)".utf8)
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { bytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count), bytes.baseAddress, bytes.count, &out, &length)
            }
        }
        guard done != nil, length == 32 else { return [] }
        return Array(out.prefix(32))
    }
}

