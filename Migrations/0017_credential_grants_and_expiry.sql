-- statusd schema, version 17 (issue 20): credentials that expire and OnlineOrNot-style grants.
-- grants: the scope:permission pairs a credential holds, comma-separated in scope order
-- ('STATUS_PAGES:EDIT,INCIDENTS:READ'); EDIT includes READ. Credentials made before this keep what
-- they could do: every scope at EDIT, or at READ for a read-only one.
-- expires_at: milliseconds since the epoch from which the credential is refused like an unknown
-- one; NULL never expires. The server compares it with the request's time on every request.
ALTER TABLE credentials ADD COLUMN grants TEXT;
ALTER TABLE credentials ADD COLUMN expires_at INTEGER;

UPDATE credentials SET grants = CASE read_only
    WHEN 1 THEN 'STATUS_PAGES:READ,INCIDENTS:READ,MAINTENANCE_WINDOWS:READ,SUBSCRIBERS:READ,WEBHOOKS:READ,API_TOKENS:READ'
    ELSE 'STATUS_PAGES:EDIT,INCIDENTS:EDIT,MAINTENANCE_WINDOWS:EDIT,SUBSCRIBERS:EDIT,WEBHOOKS:EDIT,API_TOKENS:EDIT'
END;

-- A credential found in memory is trusted while the credentials counter holds: a change to what
-- it may do must move the counter too.
DROP TRIGGER change_counters_credentials_update;
CREATE TRIGGER change_counters_credentials_update
AFTER UPDATE OF name, project_id, read_only, revoked_at, secret_sha256, grants, expires_at ON credentials BEGIN
    UPDATE change_counters SET credentials = credentials + 1 WHERE id = 1;
END;
