import Glibc

/// Finds the end of a header section as bytes arrive, remembering how far it has looked so that
/// byte-at-a-time input costs linear time. Enforces line endings and size limits while scanning.
struct HeadScanner {
    /// Line boundaries found so far, as offsets into the buffered input (CRLF excluded).
    struct Lines {
        var requestLine: Range<Int> = 0..<0
        var fields: [Range<Int>] = []
    }

    enum Result {
        case needMoreData
        case complete(Lines, end: Int)
        case failed(HTTPParseError)
    }

    private(set) var scanned = 0
    private var lineStart = 0
    private var sawRequestLine = false
    private var lines = Lines()

    /// Request-line allowance beyond the target: method, two spaces, version, CRLF.
    private static let requestLineSlack = 64

    mutating func scan(_ input: UnsafeRawBufferPointer, limits: RequestParser.Limits) -> Result {
        guard let base = input.baseAddress, input.count > scanned else { return .needMoreData }
        while scanned < input.count {
            let remaining = input.count - scanned
            guard let found = memchr(base + scanned, Int32(ByteClass.lf), remaining) else {
                scanned = input.count
                return checkPendingLine(input, limits: limits)
            }
            let newline = base.distance(to: UnsafeRawPointer(found))
            scanned = newline + 1
            // RFC 9112 §2.2: a bare LF as line terminator is refused rather than guessed.
            guard newline > lineStart, input[newline - 1] == ByteClass.cr else {
                return .failed(.badRequest("line not terminated by CRLF"))
            }
            let line = lineStart..<(newline - 1)
            lineStart = newline + 1
            if line.isEmpty {
                // §2.2: empty lines before the request line are ignored.
                if !sawRequestLine {
                    if lineStart > limits.maxHeaderBytes { return .failed(.badRequest("no request line")) }
                    continue
                }
                if newline + 1 - lines.requestLine.upperBound > limits.maxHeaderBytes {
                    return .failed(.headerSectionTooLarge)
                }
                return .complete(lines, end: newline + 1)
            }
            if !sawRequestLine {
                // As for a pending line (below): refused as soon as it is seen, whole or in slices.
                guard ByteClass.isTokenChar(input[line.lowerBound]) else { return .failed(.badRequest("invalid method")) }
                sawRequestLine = true
                lines.requestLine = line
                if line.count > limits.maxRequestTargetBytes + Self.requestLineSlack {
                    return .failed(.requestTargetTooLong)
                }
            } else {
                lines.fields.append(line)
                if lines.fields.count > limits.maxHeaderFields { return .failed(.tooManyHeaderFields) }
                if newline + 1 - lines.requestLine.upperBound > limits.maxHeaderBytes {
                    return .failed(.headerSectionTooLarge)
                }
            }
        }
        return .needMoreData
    }

    /// Limits on a line whose end has not arrived yet.
    private func checkPendingLine(_ input: UnsafeRawBufferPointer, limits: RequestParser.Limits) -> Result {
        let count = input.count
        if !sawRequestLine {
            // A request line starts with a method token. Anything else (a TLS ClientHello's 0x16,
            // binary garbage) is refused at once, not when a line end or the header timeout comes.
            if count > lineStart, input[lineStart] != ByteClass.cr, !ByteClass.isTokenChar(input[lineStart]) {
                return .failed(.badRequest("invalid method"))
            }
            // +1: the line's CR may already be here; the complete-line check excludes it.
            if count - lineStart > limits.maxRequestTargetBytes + Self.requestLineSlack + 1 {
                return .failed(.requestTargetTooLong)
            }
            // Only CRLFs before a request line: a client sending nothing but blank lines.
            if lineStart > limits.maxHeaderBytes { return .failed(.badRequest("no request line")) }
        } else if count - lines.requestLine.upperBound > limits.maxHeaderBytes {
            return .failed(.headerSectionTooLarge)
        }
        return .needMoreData
    }
}
