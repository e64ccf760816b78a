import StatusdAPI
import StatusdCore

/// Reads an incident's `components` in either accepted form:
/// the seed's map `{"component_id": "MAJOR_OUTAGE"}` or the 2026 list `[{"id": "...", "status": "..."}]`.
/// In the list form `OPERATIONAL` is accepted and stored as `NO_IMPACT` (named, but not hurt).
/// `null` means none. Unknown ids are left to the store, which names them (400). The timeline's
/// `components_affected` uses the same reader under its own key.
enum ComponentsField {
    static let key = "components"

    static func read(from reader: inout JSONBodyReader, key: String = ComponentsField.key) -> [AffectedComponent]? {
        guard let value = reader.value(key) else { return nil }
        switch value {
        case .null:
            return []
        case .object(let members):
            return readMap(members, key, &reader)
        case .array(let elements):
            return readList(elements, key, &reader)
        default:
            reader.issue(key, "\(key) must be an object {component_id: impact} or a list [{id, status}]")
            return nil
        }
    }

    private static func readMap(
        _ members: [JSONValue.Member], _ key: String, _ reader: inout JSONBodyReader
    ) -> [AffectedComponent]? {
        var result: [AffectedComponent] = []
        for member in members {
            let field = "\(key).\(member.key)"
            guard case .string(let text) = member.value,
                  let impact = OnlineOrNotVocabulary.impacts.first(where: { $0.key == text })?.value
            else {
                reader.issue(field, "\(field) must be one of: \(names(OnlineOrNotVocabulary.impacts))")
                return nil
            }
            result.append(AffectedComponent(componentId: member.key, impact: impact))
        }
        return deduplicated(result, key, &reader)
    }

    private static func readList(
        _ elements: [JSONValue], _ key: String, _ reader: inout JSONBodyReader
    ) -> [AffectedComponent]? {
        var result: [AffectedComponent] = []
        for (index, element) in elements.enumerated() {
            let field = "\(key)[\(index)]"
            guard case .string(let id)? = element["id"], !id.isEmpty else {
                reader.issue("\(field).id", "\(field).id is required and must be a non-empty string")
                return nil
            }
            guard case .string(let text)? = element["status"],
                  let status = OnlineOrNotVocabulary.componentStatuses.first(where: { $0.key == text })?.value
            else {
                reader.issue("\(field).status", "\(field).status must be one of: \(names(OnlineOrNotVocabulary.componentStatuses))")
                return nil
            }
            result.append(AffectedComponent(componentId: id, impact: impact(of: status)))
        }
        return deduplicated(result, key, &reader)
    }

    private static func impact(of status: ComponentStatus) -> Impact {
        switch status {
        case .operational: .noImpact
        case .impacted(let impact): impact
        }
    }

    private static func deduplicated(
        _ list: [AffectedComponent], _ key: String, _ reader: inout JSONBodyReader
    ) -> [AffectedComponent]? {
        var seen = Set<String>()
        let repeated = list.map(\.componentId).filter { !seen.insert($0).inserted }
        guard repeated.isEmpty else {
            reader.issue(key, "\(key) names an id more than once: \(Set(repeated).sorted().joined(separator: ", "))")
            return nil
        }
        return list
    }

    private static func names<T>(_ choices: KeyValuePairs<String, T>) -> String {
        choices.map(\.key).joined(separator: ", ")
    }
}
