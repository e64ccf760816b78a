// libFuzzer entry point for the HTTP request parser (see TESTING.md and scripts/fuzz-parser).
//
// Each input is parsed twice, whole and in small slices; the parser must not crash, must never
// consume more than it was given, and must reach the same messages and the same refusal either way.
import FuzzSupport
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

// A debug build's own `main` replays input files (see FuzzSupport); libFuzzer supplies it otherwise.
#if DEBUG
@main
enum FuzzParserReplay {
    static func main() throws {
        try replayFuzzInputs(CommandLine.arguments.dropFirst(), through: fuzzRequestParser)
    }
}
#endif
