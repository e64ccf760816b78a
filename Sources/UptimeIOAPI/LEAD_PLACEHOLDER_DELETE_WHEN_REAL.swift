// Placeholder so StatusdApp compiles on main before the UptimeIO shape lands.
// The UptimeIO engineer deletes this file (their real registerUptimeIOAPI replaces it).
import StatusdHTTP
import StatusdStore

public func registerUptimeIOAPI(on router: HTTPRouter, store: Store) {}
