@testable import StatusdHTTP

/// Feeds raw bytes to a `RequestParser` the way a connection does (keeping unconsumed bytes),
/// in slices of `sliceSize` bytes, and records what came out.
struct ParserRun {
    var messages: [RequestParser.Message] = []
    var headsCompleted = 0
    var error: HTTPParseError?
    var errorHead: RequestHead?

    var only: RequestParser.Message? { messages.count == 1 ? messages[0] : nil }
    var bodies: [String] { messages.map { String(decoding: $0.body, as: UTF8.self) } }
}

func parse(_ text: String, limits: RequestParser.Limits = .init(), sliceSize: Int = .max) -> ParserRun {
    parse(Array(text.utf8), limits: limits, sliceSize: sliceSize)
}

func parse(_ bytes: [UInt8], limits: RequestParser.Limits = .init(), sliceSize: Int = .max) -> ParserRun {
    var parser = RequestParser(limits: limits)
    var pending: [UInt8] = []
    var run = ParserRun()
    var offset = 0
    while offset < bytes.count {
        let end = offset + min(sliceSize, bytes.count - offset)
        pending += bytes[offset..<end]
        offset = end
        while true {
            let (consumed, event) = pending.withUnsafeBytes { parser.parse($0) }
            pending.removeFirst(consumed)
            switch event {
            case .needMoreData:
                break
            case .headComplete:
                run.headsCompleted += 1
                continue
            case .message(let message):
                run.messages.append(message)
                continue
            case .failed(let error, let head):
                run.error = error
                run.errorHead = head
                return run
            }
            break
        }
    }
    return run
}

extension RequestParser.Message {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
    func field(_ name: String) -> String? { head.fields.first { $0.name.canonicalName == name.lowercased() }?.value }
}
