/// What a credential may do: OnlineOrNot-style grants, a scope × a permission.
///
/// The scope names follow OnlineOrNot's API token grants where it has one (`STATUS_PAGES`,
/// `MAINTENANCE_WINDOWS`, `WEBHOOKS`, `API_TOKENS`); `INCIDENTS` and `SUBSCRIBERS` are statusd's own
/// (OnlineOrNot has no separate grant for them), as is `AUDIT_LOGS` (reading the audit log; it has
/// nothing to edit, EDIT includes READ as everywhere). Components and component groups are `STATUS_PAGES`.
public enum GrantScope: String, Sendable, CaseIterable, Hashable, Comparable {
    case statusPages = "STATUS_PAGES"
    case incidents = "INCIDENTS"
    case maintenanceWindows = "MAINTENANCE_WINDOWS"
    case subscribers = "SUBSCRIBERS"
    case webhooks = "WEBHOOKS"
    case apiTokens = "API_TOKENS"
    case auditLogs = "AUDIT_LOGS"

    public static func < (lhs: GrantScope, rhs: GrantScope) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// READ lets a credential look; EDIT lets it change, and includes READ.
public enum GrantPermission: String, Sendable, CaseIterable, Hashable {
    case read = "READ"
    case edit = "EDIT"
}

/// One grant: `STATUS_PAGES` `EDIT`.
public struct Grant: Sendable, Hashable {
    public var scope: GrantScope
    public var permission: GrantPermission

    public init(_ scope: GrantScope, _ permission: GrantPermission) {
        self.scope = scope
        self.permission = permission
    }
}

/// A credential's grants: for each scope, nothing, READ or EDIT (the strongest one given wins).
public struct CredentialGrants: Sendable, Hashable {
    private var levels: [GrantScope: GrantPermission]

    public init(_ grants: some Sequence<Grant>) {
        levels = [:]
        for grant in grants where levels[grant.scope] != .edit {
            levels[grant.scope] = grant.permission
        }
    }

    /// Every scope at `permission`: what a credential made before grants existed holds.
    public static func all(_ permission: GrantPermission) -> CredentialGrants {
        CredentialGrants(GrantScope.allCases.map { Grant($0, permission) })
    }

    /// What a credential from `statusd token create` without `--grant` holds.
    public static func full(readOnly: Bool) -> CredentialGrants {
        all(readOnly ? .read : .edit)
    }

    /// Whether `permission` on `scope` is granted (EDIT includes READ).
    public func allows(_ scope: GrantScope, _ permission: GrantPermission) -> Bool {
        switch levels[scope] {
        case .edit: true
        case .read: permission == .read
        case nil: false
        }
    }

    /// Whether every grant of `other` is also held here (a credential may hand out no more than it has).
    public func covers(_ other: CredentialGrants) -> Bool {
        other.levels.allSatisfy { allows($0.key, $0.value) }
    }

    /// Whether no scope is held at EDIT.
    public var isReadOnly: Bool { !levels.values.contains(.edit) }

    /// In scope order, one per scope held.
    public var list: [Grant] {
        levels.sorted { $0.key < $1.key }.map { Grant($0.key, $0.value) }
    }

    /// The stored spelling: `STATUS_PAGES:EDIT,INCIDENTS:READ` (empty for none).
    public var stored: String {
        list.map { "\($0.scope.rawValue):\($0.permission.rawValue)" }.joined(separator: ",")
    }

    /// Reads `stored`; nil if any part is not a known scope and permission.
    public init?(stored: String) {
        var grants: [Grant] = []
        for part in stored.split(separator: ",") {
            guard let grant = Grant(spelled: String(part), separator: ":") else { return nil }
            grants.append(grant)
        }
        self.init(grants)
    }
}

extension Grant {
    /// `SCOPE<separator>PERMISSION`, case as given (upper), e.g. `INCIDENTS:READ`.
    public init?(spelled text: String, separator: Character) {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 2, let scope = GrantScope(rawValue: String(parts[0])),
              let permission = GrantPermission(rawValue: String(parts[1]))
        else { return nil }
        self.init(scope, permission)
    }
}
