-- statusd schema, version 6: component groups, and the status page fields the 2026 OnlineOrNot spec
-- returns (branding, password, IP allow-list). Append-only, like those before it.

-- A heading on a status page under which some of its components are shown. sort_order orders the
-- page's groups; a component's position orders it among the components of its group (or among the
-- ungrouped ones), so the three sort-order endpoints each renumber one of those scopes.
CREATE TABLE component_groups (
    id              TEXT PRIMARY KEY NOT NULL,
    status_page_id  TEXT NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    description     TEXT,
    sort_order      INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX component_groups_by_page ON component_groups(status_page_id, sort_order, created_at, id);

-- components.group_id came with 0001 but nothing kept it until now; a value left by a hand edit
-- names no group.
UPDATE components SET group_id = NULL WHERE group_id IS NOT NULL;
CREATE INDEX components_by_group ON components(group_id) WHERE group_id IS NOT NULL;

-- 0001 gave components.group_id no foreign key and SQLite cannot add one without rebuilding the
-- table (and the incident links that reference it), so triggers keep the same promise: a component
-- names only a group of its own page, whoever writes, and deleting a group ungroups its components.
CREATE TRIGGER components_group_on_page_insert BEFORE INSERT ON components
WHEN NEW.group_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM component_groups WHERE id = NEW.group_id AND status_page_id = NEW.status_page_id)
BEGIN
    SELECT RAISE(ABORT, 'components.group_id names no group of the component''s status page');
END;

CREATE TRIGGER components_group_on_page_update BEFORE UPDATE OF group_id, status_page_id ON components
WHEN NEW.group_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM component_groups WHERE id = NEW.group_id AND status_page_id = NEW.status_page_id)
BEGIN
    SELECT RAISE(ABORT, 'components.group_id names no group of the component''s status page');
END;

CREATE TRIGGER component_groups_ungroup_on_delete AFTER DELETE ON component_groups BEGIN
    UPDATE components SET group_id = NULL WHERE group_id = OLD.id;
END;

-- Status page fields. password_hash: the page's password as salted PBKDF2-HMAC-SHA256, encoded
-- with its parameters ('pbkdf2-sha256$<iterations>$<salt>$<hash>'); only whether one is set is
-- ever shown. allowed_ips: one address or CIDR range per line;
-- NULL is no list, '' an empty one.
ALTER TABLE status_pages ADD COLUMN favicon_url TEXT;
ALTER TABLE status_pages ADD COLUMN logo_url TEXT;
ALTER TABLE status_pages ADD COLUMN dark_logo_url TEXT;
ALTER TABLE status_pages ADD COLUMN password_hash TEXT CHECK (password_hash IS NULL OR password_hash LIKE 'pbkdf2-sha256$%');
ALTER TABLE status_pages ADD COLUMN allowed_ips TEXT;

-- Change counters (see 0002): groups are content the API shows.
CREATE TRIGGER change_counters_component_groups_insert AFTER INSERT ON component_groups BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_component_groups_update AFTER UPDATE ON component_groups BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_component_groups_delete AFTER DELETE ON component_groups BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;
