#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a plain pthread mutex: the lock every shared mutable state in statusd uses.
///
/// Not `Synchronization.Mutex`, for two measured reasons. On Linux it is a priority-inheritance
/// futex whose contended hand-over happens inside the kernel, where ThreadSanitizer cannot see it:
/// under load TSan then reports the very data it protects as racing, which hid real findings in
/// noise. And a default pthread mutex measured cheaper under the handler pool's contention.
public final class Locked<Value>: @unchecked Sendable {  // `value` is only touched under `mutex`
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
