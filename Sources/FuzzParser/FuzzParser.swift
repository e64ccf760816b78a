// libFuzzer entry point for the HTTP request parser (see TESTING.md and scripts/fuzz-parser).
//
// Each input is parsed twice, whole and in small slices; the parser must not crash, must never
// consume more than it was given, and must reach the same messages and the same refusal either way.
import Glibc
import StatusdHTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let whole = HTTPRequestParserDriver.run(input, sliceSize: size)
    let sliceSize = 1 + Int(input.first ?? 0) % 5
    let sliced = HTTPRequestParserDriver.run(input, sliceSize: sliceSize)
    if whole != sliced {
        fatalError("whole and \(sliceSize)-byte slices disagree:\n\(whole)\n\(sliced)")
    }
    return 0
}

// libFuzzer supplies `main` in the fuzzing build (release, `-sanitize=fuzzer`). A plain debug build
// (`swift build`, `swift test`) needs one of its own: it replays the files given as arguments.
#if DEBUG
@main
enum FuzzParserReplay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = try readFile(path)
            _ = bytes.withUnsafeBufferPointer { fuzzRequestParser($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            print("ok \(path)")
        }
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw ReplayError(path: path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    struct ReplayError: Error { let path: String }
}
#endif
