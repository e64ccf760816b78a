-- statusd schema, version 14: keys the server keeps for itself (issue 19, the public status page).
-- One row per use, made on first need with 32 bytes from OpenSSL's CSPRNG and never changed:
-- 'page_access' signs the cookie a visitor gets for a password-protected page, so the cookie
-- survives a restart and holds on every process serving this file. No change counter moves with
-- it: no answer shows it. A fixture reset leaves it, so cookies already handed out still hold.
CREATE TABLE server_secrets (
    name        TEXT PRIMARY KEY NOT NULL,
    value       BLOB NOT NULL CHECK (length(value) >= 32),
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;
