-- statusd schema, version 18 (issue 20): an audit log of every write to a resource, by any API
-- shape, the CLI or a subscriber's link. Each row is written in the transaction of the write it
-- records, so a write is never kept without its row nor a row without its write.
-- seq: the entry's id, in the order the writes committed (AUTOINCREMENT: never reused, even after
-- the newest entries are gone).
-- actor_type: api_token (actor_id/actor_name: the credential's id and name), cli (actor_name: the
-- system user who ran it), subscriber (actor_id: the subscriber whose link it was), statusd.
-- request: what made the change, "PATCH /v1/status_pages/{id}" (the path only: a query may carry
-- a signed link's token) or "statusd token create".
-- fields: a JSON array of the names of the fields the write set or changed; never a value, so
-- never a secret (a password's field is named, its value is not kept anywhere here).
-- project_id, status_page_id: what the resource belonged to at the time, for filtering and for
-- showing a project's entries only to credentials of that project. No foreign keys: entries
-- outlive what they describe. No change counter moves with them: answers that show them are
-- never cached.
CREATE TABLE audit_log (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at     INTEGER NOT NULL,
    actor_type      TEXT NOT NULL,
    actor_id        TEXT,
    actor_name      TEXT,
    request         TEXT,
    action          TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT NOT NULL,
    status_page_id  TEXT,
    project_id      TEXT,
    fields          TEXT NOT NULL
);

CREATE INDEX audit_log_by_resource ON audit_log(resource_type, resource_id, seq);
CREATE INDEX audit_log_by_page ON audit_log(status_page_id, seq);
CREATE INDEX audit_log_by_project ON audit_log(project_id, seq);
CREATE INDEX audit_log_by_time ON audit_log(occurred_at, seq);

-- AUDIT_LOGS lets a credential read its project's entries (READ; EDIT, as for every scope,
-- includes it). Credentials that could manage API tokens could already see who holds access: they
-- get it at the level they hold API_TOKENS, as a credential made now with every grant would.
UPDATE credentials SET grants = grants || CASE
    WHEN grants LIKE '%API_TOKENS:EDIT%' THEN ',AUDIT_LOGS:EDIT' ELSE ',AUDIT_LOGS:READ' END
WHERE grants LIKE '%API_TOKENS:%' AND grants NOT LIKE '%AUDIT_LOGS:%';
