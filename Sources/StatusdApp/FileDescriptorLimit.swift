#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every connection is a file descriptor; the usual soft limit (1,024) would cap statusd far below its
/// default `maxConnections` (10,000), and connections past it would wait unanswered in the accept queue
/// instead of getting a clean 503. Raises the soft limit towards `wanted` (bounded by the hard limit)
/// and returns the limit in force.
@discardableResult
func raiseFileDescriptorLimit(toAtLeast wanted: Int) -> Int {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
    let target = min(rlim_t(wanted), limit.rlim_max)
    if limit.rlim_cur < target {
        var raised = limit
        raised.rlim_cur = target
        if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return Int(target) }
    }
    return Int(limit.rlim_cur)
}
