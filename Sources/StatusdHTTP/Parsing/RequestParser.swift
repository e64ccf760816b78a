/// Incremental HTTP/1.1 request parser (RFC 9112). Feed it whatever bytes have arrived, one byte or
/// many pipelined requests at once; it consumes at most one message per call and says what happened.
///
/// The header section is not copied while it arrives: the parser reports `consumed: 0` until the
/// whole section is buffered (it remembers how far it has scanned), then parses it in one pass.
struct RequestParser {
    /// Limits the parser enforces, each with its own status.
    struct Limits: Sendable {
        var maxRequestTargetBytes = 8 * 1024
        var maxHeaderBytes = 64 * 1024
        var maxHeaderFields = 100
        var maxBodyBytes = 1024 * 1024
    }

    /// A complete request message.
    struct Message: Sendable {
        var head: RequestHead
        var body: [UInt8]
    }

    enum Event {
        /// Nothing complete yet: keep the unconsumed bytes and call again with more.
        case needMoreData
        /// The head is complete and a body follows (the moment to send `100 Continue`).
        case headComplete(RequestHead)
        case message(Message)
        /// Refused; `head` is known when the failure came after the header section (413 on a body).
        case failed(HTTPParseError, head: RequestHead?)
    }

    private enum State {
        case head(HeadScanner)
        case body(RequestHead, remaining: Int)
        case chunked(RequestHead, ChunkedDecoder)
        case failed(HTTPParseError, RequestHead?)
    }

    let limits: Limits
    private var state: State
    private var body: [UInt8] = []

    init(limits: Limits) {
        self.limits = limits
        self.state = .head(HeadScanner())
    }

    /// True between messages, when no byte of the next one has been consumed or scanned.
    var isBetweenMessages: Bool {
        if case .head(let scanner) = state { return scanner.scanned == 0 }
        return false
    }

    /// Parses from the start of `input` (the bytes not consumed by earlier calls).
    mutating func parse(_ input: UnsafeRawBufferPointer) -> (consumed: Int, event: Event) {
        switch state {
        case .head(var scanner):
            return parseHead(input, scanner: &scanner)
        case .body(let head, let remaining):
            let take = min(remaining, input.count)
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<take]))
            if take == remaining { return (take, finish(head)) }
            state = .body(head, remaining: remaining - take)
            return (take, .needMoreData)
        case .chunked(let head, var decoder):
            let (consumed, result) = decoder.decode(input, into: &body, limits: limits)
            switch result {
            case .needMoreData:
                state = .chunked(head, decoder)
                return (consumed, .needMoreData)
            case .done:
                return (consumed, finish(head))
            case .failed(let error):
                return (consumed, fail(error, head))
            }
        case .failed(let error, let head):
            return (0, .failed(error, head: head))
        }
    }

    private mutating func parseHead(_ input: UnsafeRawBufferPointer, scanner: inout HeadScanner) -> (Int, Event) {
        switch scanner.scan(input, limits: limits) {
        case .needMoreData:
            state = .head(scanner)
            return (0, .needMoreData)
        case .failed(let error):
            return (0, fail(error, nil))
        case .complete(let lines, let end):
            let head: RequestHead
            do {
                head = try HeadParser.parse(input, lines: lines, limits: limits)
            } catch {
                return (end, fail(error, nil))
            }
            switch head.framing {
            case .none, .contentLength(0):
                return (end, finish(head))
            case .contentLength(let length):
                if length > limits.maxBodyBytes { return (end, fail(.payloadTooLarge, head)) }
                body.reserveCapacity(length)
                state = .body(head, remaining: length)
            case .chunked:
                state = .chunked(head, ChunkedDecoder())
            }
            return (end, .headComplete(head))
        }
    }

    private mutating func finish(_ head: RequestHead) -> Event {
        let message = Message(head: head, body: body)
        body = []
        state = .head(HeadScanner())
        return .message(message)
    }

    private mutating func fail(_ error: HTTPParseError, _ head: RequestHead?) -> Event {
        body = []
        state = .failed(error, head)
        return .failed(error, head: head)
    }
}
