import Foundation
import GRDB
import StatusdSync
import Synchronization

/// What the write path tells the server about the storage: writes started failing for a reason of
/// the machine's (reported again at most once a minute while they keep failing), or work again.
public enum StorageEvent: Sendable, Equatable {
    /// Writes fail with `trouble`; `detail` is SQLite's own message (no SQL arguments, no secrets);
    /// `failures` counts the writes refused since the trouble began.
    case failing(StorageTrouble, detail: String, failures: Int)
    /// A write committed again after `failures` were refused.
    case recovered(failures: Int)
}

/// Tracks whether the last writes failed for a `StorageTrouble`, so the log says once (not once
/// per request) that the disk is full, and says when writes work again: an operator sees both.
final class StorageHealth: Sendable {
    private struct State {
        var trouble: StorageTrouble?
        var failures = 0
        var reportedAt: ContinuousClock.Instant?
    }

    /// Set while writes are failing: a committed write checks only this (no lock) in the usual case.
    private let troubled = Atomic<Bool>(false)
    private let state = Locked(State())
    private let observer = Locked<(@Sendable (StorageEvent) -> Void)?>(nil)
    /// How long a continuing trouble goes unreported after it was last reported.
    private let reportEvery: Duration

    init(reportEvery: Duration = .seconds(60)) {
        self.reportEvery = reportEvery
    }

    func observe(_ observe: @escaping @Sendable (StorageEvent) -> Void) {
        observer.withLock { $0 = observe }
    }

    func writeFailed(_ trouble: StorageTrouble, _ error: any Error) {
        let now = ContinuousClock.now
        let event = state.withLock { state -> StorageEvent? in
            state.failures += 1
            let changed = state.trouble != trouble
            state.trouble = trouble
            troubled.store(true, ordering: .relaxed)
            if !changed, let reportedAt = state.reportedAt, now - reportedAt < reportEvery { return nil }
            state.reportedAt = now
            return .failing(trouble, detail: Self.detail(error), failures: state.failures)
        }
        if let event { notify(event) }
    }

    func writeSucceeded() {
        guard troubled.load(ordering: .relaxed) else { return }
        let failures = state.withLock { state -> Int? in
            guard state.trouble != nil else { return nil }
            defer { state = State() }
            troubled.store(false, ordering: .relaxed)
            return state.failures
        }
        if let failures { notify(.recovered(failures: failures)) }
    }

    private func notify(_ event: StorageEvent) {
        observer.withLock { $0 }?(event)
    }

    /// SQLite's code and message, without the statement (which names tables, not values, but
    /// says more than an operator needs).
    private static func detail(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return String(describing: error) }
        return "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")"
    }
}
