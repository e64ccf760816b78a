import StatusdAPI
import StatusdSync

/// What the faults make of one request: the delay of every latency rule that fired, and the first
/// rule that fired with an answer of its own (a status or a dropped connection).
struct FaultDecision: Sendable {
    var latencyMilliseconds = 0
    var answer: FaultRule?
    /// Every rule that fired, in order: for the journal and `X-Statusd-Fault`.
    var fired: [String] = []
}

/// The faults in force, in the order they were added. Latency rules that match add up; the first
/// rule with an answer (status, dropped connection) that matches and fires decides the answer. A rule with a count stays listed once used up (remaining 0), so a test can check it fired.
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
        var rule = try FaultRule(json: json, id: "")
        state.withLock { state in
            rule.id = "fault-\(state.nextId)"
            state.nextId += 1
            state.armed.append(Armed(rule: rule, remaining: rule.count))
        }
        return rule
    }

    /// The rules that fire for this request, each counted as used. Once one with an answer has
    /// fired, the rules after it are not tried.
    func fire(method: String, path: String) -> FaultDecision {
        state.withLock { state in
            var decision = FaultDecision()
            for index in state.armed.indices where state.armed[index].remaining != 0
                && state.armed[index].rule.matches(method: method, path: path) {
                if let probability = state.armed[index].rule.probability, Double.random(in: 0..<1) >= probability {
                    continue
                }
                state.armed[index].hits += 1
                let rule = state.armed[index].rule
                if let remaining = state.armed[index].remaining { state.armed[index].remaining = remaining - 1 }
                decision.fired.append(rule.id)
                decision.latencyMilliseconds = min(decision.latencyMilliseconds + rule.latencyMilliseconds, 60_000)
                if rule.status != nil || rule.dropConnection {
                    decision.answer = rule
                    break
                }
            }
            return decision
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
