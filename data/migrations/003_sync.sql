-- 003_sync: what sync files need: this office's secret keys, the cards of
-- the offices it trusts, the log of every file sent and received, and the
-- city bureau's comments (督办意见) on the offices' problems.
--
-- Keys, cards and the log are this office's own and never travel. Comments
-- are a synced table with the same identity columns as every other
-- (id, office, version, updated_at, updated_by, deleted); the problem they
-- point at is a plain ID, as in 001. Times are RFC3339Nano text in UTC.

CREATE TABLE office_keys (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    sign_private BLOB NOT NULL, -- Ed25519 private key, 64 bytes
    age_identity TEXT NOT NULL, -- AGE-SECRET-KEY-1…
    created      TEXT NOT NULL
);

CREATE TABLE trusted_cards (
    office        TEXT PRIMARY KEY, -- office code
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    sign_key      BLOB NOT NULL,    -- Ed25519 public key, 32 bytes
    age_recipient TEXT NOT NULL,    -- age1…
    created       TEXT NOT NULL,    -- when the office made its keys
    added_at      TEXT NOT NULL     -- when this office registered the card
);

-- One line per file exported or imported (or refused), kept for good.
CREATE TABLE sync_log (
    id        INTEGER PRIMARY KEY,
    direction TEXT NOT NULL,             -- 导出 or 导入
    file      TEXT NOT NULL DEFAULT '',  -- the file's name, without its folder
    hash      TEXT NOT NULL DEFAULT '',  -- SHA-256 of the whole file, hex
    peer      TEXT NOT NULL DEFAULT '',  -- the other office's code
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL DEFAULT '',
    seq_from  INTEGER NOT NULL DEFAULT 0,
    seq_to    INTEGER NOT NULL DEFAULT 0,
    counts    TEXT NOT NULL DEFAULT '{}', -- JSON object: table → app.TableCounts
    outcome   TEXT NOT NULL,
    message   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_log_hash ON sync_log(hash);
CREATE INDEX sync_log_peer ON sync_log(peer);

-- A sync file carries the latest change of each record: found along this
-- index without reading the change log's rows.
CREATE INDEX changes_latest ON changes(office, tbl, record_id, seq);

CREATE TABLE comments (
    id             TEXT PRIMARY KEY,
    office         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    problem_id     TEXT NOT NULL,
    problem_office TEXT NOT NULL DEFAULT '', -- the office that owns the problem
    date           TEXT NOT NULL DEFAULT '',
    text           TEXT NOT NULL DEFAULT '',
    author         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comments_problem ON comments(problem_id);
CREATE INDEX comments_problem_office ON comments(problem_office, deleted);
CREATE INDEX comments_office ON comments(office, deleted);

-- Records of another office arrive in any order: an enterprise received
-- after its problems gives them its name in the search index.
CREATE TRIGGER enterprises_fts_insert AFTER INSERT ON enterprises
BEGIN
    UPDATE problems_fts SET enterprise = NEW.name
    WHERE rowid IN (SELECT rowid FROM problems WHERE enterprise_id = NEW.id AND deleted = 0);
END;
