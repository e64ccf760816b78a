#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex guarding state that lives elsewhere: an object whose fields are touched by more
/// than one thread (a connection's, by its event loop and the pool thread writing its answer).
/// `Locked<Void>` would do the same, but ThreadSanitizer takes the empty value's exclusive access for
/// a race with the reads of the object's type metadata.
public final class PlainLock: @unchecked Sendable {  // only the mutex, used through pthread calls
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
