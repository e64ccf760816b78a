-- statusd schema, version 12: a change counter per status page, so that a write to one page leaves
-- every other page's cached answers valid (issue 18). page_change_counters.version grows with every
-- row inserted, changed or deleted that belongs to the page: the page itself, its components, groups,
-- incidents with their components and timelines, maintenance windows with their components,
-- subscribers.
-- change_counters.content (0002) still counts every write, for answers that are not one page's
-- (the list of pages). Triggers keep both, so every writer counts, as in 0002. A page with no row
-- has version 0; rows are never deleted (a page deleted and made again under its id keeps counting
-- up), so a version once seen never comes back.

CREATE TABLE page_change_counters (
    status_page_id  TEXT PRIMARY KEY NOT NULL,
    version         INTEGER NOT NULL
) WITHOUT ROWID;

-- status_pages: its page (id); an update that moves a row counts for both pages.
CREATE TRIGGER page_change_counters_status_pages_insert AFTER INSERT ON status_pages BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_status_pages_update AFTER UPDATE ON status_pages BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_status_pages_moved AFTER UPDATE OF id ON status_pages WHEN OLD.id IS NOT NEW.id BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_status_pages_delete AFTER DELETE ON status_pages BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- components: its page (status_page_id); an update that moves a row counts for both pages.
CREATE TRIGGER page_change_counters_components_insert AFTER INSERT ON components BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_components_update AFTER UPDATE ON components BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_components_moved AFTER UPDATE OF status_page_id ON components WHEN OLD.status_page_id IS NOT NEW.status_page_id BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_components_delete AFTER DELETE ON components BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- component_groups: its page (status_page_id); an update that moves a row counts for both pages.
CREATE TRIGGER page_change_counters_component_groups_insert AFTER INSERT ON component_groups BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_component_groups_update AFTER UPDATE ON component_groups BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_component_groups_moved AFTER UPDATE OF status_page_id ON component_groups WHEN OLD.status_page_id IS NOT NEW.status_page_id BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_component_groups_delete AFTER DELETE ON component_groups BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- incidents: its page (status_page_id); an update that moves a row counts for both pages.
CREATE TRIGGER page_change_counters_incidents_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_incidents_update AFTER UPDATE ON incidents BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_incidents_moved AFTER UPDATE OF status_page_id ON incidents WHEN OLD.status_page_id IS NOT NEW.status_page_id BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_incidents_delete AFTER DELETE ON incidents BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- scheduled_maintenance: its page (status_page_id); an update that moves a row counts for both pages.
CREATE TRIGGER page_change_counters_scheduled_maintenance_insert AFTER INSERT ON scheduled_maintenance BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_scheduled_maintenance_update AFTER UPDATE ON scheduled_maintenance BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_scheduled_maintenance_moved AFTER UPDATE OF status_page_id ON scheduled_maintenance WHEN OLD.status_page_id IS NOT NEW.status_page_id BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_scheduled_maintenance_delete AFTER DELETE ON scheduled_maintenance BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- subscribers: its page (status_page_id); an update that moves a row counts for both pages.
CREATE TRIGGER page_change_counters_subscribers_insert AFTER INSERT ON subscribers BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_subscribers_update AFTER UPDATE ON subscribers BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (NEW.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_subscribers_moved AFTER UPDATE OF status_page_id ON subscribers WHEN OLD.status_page_id IS NOT NEW.status_page_id BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_subscribers_delete AFTER DELETE ON subscribers BEGIN
    INSERT INTO page_change_counters(status_page_id, version) VALUES (OLD.status_page_id, 1)
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- incident_components: the page of its incidents row (gone already when the parent's delete cascades: the
-- parent's own trigger counts that).
CREATE TRIGGER page_change_counters_incident_components_insert AFTER INSERT ON incident_components BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = NEW.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_incident_components_update AFTER UPDATE ON incident_components BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = NEW.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = OLD.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_incident_components_delete AFTER DELETE ON incident_components BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = OLD.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- incident_updates: the page of its incidents row (gone already when the parent's delete cascades: the
-- parent's own trigger counts that).
CREATE TRIGGER page_change_counters_incident_updates_insert AFTER INSERT ON incident_updates BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = NEW.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_incident_updates_update AFTER UPDATE ON incident_updates BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = NEW.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = OLD.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_incident_updates_delete AFTER DELETE ON incident_updates BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM incidents WHERE id = OLD.incident_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

-- scheduled_maintenance_components: the page of its scheduled_maintenance row (gone already when the parent's delete cascades: the
-- parent's own trigger counts that).
CREATE TRIGGER page_change_counters_scheduled_maintenance_components_insert AFTER INSERT ON scheduled_maintenance_components BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM scheduled_maintenance WHERE id = NEW.maintenance_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_scheduled_maintenance_components_update AFTER UPDATE ON scheduled_maintenance_components BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM scheduled_maintenance WHERE id = NEW.maintenance_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM scheduled_maintenance WHERE id = OLD.maintenance_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER page_change_counters_scheduled_maintenance_components_delete AFTER DELETE ON scheduled_maintenance_components BEGIN
    INSERT INTO page_change_counters(status_page_id, version)
        SELECT status_page_id, 1 FROM scheduled_maintenance WHERE id = OLD.maintenance_id
        ON CONFLICT(status_page_id) DO UPDATE SET version = version + 1;
END;
