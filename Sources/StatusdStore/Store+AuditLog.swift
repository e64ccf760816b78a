import Foundation
import GRDB
import StatusdCore

// The audit log (Migrations/0018): each store write to a resource records one entry, in the same
// transaction (it is one more statement of the write's body), for the actor `AuditScope` holds.
// Which fields it names comes from the resource's row itself, before and after the write, so the
// entry says what changed, not what was asked for; no value is ever kept.
extension Store {
    /// Records that `type` `id` was created, naming the fields its new row holds.
    func auditCreated(
        _ type: AuditResourceType, _ id: String, page statusPageId: String? = nil, also extra: [String] = [],
        _ db: SQLDatabase
    ) throws {
        guard hasAuditTable else { return }
        let row = try AuditedRow.fetch(type, id, db)
        try record(.created, type, id, row: row, page: statusPageId, fields: (row?.setFields ?? []) + extra, db)
    }

    /// Records that `type` `id` was updated, naming the fields whose values differ from `before`
    /// (its row read at the start of the write) and `extra` (changes outside the row: its
    /// components, its pages). Records nothing when nothing changed.
    func auditUpdated(
        _ type: AuditResourceType, _ id: String, before: AuditedRow?, page statusPageId: String? = nil,
        also extra: [String] = [], _ db: SQLDatabase
    ) throws {
        guard hasAuditTable else { return }
        let row = try AuditedRow.fetch(type, id, db)
        let fields = (before.flatMap { before in row.map { before.changedFields(to: $0) } } ?? []) + extra
        guard !fields.isEmpty else { return }
        try record(.updated, type, id, row: row, page: statusPageId, fields: fields, db)
    }

    /// Records that `type` `id` was deleted; `before` is its row read before the delete (for the
    /// project and page it belonged to).
    func auditDeleted(
        _ type: AuditResourceType, _ id: String, before: AuditedRow?, page statusPageId: String? = nil, _ db: SQLDatabase
    ) throws {
        guard hasAuditTable else { return }
        try record(.deleted, type, id, row: before, page: statusPageId, fields: [], db)
    }

    /// The row `auditUpdated` and `auditDeleted` compare with, read inside the write.
    func auditedRow(_ type: AuditResourceType, _ id: String, _ db: SQLDatabase) throws -> AuditedRow? {
        hasAuditTable ? try AuditedRow.fetch(type, id, db) : nil
    }

    private func record(
        _ action: AuditAction, _ type: AuditResourceType, _ id: String, row: AuditedRow?, page: String?,
        fields: [String], _ db: SQLDatabase
    ) throws {
        let actor = currentAuditActor
        let statusPageId = page ?? row?.text("status_page_id") ?? (type == .statusPage ? id : nil)
        let projectId = type == .project ? id : row?.text("project_id")
        try db.cachedStatement(sql: """
            INSERT INTO audit_log(occurred_at, actor_type, actor_id, actor_name, request, action, resource_type,
                                  resource_id, status_page_id, project_id, fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT project_id FROM status_pages WHERE id = ?)), ?)
            """).execute(arguments: [
                now(), actor.kind.rawValue, actor.id, actor.name, actor.request, action.rawValue, type.rawValue,
                id, statusPageId, projectId, statusPageId, Self.fieldsColumn(fields)])
    }

    // MARK: Reading

    /// One page of entries, newest first, with the number matching `query`.
    public func auditEntries(_ query: AuditQuery) throws -> Page<AuditEntry> {
        guard hasAuditTable else { return Page(items: [], total: 0) }
        return try read { db in
            let (condition, arguments) = Self.auditCondition(query)
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM audit_log WHERE \(condition)", arguments: arguments) ?? 0
            let offset = (max(query.page, 1) - 1).multipliedReportingOverflow(by: query.perPage)
            guard !offset.overflow, offset.partialValue < total else { return Page(items: [], total: total) }
            let entries = try db.makeStatement(sql: """
                SELECT \(Self.auditColumns) FROM audit_log WHERE \(condition) ORDER BY seq DESC LIMIT ? OFFSET ?
                """).decodeAll(arguments + [query.perPage, offset.partialValue], Self.auditEntry(row:))
            return Page(items: entries, total: total)
        }
    }

