import StatusdCore
import StatusdStore

/// Read or write: read-only credentials get 403 on `.write`.
public enum Access: Sendable {
    case read
    case write
}

/// What an authenticated handler works with: who is asking, and the store, with scope checks that
/// both shapes share so that a credential for one project never reaches another's data.
public struct APIContext: Sendable {
    public let credential: Credential
    public let store: Store
    /// Told which pages a read looks up, so that its answer is cached under the right counter.
    public let dependencies: ReadDependencies?

    public init(credential: Credential, store: Store, dependencies: ReadDependencies? = nil) {
        self.credential = credential
        self.store = store
        self.dependencies = dependencies
    }

    /// The same context, telling `dependencies` what it reads.
    func recording(into dependencies: ReadDependencies) -> APIContext {
        APIContext(credential: credential, store: store, dependencies: dependencies)
    }

    /// 403 if `access` is `.write` and the credential is read-only.
    public func require(_ access: Access) throws(APIError) {
        if access == .write, credential.readOnly { throw .forbidden }
    }

    /// The page if it exists and the credential reaches its project, else 404 "Status page not found"
    /// (never revealing that it exists elsewhere). With `projectId`, the page must also belong to it.
    /// Checks `access` first so that a read-only credential learns nothing more from a write.
    public func statusPage(_ id: String, projectId: String? = nil, for access: Access) throws -> StatusPage {
        try require(access)
        guard let page = try IdSpelling.find(id, { try store.statusPage($0) }),
              credential.reaches(project: page.projectId),
              projectId.map({ IdSpelling.same($0, page.projectId) }) ?? true
        else { throw APIError.notFound("Status page not found") }
        // Found under another spelling of the id: the answer also depends on no page having the
        // spelling asked for, which no page's counter tracks, so it is kept under the content counter.
        if page.id == id { dependencies?.notePage(page.id) }
        return page
    }

    /// The project new pages go to: the credential's own, or the default one for an all-projects credential.
    public var homeProjectId: String {
        credential.projectId ?? Store.defaultProjectId
    }
}
