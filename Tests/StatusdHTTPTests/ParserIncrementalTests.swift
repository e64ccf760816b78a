import Foundation
import Testing
@testable import StatusdHTTP

@Suite("Parser: incremental input and pipelining")
struct ParserIncrementalTests {
    private let pipeline = "GET /one HTTP/1.1\r\nHost: h\r\n\r\n"
        + "POST /two HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
        + "POST /three HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\nde\r\n0\r\nT: 1\r\n\r\n"
        + "GET /four HTTP/1.1\r\nHost: h\r\n\r\n"

    @Test func parsesPipelinedRequestsInOrder() {
        let run = parse(pipeline)
        #expect(run.messages.map(\.head.path) == ["/one", "/two", "/three", "/four"])
        #expect(run.bodies == ["", "abc", "de", ""])
        #expect(run.error == nil)
    }

    @Test func parsesTheSameRequestsFedOneByteAtATime() {
        let run = parse(pipeline, sliceSize: 1)
        #expect(run.messages.map(\.head.path) == ["/one", "/two", "/three", "/four"])
        #expect(run.bodies == ["", "abc", "de", ""])
    }

    @Test(arguments: [2, 3, 5, 7, 13])
    func parsesTheSameRequestsInOddSlices(_ size: Int) {
        #expect(parse(pipeline, sliceSize: size).bodies == ["", "abc", "de", ""])
    }

    @Test func waitsForTheRestOfAHeaderSection() {
        let run = parse("GET / HTTP/1.1\r\nHost: h\r\n")
        #expect(run.messages.isEmpty)
        #expect(run.error == nil)
    }

    @Test func waitsForTheRestOfABody() {
        let run = parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello")
        #expect(run.messages.isEmpty)
        #expect(run.headsCompleted == 1)
    }

    @Test func detectsABareLFWhenFedByteByByte() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\n\r\n", sliceSize: 1).error == .badRequest("line not terminated by CRLF"))
    }

    @Test func staysFailedAfterAnError() {
        var parser = RequestParser(limits: .init())
        let bad = Array("GET / HTTP/1.1\r\nX : y\r\n\r\n".utf8)
        _ = bad.withUnsafeBytes { parser.parse($0) }
        let good = Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        let (_, event) = good.withUnsafeBytes { parser.parse($0) }
        guard case .failed = event else {
            Issue.record("expected the parser to stay failed, got \(event)")
            return
        }
    }
}

@Suite("Parser: fuzz seed corpus")
struct ParserCorpusTests {
    static let corpus: [String] = {
        let directory = String(#filePath).split(separator: "/").dropLast(3).joined(separator: "/")
        let path = "/" + directory + "/Fuzz/corpus/parser"
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
    }()

    @Test func hasSeeds() { #expect(Self.corpus.count >= 12) }

    /// The fuzzer's property on every seed: the same outcome whole and in any slicing.
    @Test(arguments: corpus)
    func parsesTheSameWholeAndSliced(_ file: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: file))
        try [UInt8](bytes).withUnsafeBytes { input in
            let whole = HTTPRequestParserDriver.run(input, sliceSize: input.count, limits: (8192, 65536, 100, 1 << 20))
            for size in 1...4 {
                #expect(HTTPRequestParserDriver.run(input, sliceSize: size, limits: (8192, 65536, 100, 1 << 20)) == whole)
            }
            let name = try #require(file.split(separator: "/").last)
            // Seeds the fuzzer found (`regression-*`) are malformed on purpose: only the property above applies.
            guard !name.hasPrefix("regression-") else { return }
            let refused = ["smuggle-cl-te", "obs-fold", "space-before-colon", "te-gzip-chunked"].contains(String(name))
            #expect(whole.failed == refused, "\(name)")
        }
    }
}
