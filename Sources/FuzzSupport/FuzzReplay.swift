#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer supplies `main` in the fuzzing build (release, `-sanitize=fuzzer`). A plain debug build
/// (`swift build`, `swift test`) needs one of its own: each fuzz target's replays the files given as
/// arguments through its entry point, so a crashing input can be re-run without the fuzzer.
public func replayFuzzInputs(
    _ arguments: ArraySlice<String>, through entry: (UnsafePointer<UInt8>, Int) -> CInt
) throws {
    for path in arguments {
        let bytes = try readFile(path)
        _ = bytes.withUnsafeBufferPointer { entry($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
        print("ok \(path)")
    }
}

/// A replayed input that could not be read.
public struct FuzzReplayError: Error {
    public let path: String
}

private func readFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw FuzzReplayError(path: path) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count <= 0 { return bytes }
        bytes += chunk[..<count]
    }
}
