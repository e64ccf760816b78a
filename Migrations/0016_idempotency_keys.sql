-- statusd schema, version 16: Idempotency-Key (issue 20). One row per (credential, key) whose
-- request completed with a 2xx answer, written in the same transaction as that request's write, so
-- a crash never keeps a write without its key or a key without its write. `fingerprint` is SHA-256
-- of the method, the request target and the body: the same key with another fingerprint is refused
-- (422). The answer is kept as sent (status, the handler's header fields as "name: value" lines,
-- body) and replayed for 24 hours; older rows are deleted by the next keyed write. No change counter
-- moves with it: no answer shows it. A credential's rows go with it.
CREATE TABLE idempotency_keys (
    credential_id  TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
    key            TEXT NOT NULL,
    fingerprint    BLOB NOT NULL,
    status         INTEGER NOT NULL,
    header_fields  TEXT NOT NULL,
    body           BLOB NOT NULL,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (credential_id, key)
) WITHOUT ROWID;

CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
