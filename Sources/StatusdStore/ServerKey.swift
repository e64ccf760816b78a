import StatusdSync

/// One server secret (`Store.serverSecret`), read from the store on first use and kept: the keys
/// that sign access cookies and subscriber links are needed by some requests, never at start-up.
/// Loaded outside the lock: two first uses at once both get the one key the store keeps.
public final class ServerKey: Sendable {
    private let store: Store
    private let name: String
    private let cached = Locked<[UInt8]?>(nil)

    public init(store: Store, name: String) {
        self.store = store
        self.name = name
    }

    /// The key, made if there is none yet: for signing.
    public func bytes() throws -> [UInt8] {
        if let known = cached.withLock({ $0 }) { return known }
        let loaded = try store.serverSecret(named: name)
        cached.withLock { $0 = loaded }
        return loaded
    }

    /// The key if one was ever made, never writing: for checking what only a made key can have signed.
    public func existingBytes() throws -> [UInt8]? {
        if let known = cached.withLock({ $0 }) { return known }
        guard let loaded = try store.existingServerSecret(named: name) else { return nil }
        cached.withLock { $0 = loaded }
        return loaded
    }
}
