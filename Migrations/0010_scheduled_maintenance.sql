-- statusd schema, version 10: scheduled maintenance (issue 17). Append-only, like those before it.

-- A window of planned work on a status page. While it is open (start_at <= now < end_at) the
-- components it names read MAINTENANCE unless something worse holds them (see Store+Components).
-- Nothing is written when a window opens or closes: its state is derived from the clock, so cached
-- answers carry the span until the next start or end (Store.derivedStatusSpan).
CREATE TABLE scheduled_maintenance (
    id                     TEXT PRIMARY KEY NOT NULL,
    status_page_id         TEXT NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    title                  TEXT NOT NULL,
    description            TEXT NOT NULL,
    start_at               INTEGER NOT NULL,
    duration_minutes       INTEGER NOT NULL CHECK (duration_minutes >= 1),
    end_at                 INTEGER NOT NULL GENERATED ALWAYS AS (start_at + duration_minutes * 60000) STORED,
    notify_an_hour_before  INTEGER NOT NULL DEFAULT 0 CHECK (notify_an_hour_before IN (0, 1)),
    notify_at_start        INTEGER NOT NULL DEFAULT 1 CHECK (notify_at_start IN (0, 1)),
    notify_at_end          INTEGER NOT NULL DEFAULT 1 CHECK (notify_at_end IN (0, 1)),
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);
-- The list's order (latest start first, the id as tie-break).
CREATE INDEX scheduled_maintenance_by_start ON scheduled_maintenance(status_page_id, start_at, id);
-- Windows of a page that have not ended: the open ones (component status) and the summary's.
CREATE INDEX scheduled_maintenance_by_end ON scheduled_maintenance(status_page_id, end_at);
-- The nearest starts and ends around a time, over every page: how long a cached answer holds.
CREATE INDEX scheduled_maintenance_starts ON scheduled_maintenance(start_at);
CREATE INDEX scheduled_maintenance_ends ON scheduled_maintenance(end_at);

-- The components a window names, in the order given.
CREATE TABLE scheduled_maintenance_components (
    maintenance_id  TEXT NOT NULL REFERENCES scheduled_maintenance(id) ON DELETE CASCADE,
    component_id    TEXT NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (maintenance_id, component_id)
) WITHOUT ROWID;
CREATE INDEX scheduled_maintenance_components_by_component ON scheduled_maintenance_components(component_id);

-- A window names only components of its own page, whoever writes (the API checks first and says
-- which ids are unknown; this keeps the promise for the CLI and hand edits).
CREATE TRIGGER scheduled_maintenance_components_on_page BEFORE INSERT ON scheduled_maintenance_components
WHEN NOT EXISTS (
    SELECT 1 FROM components AS component JOIN scheduled_maintenance AS window_row
        ON window_row.status_page_id = component.status_page_id
    WHERE component.id = NEW.component_id AND window_row.id = NEW.maintenance_id)
BEGIN
    SELECT RAISE(ABORT, 'scheduled_maintenance_components names a component of another status page');
END;

-- Change counters (see 0002): windows and their components are content the API shows.
CREATE TRIGGER change_counters_scheduled_maintenance_insert AFTER INSERT ON scheduled_maintenance BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_scheduled_maintenance_update AFTER UPDATE ON scheduled_maintenance BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_scheduled_maintenance_delete AFTER DELETE ON scheduled_maintenance BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_scheduled_maintenance_components_insert AFTER INSERT ON scheduled_maintenance_components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_scheduled_maintenance_components_update AFTER UPDATE ON scheduled_maintenance_components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_scheduled_maintenance_components_delete AFTER DELETE ON scheduled_maintenance_components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;
