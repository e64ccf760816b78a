import Foundation
import Testing

/// Parses a JSON body into Foundation values (`[String: Any]`, `[Any]`, `String`, `NSNumber`, `NSNull`)
/// for ad-hoc assertions; nil if it is not JSON.
public func jsonObject(_ bytes: [UInt8]) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
}

/// Compares two JSON documents structurally (key order ignored, numbers by value, booleans kept
/// apart from numbers) and records one Swift Testing issue per difference, naming its path
/// (`result.impact`, `data.incidents[0].id`). Paths in `ignoring` (`[*]` matches any index) must
/// exist in both documents but may differ.
public func expectJSON(
    _ actual: [UInt8], equals expected: String, ignoring: Set<String> = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actualValue = jsonObject(actual) else {
        Issue.record("response is not JSON: \(String(decoding: actual, as: UTF8.self))", sourceLocation: sourceLocation)
        return
    }
    guard let expectedValue = jsonObject(Array(expected.utf8)) else {
        Issue.record("expected document is not JSON", sourceLocation: sourceLocation)
        return
    }
    var differences: [String] = []
    JSONComparison(ignoring: ignoring).compare(actualValue, expectedValue, path: "", into: &differences)
    for difference in differences {
        Issue.record("\(difference)\nactual: \(String(decoding: actual, as: UTF8.self))", sourceLocation: sourceLocation)
    }
}

/// The structural comparison behind `expectJSON`.
struct JSONComparison {
    let ignoring: Set<String>

    func compare(_ actual: Any, _ expected: Any, path: String, into differences: inout [String]) {
        if isIgnored(path) { return }
        switch (actual, expected) {
        case let (a as [String: Any], e as [String: Any]):
            for key in Set(a.keys).union(e.keys).sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                switch (a[key], e[key]) {
                case let (av?, ev?): compare(av, ev, path: child, into: &differences)
                case (nil, _?): differences.append("\(child): missing")
                case (_?, nil): differences.append("\(child): unexpected member")
                case (nil, nil): break
                }
            }
        case let (a as [Any], e as [Any]):
            guard a.count == e.count else {
                differences.append("\(path): \(a.count) elements, expected \(e.count)")
                return
            }
            for (index, pair) in zip(a, e).enumerated() {
                compare(pair.0, pair.1, path: "\(path)[\(index)]", into: &differences)
            }
        default:
            if !scalarsEqual(actual, expected) {
                differences.append("\(path): \(describe(actual)), expected \(describe(expected))")
            }
        }
    }

    private func isIgnored(_ path: String) -> Bool {
        if ignoring.contains(path) { return true }
        let wildcard = path.replacingOccurrences(of: #"\[\d+\]"#, with: "[*]", options: .regularExpression)
        return ignoring.contains(wildcard)
    }

    private func scalarsEqual(_ a: Any, _ e: Any) -> Bool {
        switch (a, e) {
        case (is NSNull, is NSNull): return true
        case let (a as String, e as String): return a == e
        case let (a as NSNumber, e as NSNumber): return isBoolean(a) == isBoolean(e) && a == e
        default: return false
        }
    }

    private func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let string = value as? String { return "\"\(string)\"" }
        return "\(value)"
    }
}
