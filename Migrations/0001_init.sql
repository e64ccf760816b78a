-- statusd schema, version 1. Append-only: once merged, never edit this file; add 0002_... instead.
-- Times are integer milliseconds since the Unix epoch (UTC). Booleans are 0/1.

-- A tenant boundary: credentials may be scoped to one project.
CREATE TABLE projects (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE status_pages (
    id                        TEXT PRIMARY KEY NOT NULL,
    project_id                TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name                      TEXT NOT NULL,
    subdomain                 TEXT NOT NULL UNIQUE,
    custom_domain             TEXT,
    description               TEXT,
    hide_from_search_engines  INTEGER NOT NULL DEFAULT 0 CHECK (hide_from_search_engines IN (0, 1)),
    created_at                INTEGER NOT NULL,
    updated_at                INTEGER NOT NULL
);
CREATE INDEX status_pages_by_project ON status_pages(project_id, created_at, id);
CREATE INDEX status_pages_by_creation ON status_pages(created_at, id);

CREATE TABLE components (
    id               TEXT PRIMARY KEY NOT NULL,
    status_page_id   TEXT NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    description      TEXT,
    status_override  TEXT CHECK (status_override IN ('OPERATIONAL', 'MAJOR_OUTAGE', 'PARTIAL_OUTAGE',
                                 'DEGRADED_PERFORMANCE', 'NO_IMPACT', 'MAINTENANCE')),
    display_uptime   INTEGER NOT NULL DEFAULT 1 CHECK (display_uptime IN (0, 1)),
    display_metrics  INTEGER NOT NULL DEFAULT 1 CHECK (display_metrics IN (0, 1)),
    group_id         TEXT,
    position         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX components_by_page ON components(status_page_id, position, created_at, id);

-- status: 0 investigating, 1 identified, 2 monitoring, 3 resolved (the sort order).
-- severity is derived from impact (UptimeIO: 3 critical = MAJOR_OUTAGE, 2 major = PARTIAL_OUTAGE,
-- 1 minor = anything else); a generated column, so the two can never disagree.
CREATE TABLE incidents (
    id              TEXT PRIMARY KEY NOT NULL,
    status_page_id  TEXT NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    status          INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
    impact          TEXT CHECK (impact IN ('MAJOR_OUTAGE', 'PARTIAL_OUTAGE', 'DEGRADED_PERFORMANCE',
                                           'NO_IMPACT', 'MAINTENANCE')),
    severity        INTEGER NOT NULL GENERATED ALWAYS AS (
                        CASE impact WHEN 'MAJOR_OUTAGE' THEN 3 WHEN 'PARTIAL_OUTAGE' THEN 2 ELSE 1 END
                    ) STORED,
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK ((status = 3) = (ended_at IS NOT NULL))
);
-- Lists: for each (equality filter, sort) the two APIs ask for, an index whose order is exactly the
-- list's order (the tie-break id last), so a page of a list reads only its slice: no temporary
-- B-tree, no scan of the page's other incidents. Store+IncidentList.swift names them (INDEXED BY).
-- Not covered (status AND severity filter, sorted by updated_at): scans incidents_status_updated.
CREATE INDEX incidents_created          ON incidents(status_page_id, created_at, id);
CREATE INDEX incidents_updated          ON incidents(status_page_id, updated_at, id);
CREATE INDEX incidents_severity         ON incidents(status_page_id, severity, id);
CREATE INDEX incidents_status           ON incidents(status_page_id, status, id);
CREATE INDEX incidents_status_created   ON incidents(status_page_id, status, created_at, id);
CREATE INDEX incidents_status_updated   ON incidents(status_page_id, status, updated_at, id);
CREATE INDEX incidents_status_severity  ON incidents(status_page_id, status, severity, id);
CREATE INDEX incidents_severity_created ON incidents(status_page_id, severity, created_at, id);
CREATE INDEX incidents_severity_updated ON incidents(status_page_id, severity, updated_at, id);
CREATE INDEX incidents_severity_status  ON incidents(status_page_id, severity, status, id);
CREATE INDEX incidents_status_severity_created ON incidents(status_page_id, status, severity, created_at, id);
-- Component status derivation reads only the open incidents of a page.
CREATE INDEX incidents_open ON incidents(status_page_id) WHERE status <> 3;

-- The components an incident names, each with its own impact (NULL: the incident's applies).
CREATE TABLE incident_components (
    incident_id   TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    component_id  TEXT NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    impact        TEXT CHECK (impact IN ('MAJOR_OUTAGE', 'PARTIAL_OUTAGE', 'DEGRADED_PERFORMANCE',
                                         'NO_IMPACT', 'MAINTENANCE')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (incident_id, component_id)
) WITHOUT ROWID;
CREATE INDEX incident_components_by_component ON incident_components(component_id);

-- The timeline. seq (the rowid) breaks ties between entries written in the same millisecond.
CREATE TABLE incident_updates (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    incident_id  TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    message      TEXT NOT NULL,
    status       INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
    kept_status  INTEGER NOT NULL DEFAULT 0 CHECK (kept_status IN (0, 1)),
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX incident_updates_by_incident ON incident_updates(incident_id, created_at);

-- API credentials: only the SHA-256 of the secret, never the secret.
CREATE TABLE credentials (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    secret_sha256  BLOB NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
    project_id     TEXT REFERENCES projects(id) ON DELETE CASCADE,
    read_only      INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER,
    revoked_at     INTEGER
);
CREATE INDEX credentials_by_creation ON credentials(created_at, id);

-- List totals without scanning: incidents per page x status x severity, kept by triggers.
CREATE TABLE incident_counts (
    status_page_id  TEXT NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    status          INTEGER NOT NULL,
    severity        INTEGER NOT NULL,
    count           INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (status_page_id, status, severity)
) WITHOUT ROWID;

CREATE TRIGGER incident_counts_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incident_counts(status_page_id, status, severity, count)
    VALUES (NEW.status_page_id, NEW.status, NEW.severity, 1)
    ON CONFLICT(status_page_id, status, severity) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER incident_counts_delete AFTER DELETE ON incidents BEGIN
    UPDATE incident_counts SET count = count - 1
    WHERE status_page_id = OLD.status_page_id AND status = OLD.status AND severity = OLD.severity;
END;

CREATE TRIGGER incident_counts_update AFTER UPDATE OF status_page_id, status, impact ON incidents
WHEN OLD.status_page_id IS NOT NEW.status_page_id OR OLD.status IS NOT NEW.status
     OR OLD.severity IS NOT NEW.severity
BEGIN
    UPDATE incident_counts SET count = count - 1
    WHERE status_page_id = OLD.status_page_id AND status = OLD.status AND severity = OLD.severity;
    INSERT INTO incident_counts(status_page_id, status, severity, count)
    VALUES (NEW.status_page_id, NEW.status, NEW.severity, 1)
    ON CONFLICT(status_page_id, status, severity) DO UPDATE SET count = count + 1;
END;
