-- statusd schema, version 8: status page subscribers (issue 17). Append-only, like those before it.

-- An e-mail address subscribed to a status page. Nothing is mailed yet (a later issue): the row
-- keeps what delivery needs. email_address is kept as the client spelt it (the API checks it with
-- StatusdCore.EmailAddress, which admits only ASCII); confirmed_at is NULL until the address's owner
-- confirms it through the link delivery will send; an API create leaves it NULL (the spec's
-- "pending invitation"), a fixture may load a confirmed one.
CREATE TABLE subscribers (
    id              TEXT PRIMARY KEY NOT NULL,
    status_page_id  TEXT NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    email_address   TEXT NOT NULL CHECK (length(email_address) BETWEEN 3 AND 254),
    confirmed_at    INTEGER,
    created_at      INTEGER NOT NULL
);
-- One subscriber per address and page, whatever the letter case: NOCASE folds ASCII letters, the
-- whole address (local part too: no mail system statusd knows tells User@ from user@).
CREATE UNIQUE INDEX subscribers_by_address ON subscribers(status_page_id, email_address COLLATE NOCASE);
-- The list's order (newest first, the id as tie-break).
CREATE INDEX subscribers_by_created ON subscribers(status_page_id, created_at, id);

-- Change counters (see 0002): the API lists subscribers, so cached lists must not outlive a change.
CREATE TRIGGER change_counters_subscribers_insert AFTER INSERT ON subscribers BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_subscribers_update AFTER UPDATE ON subscribers BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;

CREATE TRIGGER change_counters_subscribers_delete AFTER DELETE ON subscribers BEGIN
    UPDATE change_counters SET content = content + 1 WHERE id = 1;
END;
