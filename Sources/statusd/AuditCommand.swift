import ArgumentParser
import StatusdCore
import StatusdStore

/// `statusd audit`: the audit log, newest first, one entry per line (tab-separated like `token
/// list`): id, time, what was done to which resource, by whom, the fields named, the request.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log: who changed what and when, newest first.",
        discussion: """
            Every write to a resource is recorded, through either API shape, the CLI or a subscriber's \
            link, in the transaction of the write. Fields are named, never their values.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp(
        "Only entries about this kind of resource: \(AuditResourceType.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "type")) var resourceType: String?
    @Option(help: ArgumentHelp("Only entries about the resource with this id.", valueName: "id")) var resourceId: String?
    @Option(help: ArgumentHelp("Only entries about this status page or what is on it.", valueName: "id"))
    var statusPage: String?
    @Option(help: ArgumentHelp("Only entries of this project.", valueName: "id")) var project: String?
    @Option(help: ArgumentHelp("Only entries made by this credential (or subscriber) id.", valueName: "id"))
    var actor: String?
    @Option(help: ArgumentHelp("Only entries at or after this time (ISO 8601, e.g. 2026-01-31T12:00:00Z).", valueName: "time"))
    var since: String?
    @Option(help: ArgumentHelp("Only entries before this time (ISO 8601).", valueName: "time")) var until: String?
    @Option(help: "At most this many entries (1-10000).") var limit = 50

    func validate() throws {
        if let resourceType, AuditResourceType(rawValue: resourceType) == nil {
            let types = AuditResourceType.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--resource-type \(resourceType): expected one of \(types)")
        }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        _ = try time(since, "--since")
        _ = try time(until, "--until")
    }

    func run() throws {
        let store = try self.store.openStore()
        let query = AuditQuery(
            projectId: project, resourceType: resourceType.flatMap(AuditResourceType.init(rawValue:)),
            resourceId: resourceId, statusPageId: statusPage, actorId: actor, since: try time(since, "--since"),
            until: try time(until, "--until"), page: 1, perPage: limit)
        for entry in try storeCall({ try store.auditEntries(query) }).items {
            print(Self.line(entry))
        }
    }

    /// Tab-separated: `12  2026-12-07T12:00:00.000Z  updated incident ID  by=api_token:NAME:ID  fields=status
    /// page=ID  project=ID  request=PATCH /v1/...`.
    static func line(_ entry: AuditEntry) -> String {
        let actor = [entry.actor.kind.rawValue, entry.actor.name, entry.actor.id].compactMap { $0 }.joined(separator: ":")
        return [
            String(entry.id),
            entry.occurredAt.iso8601Milliseconds,
            "\(entry.action.rawValue) \(entry.resourceType.rawValue) \(entry.resourceId)",
            "by=\(actor)",
            "fields=\(entry.fields.isEmpty ? "-" : entry.fields.joined(separator: ","))",
            "page=\(entry.statusPageId ?? "-")",
            "project=\(entry.projectId ?? "-")",
            "request=\(entry.actor.request ?? "-")",
        ].joined(separator: "\t")
    }

    private func time(_ text: String?, _ option: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let time = Timestamp(iso8601WithOffset: text) else {
            throw ValidationError("\(option) \(text): expected an ISO 8601 date-time such as 2026-01-31T12:00:00Z")
        }
        return time
    }
}
