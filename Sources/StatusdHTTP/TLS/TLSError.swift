import COpenSSL
import Glibc

/// Why the TLS context could not be built: which file and what went wrong, in one line for the
/// operator (start-up error or failed reload). OpenSSL's error queue is drained into the message.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) {
        self.description = description
    }

    /// `what` followed by the reasons OpenSSL queued (oldest first), and the queue left empty.
    static func openSSL(_ what: String) -> TLSError {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            let reason = ERR_reason_error_string(code).map { String(cString: $0) } ?? "error \(code)"
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        return TLSError(reasons.isEmpty ? what : "\(what): \(reasons.joined(separator: ": "))")
    }

    /// Fails unless `path` names a readable regular file, with the system's reason.
    static func checkReadable(_ path: String, as role: String) throws(TLSError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw TLSError("cannot read TLS \(role) '\(path)': \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw TLSError("cannot read TLS \(role) '\(path)': not a regular file")
        }
        guard access(path, R_OK) == 0 else {
            throw TLSError("cannot read TLS \(role) '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
