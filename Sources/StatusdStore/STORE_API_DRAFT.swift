// DRAFT CONTRACT between the store and the API shapes, written before the store exists.
// The store implementer replaces every body (and this file) with real code, keeping these
// signatures (adding to them is fine). API-shape code is written against exactly these.
import StatusdCore

/// Failures the API shapes turn into 400/404/409 responses. Never carries secrets or bound values.
public enum StoreError: Error, Sendable, Equatable {
    /// Component ids that are not components of the incident's status page (400 naming them).
    case unknownComponents([String])
    /// An id or a subdomain that is already taken (OnlineOrNot 400, UptimeIO 409/400).
    case duplicate(field: String, value: String)
    /// A referenced parent (project, page) does not exist.
    case missingParent(String)
}

/// The one store both API shapes read and write. Thread-safe; every call is synchronous and runs
/// its writes in a single durable transaction (group-committed with concurrent writers).
public final class Store: Sendable {
    /// Opens (creating if needed) the SQLite file, applies `Migrations/`, refuses a newer schema.
    public init(path: String) throws { fatalError("draft") }

    /// `SELECT 1` on a reader: for `/readyz`.
    public func ping() throws { fatalError("draft") }

    // MARK: Projects
    /// The project that pages created by an all-projects credential go to (`default`).
    public static let defaultProjectId = "default"
    public func createProject(id: String?, name: String) throws -> Project { fatalError("draft") }
    public func project(_ id: String) throws -> Project? { fatalError("draft") }

    // MARK: Status pages
    /// `subdomain` nil: derived from the name, made unique.
    public func createStatusPage(
        id: String?, projectId: String, name: String, subdomain: String?, description: String?
    ) throws -> StatusPage { fatalError("draft") }
    public func statusPage(_ id: String) throws -> StatusPage? { fatalError("draft") }
    public func statusPage(subdomain: String) throws -> StatusPage? { fatalError("draft") }
    /// nil project: every page. Ordered by created_at then id.
    public func statusPages(projectId: String?) throws -> [StatusPage] { fatalError("draft") }
    /// nil fields unchanged. Returns nil if no such page.
    public func updateStatusPage(
        _ id: String, name: String?, subdomain: String?, description: String??
    ) throws -> StatusPage? { fatalError("draft") }
    /// Deletes the page with its components, incidents and their timelines. false if absent.
    public func deleteStatusPage(_ id: String) throws -> Bool { fatalError("draft") }

    // MARK: Components (status filled in: override, else derived from open incidents)
    public func createComponent(
        id: String?, statusPageId: String, name: String, description: String?, statusOverride: ComponentStatus?
    ) throws -> Component { fatalError("draft") }
    public func component(_ id: String, statusPageId: String) throws -> Component? { fatalError("draft") }
    /// Ordered by position then created_at then id.
    public func components(statusPageId: String) throws -> [Component] { fatalError("draft") }
    /// `statusOverride: .some(nil)` clears the override. nil if absent.
    public func updateComponent(
        _ id: String, statusPageId: String, name: String?, description: String??, statusOverride: ComponentStatus??
    ) throws -> Component? { fatalError("draft") }
    public func deleteComponent(_ id: String, statusPageId: String) throws -> Bool { fatalError("draft") }

    // MARK: Incidents (returned with components, updatesCount and latestUpdate filled in)
    /// Records the first timeline entry. Throws `.unknownComponents` for ids not on the page.
    public func createIncident(_ new: NewIncident, statusPageId: String) throws -> Incident { fatalError("draft") }
    public func incident(_ id: String, statusPageId: String) throws -> Incident? { fatalError("draft") }
    /// Filtered, sorted (ties broken by id), one page of it, with the total for the filters.
    public func incidents(_ query: IncidentQuery) throws -> Page<Incident> { fatalError("draft") }
    /// nil if absent. A status change sets/clears endedAt and adds a timeline entry; so does a
    /// description change.
    public func updateIncident(_ id: String, statusPageId: String, _ changes: IncidentChanges) throws -> Incident? {
        fatalError("draft")
    }
    /// Removes the incident, its timeline and its component links. false if absent.
    public func deleteIncident(_ id: String, statusPageId: String) throws -> Bool { fatalError("draft") }

    // MARK: Timeline
    /// nil if the incident is absent. A status sets/clears endedAt on the incident.
    public func addUpdate(
        _ new: NewIncidentUpdate, incidentId: String, statusPageId: String
    ) throws -> IncidentUpdate? { fatalError("draft") }
    /// nil if the incident is absent. Ordered by created_at then id, in `order`.
    public func updates(
        incidentId: String, statusPageId: String, page: Int, perPage: Int, order: IncidentQuery.SortOrder
    ) throws -> Page<IncidentUpdate>? { fatalError("draft") }
    public func update(
        _ id: String, incidentId: String, statusPageId: String
    ) throws -> IncidentUpdate? { fatalError("draft") }
    /// Edits the message (and status, which then applies to the incident if this is its latest entry).
    public func editUpdate(
        _ id: String, incidentId: String, statusPageId: String, message: String?, status: IncidentStatus?
    ) throws -> IncidentUpdate? { fatalError("draft") }
    public func deleteUpdate(_ id: String, incidentId: String, statusPageId: String) throws -> Bool {
        fatalError("draft")
    }

    // MARK: Credentials
    /// `secret` nil: 32 random bytes (RAND_bytes) as base64url. Returns the secret once.
    public func createCredential(
        name: String, projectId: String?, readOnly: Bool, secret: String?
    ) throws -> (credential: Credential, secret: String) { fatalError("draft") }
    public func credentials() throws -> [Credential] { fatalError("draft") }
    public func revokeCredential(_ id: String) throws -> Bool { fatalError("draft") }
    /// The live (not revoked) credential whose secret hashes to the same SHA-256, compared in
    /// constant time; records last-used. Reads the database every call (no cache) so CLI changes
    /// apply to the very next request.
    public func authenticate(secret: String) throws -> Credential? { fatalError("draft") }

    // MARK: Fixtures
    /// Idempotently loads the `--demo` fixtures the contract lists.
    public func loadDemoFixtures() throws { fatalError("draft") }
}
