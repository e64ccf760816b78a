import Dispatch
import StatusdStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts the HTTP server on `store`, prints `statusd listening on http://HOST:PORT` as the first line
/// of standard output, and blocks until SIGINT or SIGTERM, then drains in-flight requests and returns
/// (so the process exits 0).
public func serve(store: Store, options: ServeOptions) throws {
    let server = try RunningServer(store: store, options: options)
    print("statusd listening on \(server.url)")
    fflush(nil)
    waitForTerminationSignal()
    server.stop()
}

/// Blocks the calling thread until SIGINT or SIGTERM arrives (both are then handled, not fatal).
func waitForTerminationSignal() {
    let received = DispatchSemaphore(value: 0)
    let queue = DispatchQueue(label: "statusd.signals")
    var sources: [any DispatchSourceSignal] = []
    for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
        source.setEventHandler { @Sendable in received.signal() }
        source.resume()
        sources.append(source)
    }
    received.wait()
    for source in sources { source.cancel() }
}
