import StatusdCore

/// Who the store's writes on this thread (or task) are made for: bound by the API layer around a
/// request's handler, by the site around a subscriber's link, read by `Store.write` on the caller's
/// thread and bound again around the write's body wherever the group commit runs it, so that each
/// writer of a shared transaction records its own actor.
enum AuditScope {
    @TaskLocal static var actor: AuditActor?
}

extension Store {
    /// Runs `body` with every store write inside it recorded in the audit log as `actor`'s.
    public static func withAuditActor<T>(_ actor: AuditActor, _ body: () throws -> T) rethrows -> T {
        try AuditScope.$actor.withValue(actor, operation: body)
    }

    /// Who writes made outside `withAuditActor` are recorded for: statusd itself unless told
    /// otherwise (the CLI says it is the CLI, once, when it opens the store).
    public func attributeUnboundWrites(to actor: AuditActor) {
        unboundAuditActor.withLock { $0 = actor }
    }

    /// The actor a write started now is recorded for.
    var currentAuditActor: AuditActor {
        AuditScope.actor ?? unboundAuditActor.withLock { $0 }
    }
}
