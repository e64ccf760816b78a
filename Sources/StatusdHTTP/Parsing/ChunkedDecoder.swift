/// De-chunks a `Transfer-Encoding: chunked` body (RFC 9112 §7.1) as bytes arrive: sizes in hex,
/// extensions accepted and ignored, trailer fields validated and dropped, running total limited.
struct ChunkedDecoder {
    enum Result {
        case needMoreData
        case done
        case failed(HTTPParseError)
    }

    private enum State {
        case size(value: UInt64, digits: Int)
        case sizeWhitespace(value: UInt64)
        case extensions(value: UInt64)
        case sizeLF(value: UInt64)
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerName
        case trailerValue
        case trailerLF
        case finalLF
    }

    private var state = State.size(value: 0, digits: 0)
    private var total = 0
    private var extensionBytes = 0
    private var trailerBytes = 0

    /// Longest accepted chunk extension per line; longer ones are an abuse, not a use.
    private static let maxExtensionBytes = 4096

    mutating func decode(
        _ input: UnsafeRawBufferPointer, into body: inout [UInt8], limits: RequestParser.Limits
    ) -> (consumed: Int, result: Result) {
        var index = 0
        while index < input.count {
            if case .data(let remaining) = state {
                let take = min(remaining, input.count - index)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]))
                index += take
                state = take == remaining ? .dataCR : .data(remaining: remaining - take)
                continue
            }
            let byte = input[index]
            index += 1
            switch step(byte, limits: limits) {
            case .needMoreData: continue
            case .done: return (index, .done)
            case .failed(let error): return (index, .failed(error))
            }
        }
        return (index, .needMoreData)
    }

    private mutating func step(_ byte: UInt8, limits: RequestParser.Limits) -> Result {
        switch state {
        case .size(let value, let digits):
            if let digit = ByteClass.hexValue(byte) {
                guard digits < 15 else { return .failed(.badRequest("chunk size too long")) }
                state = .size(value: value << 4 | digit, digits: digits + 1)
                return .needMoreData
            }
            guard digits > 0 else { return .failed(.badRequest("invalid chunk size")) }
            return afterSize(byte, value: value)
        case .sizeWhitespace(let value):
            return afterSize(byte, value: value)
        case .extensions(let value):
            extensionBytes += 1
            if byte == ByteClass.cr { state = .sizeLF(value: value); return .needMoreData }
            guard ByteClass.isFieldValueChar(byte), extensionBytes <= Self.maxExtensionBytes else {
                return .failed(.badRequest("invalid chunk extension"))
            }
            return .needMoreData
        case .sizeLF(let value):
            guard byte == ByteClass.lf else { return .failed(.badRequest("chunk size line not ended by CRLF")) }
            return startChunk(size: value, limits: limits)
        case .data:
            preconditionFailure("data is copied in bulk by decode")
        case .dataCR:
            guard byte == ByteClass.cr else { return .failed(.badRequest("chunk data not followed by CRLF")) }
            state = .dataLF
        case .dataLF:
            guard byte == ByteClass.lf else { return .failed(.badRequest("chunk data not followed by CRLF")) }
            state = .size(value: 0, digits: 0)
        case .trailerLineStart, .trailerName, .trailerValue, .trailerLF, .finalLF:
            return trailer(byte, limits: limits)
        }
        return .needMoreData
    }

    /// chunk-size [ chunk-ext ] CRLF, where chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ).
    private mutating func afterSize(_ byte: UInt8, value: UInt64) -> Result {
        switch byte {
        case ByteClass.cr: state = .sizeLF(value: value)
        case UInt8(ascii: ";"): extensionBytes = 0; state = .extensions(value: value)
        case ByteClass.space, ByteClass.tab: state = .sizeWhitespace(value: value)
        default: return .failed(.badRequest("invalid chunk size"))
        }
        return .needMoreData
    }

    private mutating func startChunk(size: UInt64, limits: RequestParser.Limits) -> Result {
        guard size > 0 else { state = .trailerLineStart; return .needMoreData }
        // The limit is checked against the running total before the chunk's data is read.
        guard size <= UInt64(limits.maxBodyBytes - total) else { return .failed(.payloadTooLarge) }
        total += Int(size)
        state = .data(remaining: Int(size))
        return .needMoreData
    }

    /// trailer-section = *( field-line CRLF ) CRLF; fields are checked as in the header section.
    private mutating func trailer(_ byte: UInt8, limits: RequestParser.Limits) -> Result {
        trailerBytes += 1
        guard trailerBytes <= limits.maxHeaderBytes else { return .failed(.headerSectionTooLarge) }
        switch state {
        case .trailerLineStart:
            if byte == ByteClass.cr { state = .finalLF; return .needMoreData }
            guard ByteClass.isTokenChar(byte) else {
                return .failed(.badRequest(ByteClass.isWhitespace(byte) ? "obsolete line folding" : "invalid trailer"))
            }
            state = .trailerName
        case .trailerName:
            if byte == ByteClass.colon { state = .trailerValue; return .needMoreData }
            guard ByteClass.isTokenChar(byte) else { return .failed(.badRequest("invalid trailer field name")) }
        case .trailerValue:
            if byte == ByteClass.cr { state = .trailerLF; return .needMoreData }
            guard ByteClass.isFieldValueChar(byte) else { return .failed(.badRequest("invalid trailer value")) }
        case .trailerLF:
            guard byte == ByteClass.lf else { return .failed(.badRequest("bare CR in trailer")) }
            state = .trailerLineStart
        case .finalLF:
            guard byte == ByteClass.lf else { return .failed(.badRequest("bare CR in trailer")) }
            return .done
        default:
            preconditionFailure("not a trailer state")
        }
        return .needMoreData
    }
}
