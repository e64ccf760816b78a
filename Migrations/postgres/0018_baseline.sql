-- statusd's PostgreSQL schema, equal to SQLite's after Migrations/0001 … 0018 (issue 21). Append-only
-- like the SQLite files: a later change to the schema is a new file numbered as its SQLite twin.
-- The PostgresMigrator runs each file in one transaction, under an advisory lock.
--
-- Translation, the same everywhere: SQLite's INTEGER (64-bit) is BIGINT, BLOB is BYTEA, TEXT is TEXT
-- COLLATE "C" (SQLite compares bytes: so do sorts, keys and indexes here, whatever the database's
-- locale). Times stay integer milliseconds since the Unix epoch and flags stay 0/1 integers with
-- their CHECKs, so both stores read the same values. WITHOUT ROWID tables are plain tables with the
-- same primary key. SQLite's triggers are PL/pgSQL trigger functions with the same effect, row by row.
-- The comments on each table and column are in the SQLite files; only what differs is said here.

-- SQLite's NOCASE: ASCII letters folded, nothing else.
CREATE FUNCTION statusd_ascii_lower(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');

-- SQLite's json_valid(value) AND json_type(value) = 'array', false (not an error) for invalid JSON.
-- The json type, not jsonb: jsonb refuses what SQLite takes (\u0000 in a string, 1e999999).
CREATE FUNCTION statusd_is_json_array(value TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN json_typeof(value::json) = 'array';
EXCEPTION WHEN invalid_text_representation THEN
    RETURN false;
END;
$$;

-- Tenants: credentials may be scoped to one project.
CREATE TABLE projects (
    id          TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE status_pages (
    id                        TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    project_id                TEXT COLLATE "C" NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name                      TEXT COLLATE "C" NOT NULL,
    subdomain                 TEXT COLLATE "C" NOT NULL UNIQUE,
    custom_domain             TEXT COLLATE "C",
    description               TEXT COLLATE "C",
    hide_from_search_engines  BIGINT NOT NULL DEFAULT 0 CHECK (hide_from_search_engines IN (0, 1)),
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL,
    -- 0006. password_hash: SQLite's LIKE ignores ASCII case, hence ILIKE.
    favicon_url               TEXT COLLATE "C",
    logo_url                  TEXT COLLATE "C",
    dark_logo_url             TEXT COLLATE "C",
    password_hash             TEXT COLLATE "C" CHECK (password_hash IS NULL OR password_hash ILIKE 'pbkdf2-sha256$%'),
    allowed_ips               TEXT COLLATE "C",
    -- 0009
    is_published              BIGINT NOT NULL DEFAULT 1 CHECK (is_published IN (0, 1)),
    primary_color             TEXT COLLATE "C",
    accent_color              TEXT COLLATE "C",
    company_name              TEXT COLLATE "C",
    custom_css                TEXT COLLATE "C",
    show_uptime_history       BIGINT NOT NULL DEFAULT 1 CHECK (show_uptime_history IN (0, 1)),
    uptime_history_days       BIGINT NOT NULL DEFAULT 90 CHECK (uptime_history_days BETWEEN 1 AND 365),
    show_incident_history     BIGINT NOT NULL DEFAULT 1 CHECK (show_incident_history IN (0, 1)),
    incident_history_days     BIGINT NOT NULL DEFAULT 30 CHECK (incident_history_days BETWEEN 1 AND 365),
    allow_subscriptions       BIGINT NOT NULL DEFAULT 1 CHECK (allow_subscriptions IN (0, 1)),
    subscription_types        TEXT COLLATE "C" NOT NULL DEFAULT 'email,webhook',
    deleted_at                BIGINT,
    deleted_subdomain         TEXT COLLATE "C"
);
CREATE INDEX status_pages_by_project ON status_pages(project_id, created_at, id);
CREATE INDEX status_pages_by_creation ON status_pages(created_at, id);
CREATE INDEX status_pages_deleted ON status_pages(deleted_at) WHERE deleted_at IS NOT NULL;

-- group_id has no foreign key, as in SQLite: triggers below keep it to a group of the same page.
CREATE TABLE components (
    id               TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    status_page_id   TEXT COLLATE "C" NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    name             TEXT COLLATE "C" NOT NULL,
    description      TEXT COLLATE "C",
    status_override  TEXT COLLATE "C" CHECK (status_override IN ('OPERATIONAL', 'MAJOR_OUTAGE', 'PARTIAL_OUTAGE',
                                 'DEGRADED_PERFORMANCE', 'NO_IMPACT', 'MAINTENANCE')),
    display_uptime   BIGINT NOT NULL DEFAULT 1 CHECK (display_uptime IN (0, 1)),
    display_metrics  BIGINT NOT NULL DEFAULT 1 CHECK (display_metrics IN (0, 1)),
    group_id         TEXT COLLATE "C",
    position         BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX components_by_page ON components(status_page_id, position, created_at, id);
CREATE INDEX components_by_group ON components(group_id) WHERE group_id IS NOT NULL;

-- status: 0 investigating, 1 identified, 2 monitoring, 3 resolved. severity derives from impact.
CREATE TABLE incidents (
    id                  TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    status_page_id      TEXT COLLATE "C" NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    title               TEXT COLLATE "C" NOT NULL,
    description         TEXT COLLATE "C" NOT NULL,
    status              BIGINT NOT NULL CHECK (status BETWEEN 0 AND 3),
    impact              TEXT COLLATE "C" CHECK (impact IN ('MAJOR_OUTAGE', 'PARTIAL_OUTAGE', 'DEGRADED_PERFORMANCE',
                                               'NO_IMPACT', 'MAINTENANCE')),
    severity            BIGINT NOT NULL GENERATED ALWAYS AS (
                            CASE impact WHEN 'MAJOR_OUTAGE' THEN 3 WHEN 'PARTIAL_OUTAGE' THEN 2 ELSE 1 END
                        ) STORED,
    started_at          BIGINT NOT NULL,
    ended_at            BIGINT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    -- 0005
    notify_subscribers  BIGINT NOT NULL DEFAULT 1 CHECK (notify_subscribers IN (0, 1)),
    CHECK ((status = 3) = (ended_at IS NOT NULL))
);
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
CREATE INDEX incidents_open ON incidents(status_page_id) WHERE status <> 3;

CREATE TABLE incident_components (
    incident_id   TEXT COLLATE "C" NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    component_id  TEXT COLLATE "C" NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    impact        TEXT COLLATE "C" CHECK (impact IN ('MAJOR_OUTAGE', 'PARTIAL_OUTAGE', 'DEGRADED_PERFORMANCE',
                                         'NO_IMPACT', 'MAINTENANCE')),
    position      BIGINT NOT NULL,
    PRIMARY KEY (incident_id, component_id)
);
CREATE INDEX incident_components_by_component ON incident_components(component_id);

-- seq: SQLite's rowid alias; an identity column here (BY DEFAULT, so an import can keep the values;
-- it must then move the sequence past them with setval, or the next insert collides).
CREATE TABLE incident_updates (
    seq                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id                  TEXT COLLATE "C" NOT NULL UNIQUE,
    incident_id         TEXT COLLATE "C" NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    message             TEXT COLLATE "C" NOT NULL,
    status              BIGINT NOT NULL CHECK (status BETWEEN 0 AND 3),
    kept_status         BIGINT NOT NULL DEFAULT 0 CHECK (kept_status IN (0, 1)),
    created_by          TEXT COLLATE "C" NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    -- 0005
    recorded_at         BIGINT,
    notify_subscribers  BIGINT NOT NULL DEFAULT 1 CHECK (notify_subscribers IN (0, 1))
);
-- SQLite's indexes end in the rowid (seq) of themselves; here it is spelt out, for the newest-entry
-- order (created_at DESC, seq DESC).
CREATE INDEX incident_updates_by_incident ON incident_updates(incident_id, created_at, seq);

-- Only the SHA-256 of a secret, never the secret.
CREATE TABLE credentials (
    id             TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    name           TEXT COLLATE "C" NOT NULL,
    secret_sha256  BYTEA NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
    project_id     TEXT COLLATE "C" REFERENCES projects(id) ON DELETE CASCADE,
    read_only      BIGINT NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),
    created_at     BIGINT NOT NULL,
    last_used_at   BIGINT,
    revoked_at     BIGINT,
    -- 0017
    grants         TEXT COLLATE "C",
    expires_at     BIGINT
);
CREATE INDEX credentials_by_creation ON credentials(created_at, id);

CREATE TABLE incident_counts (
    status_page_id  TEXT COLLATE "C" NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    status          BIGINT NOT NULL,
    severity        BIGINT NOT NULL,
    count           BIGINT NOT NULL CHECK (count >= 0),
    PRIMARY KEY (status_page_id, status, severity)
);

-- 0002
CREATE TABLE change_counters (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    content      BIGINT NOT NULL,
    credentials  BIGINT NOT NULL
);
INSERT INTO change_counters(id, content, credentials) VALUES (1, 0, 0);

-- 0006
CREATE TABLE component_groups (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    status_page_id  TEXT COLLATE "C" NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    name            TEXT COLLATE "C" NOT NULL,
    description     TEXT COLLATE "C",
    sort_order      BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX component_groups_by_page ON component_groups(status_page_id, sort_order, created_at, id);

-- 0010
CREATE TABLE scheduled_maintenance (
    id                     TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    status_page_id         TEXT COLLATE "C" NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    title                  TEXT COLLATE "C" NOT NULL,
    description            TEXT COLLATE "C" NOT NULL,
    start_at               BIGINT NOT NULL,
    duration_minutes       BIGINT NOT NULL CHECK (duration_minutes >= 1),
    end_at                 BIGINT NOT NULL GENERATED ALWAYS AS (start_at + duration_minutes * 60000) STORED,
    notify_an_hour_before  BIGINT NOT NULL DEFAULT 0 CHECK (notify_an_hour_before IN (0, 1)),
    notify_at_start        BIGINT NOT NULL DEFAULT 1 CHECK (notify_at_start IN (0, 1)),
    notify_at_end          BIGINT NOT NULL DEFAULT 1 CHECK (notify_at_end IN (0, 1)),
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
CREATE INDEX scheduled_maintenance_by_start ON scheduled_maintenance(status_page_id, start_at, id);
CREATE INDEX scheduled_maintenance_by_end ON scheduled_maintenance(status_page_id, end_at);
CREATE INDEX scheduled_maintenance_starts ON scheduled_maintenance(start_at);
CREATE INDEX scheduled_maintenance_ends ON scheduled_maintenance(end_at);

CREATE TABLE scheduled_maintenance_components (
    maintenance_id  TEXT COLLATE "C" NOT NULL REFERENCES scheduled_maintenance(id) ON DELETE CASCADE,
    component_id    TEXT COLLATE "C" NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    position        BIGINT NOT NULL,
    PRIMARY KEY (maintenance_id, component_id)
);
CREATE INDEX scheduled_maintenance_components_by_component ON scheduled_maintenance_components(component_id);

-- 0011
CREATE TABLE subscribers (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    status_page_id  TEXT COLLATE "C" NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    email_address   TEXT COLLATE "C" NOT NULL CHECK (length(email_address) BETWEEN 3 AND 254),
    confirmed_at    BIGINT,
    created_at      BIGINT NOT NULL
);
-- SQLite's COLLATE NOCASE folds ASCII letters only: statusd_ascii_lower does exactly that (lower()
-- would follow the database's locale). A query must compare the same expression to use the index.
CREATE UNIQUE INDEX subscribers_by_address ON subscribers(status_page_id, statusd_ascii_lower(email_address));
CREATE INDEX subscribers_by_created ON subscribers(status_page_id, created_at, id);

-- 0012: rows are never deleted.
CREATE TABLE page_change_counters (
    status_page_id  TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    version         BIGINT NOT NULL
);

-- 0013
CREATE TABLE webhooks (
    id          TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    project_id  TEXT COLLATE "C" REFERENCES projects(id) ON DELETE CASCADE,
    url         TEXT COLLATE "C" NOT NULL,
    description TEXT COLLATE "C",
    events      TEXT COLLATE "C" NOT NULL CHECK (statusd_is_json_array(events)),
    all_pages   BIGINT NOT NULL CHECK (all_pages IN (0, 1)),
    secret      TEXT COLLATE "C" NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX webhooks_by_project ON webhooks(project_id, created_at, id);
CREATE INDEX webhooks_by_creation ON webhooks(created_at, id);

CREATE TABLE webhook_pages (
    webhook_id      TEXT COLLATE "C" NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    status_page_id  TEXT COLLATE "C" NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    position        BIGINT NOT NULL,
    PRIMARY KEY (webhook_id, status_page_id)
);
CREATE INDEX webhook_pages_by_page ON webhook_pages(status_page_id);

CREATE TABLE deliveries (
    id                TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    channel           TEXT COLLATE "C" NOT NULL CHECK (channel IN ('webhook', 'email')),
    webhook_id        TEXT COLLATE "C" REFERENCES webhooks(id) ON DELETE CASCADE,
    subscriber_id     TEXT COLLATE "C" REFERENCES subscribers(id) ON DELETE CASCADE,
    event             TEXT COLLATE "C" NOT NULL,
    status_page_id    TEXT COLLATE "C" NOT NULL,
    payload           BYTEA NOT NULL,
    state             TEXT COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts          BIGINT NOT NULL DEFAULT 0,
    first_attempt_at  BIGINT,
    last_attempt_at   BIGINT,
    last_status_code  BIGINT,
    last_error        TEXT COLLATE "C",
    next_attempt_at   BIGINT NOT NULL,
    lease_owner       TEXT COLLATE "C",
    lease_until       BIGINT,
    delivered_at      BIGINT,
    failed_at         BIGINT,
    created_at        BIGINT NOT NULL,
    CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL)),
    CHECK ((channel = 'email') = (subscriber_id IS NOT NULL))
);
CREATE INDEX deliveries_due ON deliveries(channel, next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, created_at, id);

CREATE TABLE time_events_enqueued (
    maintenance_id  TEXT COLLATE "C" NOT NULL REFERENCES scheduled_maintenance(id) ON DELETE CASCADE,
    event           TEXT COLLATE "C" NOT NULL,
    starts_at       BIGINT NOT NULL,
    enqueued_at     BIGINT NOT NULL,
    PRIMARY KEY (maintenance_id, event, starts_at)
);

-- 0014
CREATE TABLE server_secrets (
    name        TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    value       BYTEA NOT NULL CHECK (length(value) >= 32),
    created_at  BIGINT NOT NULL
);

-- 0016
CREATE TABLE idempotency_keys (
    credential_id  TEXT COLLATE "C" NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
    key            TEXT COLLATE "C" NOT NULL,
    fingerprint    BYTEA NOT NULL,
    status         BIGINT NOT NULL,
    header_fields  TEXT COLLATE "C" NOT NULL,
    body           BYTEA NOT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (credential_id, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);

-- 0018. seq: AUTOINCREMENT in SQLite (never reused); a sequence never hands a value out twice. Unlike
-- SQLite's single writer, concurrent transactions here can commit out of seq order: a reader paging
-- "after seq N" while others write could miss a late commit (the log's reads page by offset today).
CREATE TABLE audit_log (
    seq             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    occurred_at     BIGINT NOT NULL,
    actor_type      TEXT COLLATE "C" NOT NULL,
    actor_id        TEXT COLLATE "C",
    actor_name      TEXT COLLATE "C",
    request         TEXT COLLATE "C",
    action          TEXT COLLATE "C" NOT NULL,
    resource_type   TEXT COLLATE "C" NOT NULL,
    resource_id     TEXT COLLATE "C" NOT NULL,
    status_page_id  TEXT COLLATE "C",
    project_id      TEXT COLLATE "C",
    fields          TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_by_resource ON audit_log(resource_type, resource_id, seq);
CREATE INDEX audit_log_by_page ON audit_log(status_page_id, seq);
CREATE INDEX audit_log_by_project ON audit_log(project_id, seq);
CREATE INDEX audit_log_by_time ON audit_log(occurred_at, seq);

-- 0001: incident_counts, the list totals, per page x status x severity.
CREATE FUNCTION incident_counts_add(page TEXT, incident_status BIGINT, incident_severity BIGINT) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO incident_counts(status_page_id, status, severity, count)
    VALUES (page, incident_status, incident_severity, 1)
    ON CONFLICT (status_page_id, status, severity) DO UPDATE SET count = incident_counts.count + 1;
$$;

CREATE FUNCTION incident_counts_remove(page TEXT, incident_status BIGINT, incident_severity BIGINT) RETURNS void
    LANGUAGE sql AS $$
    UPDATE incident_counts SET count = count - 1
    WHERE status_page_id = page AND status = incident_status AND severity = incident_severity;
$$;

CREATE FUNCTION incident_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM incident_counts_remove(OLD.status_page_id, OLD.status, OLD.severity);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM incident_counts_add(NEW.status_page_id, NEW.status, NEW.severity);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER incident_counts_insert AFTER INSERT ON incidents
    FOR EACH ROW EXECUTE FUNCTION incident_counts_keep();
CREATE TRIGGER incident_counts_delete AFTER DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incident_counts_keep();
CREATE TRIGGER incident_counts_update AFTER UPDATE OF status_page_id, status, impact ON incidents
    FOR EACH ROW
    WHEN (OLD.status_page_id IS DISTINCT FROM NEW.status_page_id OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.severity IS DISTINCT FROM NEW.severity)
    EXECUTE FUNCTION incident_counts_keep();

-- 0002: change_counters.content moves with every row written to what the API shows.
CREATE FUNCTION change_counters_content() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER change_counters_projects AFTER INSERT OR UPDATE OR DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_status_pages AFTER INSERT OR UPDATE OR DELETE ON status_pages
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_components AFTER INSERT OR UPDATE OR DELETE ON components
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_incidents AFTER INSERT OR UPDATE OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_incident_components AFTER INSERT OR UPDATE OR DELETE ON incident_components
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_incident_updates AFTER INSERT OR UPDATE OR DELETE ON incident_updates
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_component_groups AFTER INSERT OR UPDATE OR DELETE ON component_groups
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_scheduled_maintenance AFTER INSERT OR UPDATE OR DELETE ON scheduled_maintenance
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_scheduled_maintenance_components
    AFTER INSERT OR UPDATE OR DELETE ON scheduled_maintenance_components
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();
CREATE TRIGGER change_counters_subscribers AFTER INSERT OR UPDATE OR DELETE ON subscribers
    FOR EACH ROW EXECUTE FUNCTION change_counters_content();

-- change_counters.credentials: every change to what a credential may do (0017's list), not its last use.
CREATE FUNCTION change_counters_credentials() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE change_counters SET credentials = credentials + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER change_counters_credentials_insert_delete AFTER INSERT OR DELETE ON credentials
    FOR EACH ROW EXECUTE FUNCTION change_counters_credentials();
CREATE TRIGGER change_counters_credentials_update
    AFTER UPDATE OF name, project_id, read_only, revoked_at, secret_sha256, grants, expires_at ON credentials
    FOR EACH ROW EXECUTE FUNCTION change_counters_credentials();

-- 0006: a component names only a group of its own page; deleting a group ungroups its components.
-- (SQLite's RAISE(ABORT) is a constraint error; so is SQLSTATE 23000.)
CREATE FUNCTION components_group_on_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.group_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM component_groups WHERE id = NEW.group_id AND status_page_id = NEW.status_page_id)
    THEN
        RAISE EXCEPTION 'components.group_id names no group of the component''s status page'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER components_group_on_page_insert BEFORE INSERT ON components
    FOR EACH ROW EXECUTE FUNCTION components_group_on_page();
CREATE TRIGGER components_group_on_page_update BEFORE UPDATE OF group_id, status_page_id ON components
    FOR EACH ROW EXECUTE FUNCTION components_group_on_page();

CREATE FUNCTION component_groups_ungroup_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE components SET group_id = NULL WHERE group_id = OLD.id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER component_groups_ungroup_on_delete AFTER DELETE ON component_groups
    FOR EACH ROW EXECUTE FUNCTION component_groups_ungroup_on_delete();

-- 0010: a maintenance window names only components of its own page.
CREATE FUNCTION scheduled_maintenance_components_on_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM components AS component JOIN scheduled_maintenance AS window_row
            ON window_row.status_page_id = component.status_page_id
        WHERE component.id = NEW.component_id AND window_row.id = NEW.maintenance_id)
    THEN
        RAISE EXCEPTION 'scheduled_maintenance_components names a component of another status page'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER scheduled_maintenance_components_on_page BEFORE INSERT ON scheduled_maintenance_components
    FOR EACH ROW EXECUTE FUNCTION scheduled_maintenance_components_on_page();

-- 0012: page_change_counters.version moves with every row of the page written; an update that moves a
-- row to another page counts for both, as SQLite's *_update and *_moved triggers do.
-- Where one DELETE cascades through several tables, the two engines cascade in different orders (SQLite
-- ungroups a deleted page's components before deleting them, PostgreSQL deletes them first), so the
-- totals may differ by a few: what a cache relies on, that every write moves the counter, holds in both.
CREATE FUNCTION page_change_counters_bump(page TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO page_change_counters(status_page_id, version) VALUES (page, 1)
    ON CONFLICT (status_page_id) DO UPDATE SET version = page_change_counters.version + 1;
$$;

-- status_pages: the page is the row itself.
CREATE FUNCTION page_change_counters_of_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM page_change_counters_bump(OLD.id);
        RETURN NULL;
    END IF;
    PERFORM page_change_counters_bump(NEW.id);
    IF TG_OP = 'UPDATE' AND OLD.id IS DISTINCT FROM NEW.id THEN
        PERFORM page_change_counters_bump(OLD.id);
    END IF;
    RETURN NULL;
END;
$$;

-- Tables with a status_page_id column.
CREATE FUNCTION page_change_counters_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM page_change_counters_bump(OLD.status_page_id);
        RETURN NULL;
    END IF;
    PERFORM page_change_counters_bump(NEW.status_page_id);
    IF TG_OP = 'UPDATE' AND OLD.status_page_id IS DISTINCT FROM NEW.status_page_id THEN
        PERFORM page_change_counters_bump(OLD.status_page_id);
    END IF;
    RETURN NULL;
END;
$$;

-- incident_components, incident_updates: the page of their incident (gone already when the incident's
-- delete cascades: its own trigger counts that). An update counts for the new and the old incident's
-- page, twice when they are one, as in SQLite.
CREATE FUNCTION page_change_counters_of_incident_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM page_change_counters_bump(status_page_id) FROM incidents WHERE id = NEW.incident_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM page_change_counters_bump(status_page_id) FROM incidents WHERE id = OLD.incident_id;
    END IF;
    RETURN NULL;
END;
$$;

-- scheduled_maintenance_components: the page of their window, likewise.
CREATE FUNCTION page_change_counters_of_maintenance_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM page_change_counters_bump(status_page_id) FROM scheduled_maintenance WHERE id = NEW.maintenance_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM page_change_counters_bump(status_page_id) FROM scheduled_maintenance WHERE id = OLD.maintenance_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER page_change_counters_status_pages AFTER INSERT OR UPDATE OR DELETE ON status_pages
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_page();
CREATE TRIGGER page_change_counters_components AFTER INSERT OR UPDATE OR DELETE ON components
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_row();
CREATE TRIGGER page_change_counters_component_groups AFTER INSERT OR UPDATE OR DELETE ON component_groups
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_row();
CREATE TRIGGER page_change_counters_incidents AFTER INSERT OR UPDATE OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_row();
CREATE TRIGGER page_change_counters_scheduled_maintenance AFTER INSERT OR UPDATE OR DELETE ON scheduled_maintenance
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_row();
CREATE TRIGGER page_change_counters_subscribers AFTER INSERT OR UPDATE OR DELETE ON subscribers
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_row();
CREATE TRIGGER page_change_counters_incident_components AFTER INSERT OR UPDATE OR DELETE ON incident_components
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_incident_row();
CREATE TRIGGER page_change_counters_incident_updates AFTER INSERT OR UPDATE OR DELETE ON incident_updates
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_incident_row();
CREATE TRIGGER page_change_counters_scheduled_maintenance_components
    AFTER INSERT OR UPDATE OR DELETE ON scheduled_maintenance_components
    FOR EACH ROW EXECUTE FUNCTION page_change_counters_of_maintenance_row();
