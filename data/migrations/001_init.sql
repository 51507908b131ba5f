-- 001_init: the office, its settings, the synced tables of mechanism 1, the
-- change log and the full-text index of the problem ledger.
--
-- Every synced table carries the sync identity: id (UUID v4), office (owner),
-- version (+1 on each change), updated_at (RFC3339Nano, UTC), updated_by (the
-- operator) and deleted (tombstone). References between synced tables are not
-- foreign keys: sync files of different offices arrive in any order, so the
-- store checks references when a clerk saves instead.
-- Dates are TEXT 'YYYY-MM-DD', or '' when not set.

CREATE TABLE office (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL
);

CREATE TABLE settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL -- JSON of app.Settings
);

CREATE TABLE enterprises (
    id          TEXT PRIMARY KEY,
    office      TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    credit_code TEXT NOT NULL,
    name        TEXT NOT NULL,
    industry    TEXT NOT NULL DEFAULT '',
    categories  TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    legal_rep   TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(office, credit_code) WHERE deleted = 0;
CREATE INDEX enterprises_code ON enterprises(credit_code);
CREATE INDEX enterprises_name ON enterprises(name);
CREATE INDEX enterprises_office ON enterprises(office, deleted);

CREATE TABLE leaders (
    id         TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    name       TEXT NOT NULL,
    post       TEXT NOT NULL DEFAULT '',
    level      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX leaders_office ON leaders(office, deleted);

CREATE TABLE assignments (
    id            TEXT PRIMARY KEY,
    office        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    leader_id     TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    liaison       TEXT NOT NULL DEFAULT '',
    liaison_phone TEXT NOT NULL DEFAULT '',
    lead_dept     TEXT NOT NULL DEFAULT '',
    support_depts TEXT NOT NULL DEFAULT '',
    date_from     TEXT NOT NULL DEFAULT '',
    date_to       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assignments_leader ON assignments(leader_id);
CREATE INDEX assignments_enterprise ON assignments(enterprise_id);
CREATE INDEX assignments_office ON assignments(office, deleted);

CREATE TABLE visits (
    id            TEXT PRIMARY KEY,
    office        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    date          TEXT NOT NULL DEFAULT '',
    leader_id     TEXT NOT NULL,
    companions    TEXT NOT NULL DEFAULT '',
    enterprise_id TEXT NOT NULL,
    mode          TEXT NOT NULL DEFAULT '',
    findings      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_pair_date ON visits(leader_id, enterprise_id, date);
CREATE INDEX visits_enterprise_date ON visits(enterprise_id, date);
CREATE INDEX visits_date ON visits(date);
CREATE INDEX visits_office ON visits(office, deleted);

CREATE TABLE problems (
    id            TEXT PRIMARY KEY,
    office        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    number        TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    source_id     TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    request       TEXT NOT NULL DEFAULT '',
    registered    TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    handling      TEXT NOT NULL DEFAULT '',
    lead_dept     TEXT NOT NULL DEFAULT '',
    support_depts TEXT NOT NULL DEFAULT '',
    person        TEXT NOT NULL DEFAULT '',
    deadline      TEXT NOT NULL DEFAULT '',
    result        TEXT NOT NULL DEFAULT '',
    closed_on     TEXT NOT NULL DEFAULT '',
    explanation   TEXT NOT NULL DEFAULT '',
    follow_up     TEXT NOT NULL DEFAULT '',
    satisfaction  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX problems_status_deadline ON problems(status, deadline);
CREATE INDEX problems_deadline ON problems(deadline);
CREATE INDEX problems_enterprise ON problems(enterprise_id);
CREATE INDEX problems_lead_dept ON problems(lead_dept);
CREATE INDEX problems_office_number ON problems(office, number);
CREATE INDEX problems_office ON problems(office, deleted);
CREATE INDEX problems_registered ON problems(registered, number);
CREATE INDEX problems_source ON problems(source_id);
CREATE INDEX problems_category ON problems(category);

CREATE TABLE problem_events (
    id           TEXT PRIMARY KEY,
    office       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    problem_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    date         TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT '',
    lead_dept    TEXT NOT NULL DEFAULT '',
    person       TEXT NOT NULL DEFAULT '',
    old_deadline TEXT NOT NULL DEFAULT '',
    new_deadline TEXT NOT NULL DEFAULT '',
    satisfaction TEXT NOT NULL DEFAULT ''
);
CREATE INDEX problem_events_problem ON problem_events(problem_id, date);
CREATE INDEX problem_events_office ON problem_events(office, deleted);

-- The change log (outbox): one row per write, numbered per office.
CREATE TABLE changes (
    office    TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    tbl       TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    at        TEXT NOT NULL,
    "by"      TEXT NOT NULL,
    data      TEXT NOT NULL, -- JSON of the record after the change
    PRIMARY KEY (office, seq)
);
CREATE INDEX changes_record ON changes(tbl, record_id);

-- Full-text index of the live problems, with the enterprise's name copied in.
-- Its rowid is the problem's rowid; the triggers keep it in step in the same
-- transaction as each write, and Restore refills it from the restored rows.
CREATE VIRTUAL TABLE problems_fts USING fts5(
    number, enterprise, description, request, lead_dept, person,
    tokenize = 'trigram'
);

CREATE TRIGGER problems_fts_insert AFTER INSERT ON problems WHEN NEW.deleted = 0
BEGIN
    INSERT INTO problems_fts(rowid, number, enterprise, description, request, lead_dept, person)
    VALUES (NEW.rowid, NEW.number,
            COALESCE((SELECT name FROM enterprises WHERE id = NEW.enterprise_id), ''),
            NEW.description, NEW.request, NEW.lead_dept, NEW.person);
END;

CREATE TRIGGER problems_fts_update AFTER UPDATE ON problems
BEGIN
    DELETE FROM problems_fts WHERE rowid = OLD.rowid;
    INSERT INTO problems_fts(rowid, number, enterprise, description, request, lead_dept, person)
    SELECT NEW.rowid, NEW.number,
           COALESCE((SELECT name FROM enterprises WHERE id = NEW.enterprise_id), ''),
           NEW.description, NEW.request, NEW.lead_dept, NEW.person
    WHERE NEW.deleted = 0;
END;

CREATE TRIGGER problems_fts_delete AFTER DELETE ON problems
BEGIN
    DELETE FROM problems_fts WHERE rowid = OLD.rowid;
END;

CREATE TRIGGER enterprises_fts_rename AFTER UPDATE OF name ON enterprises WHEN NEW.name <> OLD.name
BEGIN
    UPDATE problems_fts SET enterprise = NEW.name
    WHERE rowid IN (SELECT rowid FROM problems WHERE enterprise_id = NEW.id AND deleted = 0);
END;
