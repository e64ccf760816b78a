import Foundation
import Logging
@testable import StatusdApp
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Log lines reach the descriptor whole and in order: an error at once, the rest within the flush
/// interval, and the text layout is swift-log's with the time in UTC.
@Suite struct LogOutputTests {
    /// A pipe whose read end is non-blocking, so a test can see that nothing arrived yet.
    func withPipe(_ body: (LogOutput, () -> String) throws -> Void) throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        let output = LogOutput(descriptor: ends[1])
        try body(output) {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(ends[0], &buffer, buffer.count)
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func anErrorLineIsWrittenAtOnceWithWhatCameBefore() throws {
        try withPipe { output, drain in
            output.append(Array("first\n".utf8))
            output.append(Array("second\n".utf8), urgent: true)
            #expect(drain() == "first\nsecond\n")
        }
    }

    @Test func otherLinesFollowWithinTheFlushInterval() throws {
        try withPipe { output, drain in
            for index in 0..<100 { output.append(Array("line \(index)\n".utf8)) }
            var seen = ""
            for _ in 0..<100 where !seen.hasSuffix("line 99\n") {
                Thread.sleep(forTimeInterval: 0.02)
                seen += drain()
            }
            #expect(seen == (0..<100).map { "line \($0)\n" }.joined())
        }
    }

    @Test func textLinesKeepTheStreamLayoutInUTC() throws {
        try withPipe { output, drain in
            var handler = TextLogHandler(label: "statusd", output: output)
            handler.logLevel = .info
            handler.log(event: LogEvent(
                level: .error, message: "request", metadata: ["status": "500", "method": "GET"],
                source: "StatusdApp", file: #fileID, function: #function, line: #line))
            let line = drain()
            let pattern = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000 error statusd: method=GET status=500 \[StatusdApp\] request\n$/#
            #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
        }
    }
}
