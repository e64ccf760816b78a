import StatusdAPI
import StatusdSync

/// The faults in force, in the order they were added; the first that matches a request and fires
/// decides it. A rule with a count stays listed once used up (remaining 0), so a test can check it fired.
final class FaultTable: Sendable {
    private struct Armed {
        var rule: FaultRule
        var remaining: Int?
        var hits = 0
    }

    private struct State {
        var armed: [Armed] = []
        var nextId = 1
    }

    private let state = Locked(State())

    /// Parses and arms a rule; returns it with its id (`fault-1`, `fault-2`, ...).
    func add(_ json: JSONValue) throws(FaultRuleError) -> FaultRule {
        let id = state.withLock { state in
            defer { state.nextId += 1 }
            return "fault-\(state.nextId)"
        }
        let rule = try FaultRule(json: json, id: id)
        state.withLock { $0.armed.append(Armed(rule: rule, remaining: rule.count)) }
        return rule
    }

    /// The rule that fires for this request, if any, counted as used.
    func fire(method: String, path: String) -> FaultRule? {
        state.withLock { state in
            for index in state.armed.indices where state.armed[index].remaining != 0
                && state.armed[index].rule.matches(method: method, path: path) {
                if let probability = state.armed[index].rule.probability, Double.random(in: 0..<1) >= probability {
                    continue
                }
                state.armed[index].hits += 1
                let rule = state.armed[index].rule
                if let remaining = state.armed[index].remaining { state.armed[index].remaining = remaining - 1 }
                return rule
            }
            return nil
        }
    }

    /// Every armed rule, with what is left of its count and how often it fired.
    func list() -> [(rule: FaultRule, remaining: Int?, hits: Int)] {
        state.withLock { $0.armed.map { ($0.rule, $0.remaining, $0.hits) } }
    }

    /// Removes one rule; false when there is none with that id.
    func remove(id: String) -> Bool {
        state.withLock { state in
            guard let index = state.armed.firstIndex(where: { $0.rule.id == id }) else { return false }
            state.armed.remove(at: index)
            return true
        }
    }

    func clear() {
        state.withLock { state in
            state.armed.removeAll()
            state.nextId = 1
        }
    }
}
