import StatusdCore
import StatusdSync

/// Where the store takes "now" from. The wall clock in production; a manual clock for test suites
/// (`serve --clock`), which stands still until it is set or advanced, so that every timestamp a
/// client sees is the same on every run.
public final class StoreClock: Sendable {
    private enum Mode: Sendable {
        case wall
        case manual(Timestamp)
    }

    private let mode: Locked<Mode>
    private let initial: Mode

    /// The wall clock (`CLOCK_REALTIME`).
    public static func wall() -> StoreClock { StoreClock(.wall) }

    /// A clock that reads `start` until `set(to:)` or `advance(byMilliseconds:)` moves it.
    public static func manual(at start: Timestamp) -> StoreClock { StoreClock(.manual(start)) }

    private init(_ mode: Mode) {
        self.mode = Locked(mode)
        self.initial = mode
    }

    /// Back to how the clock was made: a manual clock reads its start again, a wall clock that was
    /// set follows the wall again (test-control reset).
    public func restart() {
        mode.withLock { $0 = initial }
    }

    public func now() -> Timestamp {
        mode.withLock { mode in
            switch mode {
            case .wall: Timestamp.now()
            case .manual(let time): time
            }
        }
    }

    /// Whether the clock only moves when told to (`set`, `advance`).
    public var isManual: Bool {
        mode.withLock { if case .manual = $0 { true } else { false } }
    }

    /// Moves a manual clock to `time` (a wall clock becomes manual there). Returns the new time.
    @discardableResult
    public func set(to time: Timestamp) -> Timestamp {
        mode.withLock { $0 = .manual(time) }
        return time
    }

    /// Moves the clock forward (or back, for a negative amount) from what it reads now; a wall clock
    /// becomes manual at the result. Returns the new time.
    @discardableResult
    public func advance(byMilliseconds milliseconds: Int64) -> Timestamp {
        mode.withLock { mode in
            let current: Timestamp = switch mode {
            case .wall: Timestamp.now()
            case .manual(let time): time
            }
            let (sum, overflow) = current.millisecondsSince1970.addingReportingOverflow(milliseconds)
            let next = Timestamp(millisecondsSince1970: overflow ? current.millisecondsSince1970 : sum)
            mode = .manual(next)
            return next
        }
    }
}
