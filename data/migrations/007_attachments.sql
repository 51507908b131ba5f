-- 007_attachments: files attached to records (photos of visits and
-- meetings, scans of minutes and of the banks' letters) and what the sync
-- files need of them.
--
-- attachments is a synced table with the identity columns of every other;
-- the record it belongs to is a plain ID (record_table names its kind), as
-- in 001. The content is stored once per SHA-256 in attachment_content,
-- which never syncs as rows: a sync file carries it as a part of its own,
-- checked against its hash. attachment_sent says which contents have gone
-- to which office, so that the next file leaves them out.

CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,
    office       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    record_table TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    type         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL
);
CREATE INDEX attachments_record ON attachments(record_id, deleted);
CREATE INDEX attachments_sha256 ON attachments(sha256);
CREATE INDEX attachments_office ON attachments(office, deleted);

CREATE TABLE attachment_content (
    sha256 TEXT PRIMARY KEY, -- hex
    size   INTEGER NOT NULL,
    data   BLOB NOT NULL
);

CREATE TABLE attachment_sent (
    peer   TEXT NOT NULL, -- office code
    sha256 TEXT NOT NULL,
    PRIMARY KEY (peer, sha256)
);

-- A record's history is read along this index: every change-log row of
-- one record, whatever its table.
CREATE INDEX changes_record_id ON changes(record_id, seq);