    private static func auditCondition(_ query: AuditQuery) -> (String, SQLArguments) {
        var clauses = ["TRUE"]
        var arguments: SQLArguments = []
        func add(_ clause: String, _ value: (any SQLArgument)?) {
            guard let value else { return }
            clauses.append(clause)
            arguments.append(value)
        }
        add("project_id = ?", query.projectId)
        add("resource_type = ?", query.resourceType?.rawValue)
        add("resource_id = ?", query.resourceId)
        add("status_page_id = ?", query.statusPageId)
        add("actor_id = ?", query.actorId)
        add("occurred_at >= ?", query.since?.millisecondsSince1970)
        add("occurred_at < ?", query.until?.millisecondsSince1970)
        return (clauses.joined(separator: " AND "), arguments)
    }

    private static let auditColumns = """
        seq, occurred_at, actor_type, actor_id, actor_name, request, action, resource_type, resource_id, \
        status_page_id, project_id, fields
        """

    private static func auditEntry(row: SQLRow) -> AuditEntry {
        AuditEntry(
            id: row[0], occurredAt: row.timestamp(1),
            actor: AuditActor(kind: AuditActor.Kind(rawValue: row[2]) ?? .statusd, id: row[3], name: row[4], request: row[5]),
            action: AuditAction(rawValue: row[6]) ?? .updated,
            resourceType: AuditResourceType(rawValue: row[7]) ?? .statusPage, resourceId: row[8],
            statusPageId: row[9], projectId: row[10], fields: fieldsFromColumn(row[11]))
    }

    static func fieldsColumn(_ fields: [String]) -> String {
        var seen = Set<String>()
        let names = fields.filter { seen.insert($0).inserted }
        let data = (try? JSONSerialization.data(withJSONObject: names)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func fieldsFromColumn(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }
}

/// A resource's row as it stands inside a write: what `Store.auditUpdated` compares, and where an
/// entry's project and page come from.
struct AuditedRow {
    /// Each column's value as text (`NamedRow.comparableText`), nil for NULL.
    private let values: [String: String?]

    static func fetch(_ type: AuditResourceType, _ id: String, _ db: SQLDatabase) throws -> AuditedRow? {
        guard let row = try db.cachedStatement(sql: "SELECT * FROM \(type.table) WHERE id = ?").namedFirst([id])
        else { return nil }
        var values: [String: String?] = [:]
        for column in row.columns { values[column] = row.comparableText(column) }
        return AuditedRow(values: values)
    }

    func text(_ column: String) -> String? {
        values[column] ?? nil
    }

    /// The fields a new row was given: every column holding something, but the bookkeeping ones.
    var setFields: [String] {
        values.keys.sorted().filter { !Self.bookkeeping.contains($0) && values[$0]! != nil }.map(Self.fieldName)
    }

    /// The fields whose values differ in `after`.
    func changedFields(to after: AuditedRow) -> [String] {
        after.values.keys.sorted().filter { !Self.bookkeeping.contains($0) && values[$0] != after.values[$0] }
            .map(Self.fieldName)
    }

    /// Columns every write moves or that say where a row belongs, not what it holds.
    private static let bookkeeping: Set<String> = [
        "id", "seq", "created_at", "updated_at", "status_page_id", "incident_id", "last_used_at",
    ]

    /// A column's field name: a secret's digest or hash is named for what it stands for.
    private static func fieldName(_ column: String) -> String {
        switch column {
        case "password_hash": "password"
        case "secret_sha256": "secret"
        default: column
        }
    }
}

extension AuditResourceType {
    /// The table a resource of this type is a row of.
    var table: String {
        switch self {
        case .project: "projects"
        case .statusPage: "status_pages"
        case .component: "components"
        case .componentGroup: "component_groups"
        case .incident: "incidents"
        case .incidentUpdate: "incident_updates"
        case .scheduledMaintenance: "scheduled_maintenance"
        case .subscriber: "subscribers"
        case .webhook: "webhooks"
        case .apiToken: "credentials"
        }
    }
}
