-- statusd schema, version 9: the status page fields UptimeIO's clients set (publication, branding
-- colours, company name and custom CSS, what the public page shows and offers), and soft deletion.
-- Append-only, like those before it. Logo, favicon and password came with 0006 (custom domain and
-- description with 0001); both shapes share them.

ALTER TABLE status_pages ADD COLUMN is_published INTEGER NOT NULL DEFAULT 1 CHECK (is_published IN (0, 1));
ALTER TABLE status_pages ADD COLUMN primary_color TEXT;
ALTER TABLE status_pages ADD COLUMN accent_color TEXT;
ALTER TABLE status_pages ADD COLUMN company_name TEXT;
ALTER TABLE status_pages ADD COLUMN custom_css TEXT;
ALTER TABLE status_pages ADD COLUMN show_uptime_history INTEGER NOT NULL DEFAULT 1 CHECK (show_uptime_history IN (0, 1));
ALTER TABLE status_pages ADD COLUMN uptime_history_days INTEGER NOT NULL DEFAULT 90
    CHECK (uptime_history_days BETWEEN 1 AND 365);
ALTER TABLE status_pages ADD COLUMN show_incident_history INTEGER NOT NULL DEFAULT 1 CHECK (show_incident_history IN (0, 1));
ALTER TABLE status_pages ADD COLUMN incident_history_days INTEGER NOT NULL DEFAULT 30
    CHECK (incident_history_days BETWEEN 1 AND 365);
ALTER TABLE status_pages ADD COLUMN allow_subscriptions INTEGER NOT NULL DEFAULT 1 CHECK (allow_subscriptions IN (0, 1));
-- Comma-separated channel names ('email', 'webhook'); '' allows none.
ALTER TABLE status_pages ADD COLUMN subscription_types TEXT NOT NULL DEFAULT 'email,webhook';

-- Soft deletion (UptimeIO's DELETE): the row and everything under it stay for audit, but no query
-- of the API sees the page again. Its subdomain is moved to deleted_subdomain and replaced by
-- 'deleted:<id>' (no real subdomain has a ':'), so the name is free for a new page at once.
ALTER TABLE status_pages ADD COLUMN deleted_at INTEGER;
ALTER TABLE status_pages ADD COLUMN deleted_subdomain TEXT;
CREATE INDEX status_pages_deleted ON status_pages(deleted_at) WHERE deleted_at IS NOT NULL;
