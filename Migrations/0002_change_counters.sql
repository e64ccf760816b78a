-- statusd schema, version 2: change counters, for caches of what was read.
-- change_counters.content grows with every row inserted, changed or deleted in the tables the API
-- shows; change_counters.credentials with every change to a credential that decides what it may
-- do (not last_used_at). Triggers, not application code, keep them, so that every writer counts:
-- the server, the CLI, another process or tool on the same file. A cache entry made from data read
-- after the counter was N may be served while the counter is still N.

CREATE TABLE change_counters (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    content     INTEGER NOT NULL,
    credentials INTEGER NOT NULL
);
INSERT INTO change_counters(id, content, credentials) VALUES (1, 0, 0);

CREATE TRIGGER change_counters_projects_insert AFTER INSERT ON projects BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_projects_update AFTER UPDATE ON projects BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_projects_delete AFTER DELETE ON projects BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_status_pages_insert AFTER INSERT ON status_pages BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_status_pages_update AFTER UPDATE ON status_pages BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_status_pages_delete AFTER DELETE ON status_pages BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_components_insert AFTER INSERT ON components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_components_update AFTER UPDATE ON components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_components_delete AFTER DELETE ON components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incidents_insert AFTER INSERT ON incidents BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incidents_update AFTER UPDATE ON incidents BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incidents_delete AFTER DELETE ON incidents BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incident_components_insert AFTER INSERT ON incident_components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incident_components_update AFTER UPDATE ON incident_components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incident_components_delete AFTER DELETE ON incident_components BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incident_updates_insert AFTER INSERT ON incident_updates BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incident_updates_update AFTER UPDATE ON incident_updates BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_incident_updates_delete AFTER DELETE ON incident_updates BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_credentials_insert AFTER INSERT ON credentials BEGIN
    UPDATE change_counters SET credentials = credentials + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_credentials_update AFTER UPDATE OF name, project_id, read_only, revoked_at, secret_sha256 ON credentials BEGIN
    UPDATE change_counters SET credentials = credentials + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_credentials_delete AFTER DELETE ON credentials BEGIN
    UPDATE change_counters SET credentials = credentials + 1 WHERE id = 1;
END;
