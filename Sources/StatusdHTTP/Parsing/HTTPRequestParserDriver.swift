/// Runs the request parser over a byte string the way a connection does (unconsumed bytes kept,
/// input arriving in slices), for the fuzzer and for diagnostics. The parser itself stays internal.
public enum HTTPRequestParserDriver {
    /// What came out: each complete message, and whether the parser refused the rest.
    public struct Summary: Equatable, Sendable {
        public var messages: [String] = []
        public var failed = false
    }

    /// Small limits, so that fuzz inputs of a few KiB reach every limit.
    public static let smallLimits = (target: 64, headerBytes: 256, fields: 8, body: 512)

    public static func run(
        _ input: UnsafeRawBufferPointer, sliceSize: Int,
        limits: (target: Int, headerBytes: Int, fields: Int, body: Int) = smallLimits
    ) -> Summary {
        var parser = RequestParser(limits: RequestParser.Limits(
            maxRequestTargetBytes: limits.target, maxHeaderBytes: limits.headerBytes,
            maxHeaderFields: limits.fields, maxBodyBytes: limits.body))
        var pending: [UInt8] = []
        var summary = Summary()
        var offset = 0
        while offset < input.count {
            let end = offset + min(max(1, sliceSize), input.count - offset)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset..<end]))
            offset = end
            while true {
                let (consumed, event) = pending.withUnsafeBytes { parser.parse($0) }
                precondition(consumed <= pending.count, "parser consumed more than it was given")
                pending.removeFirst(consumed)
                switch event {
                case .needMoreData:
                    break
                case .headComplete:
                    continue
                case .message(let message):
                    summary.messages.append(describe(message))
                    continue
                case .failed:
                    summary.failed = true
                    return summary
                }
                break
            }
        }
        return summary
    }

    private static func describe(_ message: RequestParser.Message) -> String {
        let head = message.head
        return "\(head.method.rawValue) \(head.target) 1.\(head.minorVersion) \(head.fields.count) fields "
            + "keepAlive=\(head.keepAlive) body=\(message.body)"
    }
}
