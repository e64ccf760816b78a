import ArgumentParser

/// `--expires-in 90d`: a whole positive number of days, hours, minutes or seconds (`d h m s`).
struct ExpiresIn: ExpressibleByArgument {
    let milliseconds: Int64

    init?(argument: String) {
        let units: [Character: Int64] = ["d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000]
        guard let unit = argument.last.flatMap({ units[$0] }),
              let count = Int64(argument.dropLast()), count > 0
        else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow, product <= 100 * 365 * 86_400_000 else { return nil }
        milliseconds = product
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
