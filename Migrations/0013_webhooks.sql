-- statusd schema, version 13: outgoing webhooks and the durable outbox their deliveries go through
-- (issue 19). Append-only, like those before it.

-- A receiver of events. project_id is the project of the credential that made it (NULL: an
-- all-projects credential's, reaching every project); only credentials that reach that project see
-- it. all_pages = 1 follows every page of its project(s), present and future; otherwise exactly the
-- pages in webhook_pages (kept as a flag, so a page purged from under it never widens it to all).
-- events is a JSON array of event names. secret is kept as generated: the sender signs with it.
CREATE TABLE webhooks (
    id          TEXT PRIMARY KEY NOT NULL,
    project_id  TEXT REFERENCES projects(id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    description TEXT,
    events      TEXT NOT NULL CHECK (json_valid(events) AND json_type(events) = 'array'),
    all_pages   INTEGER NOT NULL CHECK (all_pages IN (0, 1)),
    secret      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX webhooks_by_project ON webhooks(project_id, created_at, id);
CREATE INDEX webhooks_by_creation ON webhooks(created_at, id);

CREATE TABLE webhook_pages (
    webhook_id      TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    status_page_id  TEXT NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (webhook_id, status_page_id)
) WITHOUT ROWID;
CREATE INDEX webhook_pages_by_page ON webhook_pages(status_page_id);

-- The outbox: one row per event and recipient, written in the transaction of the change that
-- caused it. channel says how it goes out: 'webhook' (webhook_id set) now; 'email' (subscriber_id
-- set) is for subscriber mail, which reads the same columns. payload is the exact body to send.
-- A sender claims a due row by setting lease_owner and lease_until (in a write transaction, so two
-- processes on one file never both hold it); a lease that expires (the sender died) makes the row
-- due again. state: 'pending' until delivered ('delivered', delivered_at) or given up ('failed',
-- failed_at: still failing 24 h after the first attempt).
CREATE TABLE deliveries (
    id                TEXT PRIMARY KEY NOT NULL,
    channel           TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
    webhook_id        TEXT REFERENCES webhooks(id) ON DELETE CASCADE,
    subscriber_id     TEXT REFERENCES subscribers(id) ON DELETE CASCADE,
    event             TEXT NOT NULL,
    status_page_id    TEXT NOT NULL,
    payload           BLOB NOT NULL,
    state             TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    first_attempt_at  INTEGER,
    last_attempt_at   INTEGER,
    last_status_code  INTEGER,
    last_error        TEXT,
    next_attempt_at   INTEGER NOT NULL,
    lease_owner       TEXT,
    lease_until       INTEGER,
    delivered_at      INTEGER,
    failed_at         INTEGER,
    created_at        INTEGER NOT NULL,
    CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL)),
    CHECK ((channel = 'email') = (subscriber_id IS NOT NULL))
);
-- What the sender looks for: pending rows of a channel by when they are due.
CREATE INDEX deliveries_due ON deliveries(channel, next_attempt_at) WHERE state = 'pending';
-- The per-webhook delivery log, newest first.
CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, created_at, id);

-- Time events (a maintenance window starting or ending) enqueued so far: the sender's pass inserts
-- here in the transaction that enqueues, so a window's event is enqueued once, whichever process
-- or restart sees it first. starts_at is part of the key: a window moved is a new window.
CREATE TABLE time_events_enqueued (
    maintenance_id  TEXT NOT NULL REFERENCES scheduled_maintenance(id) ON DELETE CASCADE,
    event           TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    enqueued_at     INTEGER NOT NULL,
    PRIMARY KEY (maintenance_id, event, starts_at)
) WITHOUT ROWID;
