import Dispatch
import Foundation
import StatusdCore
import StatusdStore
import Synchronization

/// Measures durable incident creates on this machine, both in one run so that the ratio holds on a
/// shared, noisy machine: one writer (one transaction and one sync per insert, `synchronous=FULL`)
/// against many concurrent writers through the same `Store.createIncident` (group commit).
/// Usage: BenchWrites [--seconds S] [--writers N] [--dir PATH]. Not a test; see scripts/bench-writes.
@main
struct BenchWrites {
    struct Figures {
        var creates: Int
        var seconds: Double
        var transactions: Int
        var rate: Double { Double(creates) / seconds }
        var meanBatch: Double { transactions == 0 ? 0 : Double(creates) / Double(transactions) }
    }

    static func main() throws {
        let options = Options(CommandLine.arguments.dropFirst())
        let folder = URL(fileURLWithPath: options.directory)
            .appendingPathComponent("statusd-bench-writes-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let single = try measure(writers: 1, seconds: options.seconds, path: folder.appendingPathComponent("one.db").path)
        let grouped = try measure(
            writers: options.writers, seconds: options.seconds, path: folder.appendingPathComponent("many.db").path)
        report("1 writer, one transaction per insert", single)
        report("\(options.writers) concurrent writers, group commit", grouped)
        print(String(format: "ratio: %.1f x (target >= 3 x)", grouped.rate / single.rate))
    }

    /// `writers` threads creating incidents through the store for `seconds`, on a fresh database.
    static func measure(writers: Int, seconds: Double, path: String) throws -> Figures {
        let store = try Store(path: path)
        _ = try store.createProject(id: "bench", name: "Bench")
        _ = try store.createStatusPage(id: "page", projectId: "bench", name: "Bench", subdomain: nil, description: nil)
        _ = try store.createComponent(id: "api", statusPageId: "page", name: "API", description: nil, statusOverride: nil)
        let before = store.writeStatistics
        let creates = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let done = DispatchGroup()
        let start = DispatchTime.now().uptimeNanoseconds
        for writer in 0..<writers {
            done.enter()
            Thread.detachNewThread { @Sendable in
                var count = 0
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    let new = NewIncident(
                        title: "Writer \(writer) incident \(count)", description: "Looking into it", impact: .majorOutage,
                        components: [AffectedComponent(componentId: "api", impact: .majorOutage)], createdBy: "bench")
                    do {
                        _ = try store.createIncident(new, statusPageId: "page")
                        creates.add(1, ordering: .relaxed)
                    } catch {
                        failures.add(1, ordering: .relaxed)
                    }
                    count += 1
                }
                done.leave()
            }
        }
        done.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard failures.load(ordering: .relaxed) == 0 else {
            throw BenchError.failedWrites(failures.load(ordering: .relaxed))
        }
        let after = store.writeStatistics
        return Figures(
            creates: creates.load(ordering: .relaxed), seconds: elapsed,
            transactions: after.transactions - before.transactions)
    }

    static func report(_ label: String, _ figures: Figures) {
        print(String(
            format: "%@ %8.0f creates/s  (%d creates in %.1f s, %d transactions, mean batch %.1f)",
            label.padding(toLength: 44, withPad: " ", startingAt: 0), figures.rate, figures.creates, figures.seconds, figures.transactions, figures.meanBatch))
    }
}

enum BenchError: Error {
    case failedWrites(Int)
}

/// Command-line options, with defaults for a quick run.
struct Options {
    var seconds = 5.0
    var writers = 64
    var directory = FileManager.default.currentDirectoryPath

    init(_ arguments: ArraySlice<String>) {
        var arguments = arguments
        while let flag = arguments.popFirst() {
            let value = arguments.popFirst() ?? ""
            switch flag {
            case "--seconds": seconds = Double(value) ?? seconds
            case "--writers": writers = Int(value) ?? writers
            case "--dir": directory = value
            default: FileHandle.standardError.write(Data("ignoring unknown option \(flag)\n".utf8))
            }
        }
    }
}
