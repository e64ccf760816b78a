import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// Who may see a public page and its feeds: the summary's rules (`PublicPageAccess`: the page's
/// `allowed_ips`, its password by HTTP Basic authentication), and for a browser the access cookie
/// the password form hands out. The cookie is checked first: it costs one HMAC, the password a
/// PBKDF2 derivation.
struct SiteAccess: Sendable {
    let store: Store
    let cookie: AccessCookie

    enum Verdict: Equatable {
        /// `fingerprint`: the page's password fingerprint when it has one.
        case allowed(fingerprint: [UInt8]?)
        /// Not from an allowed address: answered as if the page did not exist.
        case hidden
        case needsPassword
    }

    func verdict(for page: StatusPage, _ request: HTTPServerRequest) throws -> Verdict {
        if let allowed = page.allowedIPs, !PublicPageAccess.addressAllowed(allowed, request) { return .hidden }
        guard page.hasPassword, let fingerprint = try store.passwordFingerprint(statusPageId: page.id) else {
            return .allowed(fingerprint: nil)
        }
        if cookie.admits(request, pageId: page.id, fingerprint: fingerprint, now: store.clock.now()) {
            return .allowed(fingerprint: fingerprint)
        }
        switch try PublicPageAccess.verdict(for: page, request, store: store) {
        case .allowed: return .allowed(fingerprint: fingerprint)
        case .hidden: return .hidden
        case .needsPassword: return .needsPassword
        }
    }

    /// What a cached copy of an answer about `page` depends on: the page's change counter (which a
    /// password change moves too), and on every reuse the address list and, for a protected page,
    /// a valid cookie for the same password (a visitor with Basic authentication renders afresh).
    func record(_ page: StatusPage, fingerprint: [UInt8]?, into dependencies: ReadDependencies) {
        dependencies.notePage(page.id)
        let allowed = page.allowedIPs ?? []
        guard !allowed.isEmpty || fingerprint != nil else { return }
        let (cookie, clock, pageId) = (cookie, store.clock, page.id)
        dependencies.admitOnly { request in
            guard PublicPageAccess.addressAllowed(allowed, request) else { return false }
            guard let fingerprint else { return true }
            return cookie.admits(request, pageId: pageId, fingerprint: fingerprint, now: clock.now())
        }
    }
}
