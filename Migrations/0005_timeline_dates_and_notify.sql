-- statusd schema, version 5: every field the incident and update bodies take is kept.
-- An update's created_at is its place in the timeline: when it happened (OnlineOrNot date_happened,
-- which a client may set to an earlier time). recorded_at is when statusd wrote it, kept only when
-- the two differ (NULL: the same as created_at).
ALTER TABLE incident_updates ADD COLUMN recorded_at INTEGER;

-- notify_subscribers as the client sent it (default true), for the notifications that use it.
ALTER TABLE incidents ADD COLUMN notify_subscribers INTEGER NOT NULL DEFAULT 1
    CHECK (notify_subscribers IN (0, 1));
ALTER TABLE incident_updates ADD COLUMN notify_subscribers INTEGER NOT NULL DEFAULT 1
    CHECK (notify_subscribers IN (0, 1));
