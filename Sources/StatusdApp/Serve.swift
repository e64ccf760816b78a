import Dispatch
import Logging
import StatusdStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts the HTTP server on `store`, prints `statusd listening on http://HOST:PORT` (https with TLS)
/// as the first line of standard output, and blocks until SIGINT or SIGTERM, then drains in-flight
/// requests and returns (so the process exits 0). With TLS, SIGHUP re-reads certificate and key.
public func serve(store: Store, options: ServeOptions) throws {
    limitMallocArenas()
    // Connections plus room for the database, the listener and logs.
    let descriptors = raiseFileDescriptorLimit(toAtLeast: options.http.maxConnections + 256)
    if descriptors < options.http.maxConnections + 64 {
        options.logger.warning("open-file limit below --max-connections", metadata: [
            "limit": .stringConvertible(descriptors), "max_connections": .stringConvertible(options.http.maxConnections),
        ])
    }
    // Catch the signals before anyone can learn the address: a SIGTERM right after the line is kept.
    let termination = TerminationSignals()
    let server = try RunningServer(store: store, options: options)
    let reloads = server.isTLS ? reloadTLSOnHangup(server, logger: options.logger) : nil
    print("statusd listening on \(server.url)")
    fflush(nil)
    if options.smtp == nil {
        options.logger.notice("subscriber mail is off (no --smtp-url): no confirmation or notification mail is sent")
    }
    termination.wait()
    reloads?.cancel()
    server.stop()
}

/// SIGHUP: certificate renewal without a restart. A failed reload is logged and the server keeps
/// the certificate it has.
func reloadTLSOnHangup(_ server: RunningServer, logger: Logger) -> any DispatchSourceSignal {
    signal(SIGHUP, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "statusd.reload"))
    source.setEventHandler { @Sendable in
        do {
            try server.reloadTLS()
            logger.notice("reloaded TLS certificate and key")
        } catch {
            logger.error("TLS reload failed, keeping the current certificate: \(error)")
        }
    }
    source.resume()
    return source
}
