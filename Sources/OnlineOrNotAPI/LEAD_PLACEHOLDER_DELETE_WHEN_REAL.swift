// Placeholder so StatusdApp compiles on main before the OnlineOrNot shape lands.
// The OnlineOrNot engineer deletes this file (their real registerOnlineOrNotAPI replaces it).
import StatusdHTTP
import StatusdStore

public func registerOnlineOrNotAPI(on router: HTTPRouter, store: Store) {}
