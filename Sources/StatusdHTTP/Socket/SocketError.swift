import Glibc

/// A failed socket call: which call, and the errno it left (FlyingFox `SocketError.makeFailed`).
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32

    init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}
