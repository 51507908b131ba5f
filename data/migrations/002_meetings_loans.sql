-- 002_meetings_loans: the records of mechanisms 2 and 3: the three kinds of
-- meeting (企业家恳谈会, 企业现场办公会, 银企对接会), the financing needs
-- gathered for the banks and the loans of the emergency bridge-loan fund.
--
-- The same conventions as 001: the sync identity columns first, references
-- as plain IDs checked by the store when a clerk saves, dates as TEXT
-- 'YYYY-MM-DD' or ''. Lists are JSON arrays in TEXT columns; money
-- (app.Yuan) is INTEGER whole 元, never floating point.

CREATE TABLE meetings (
    id            TEXT PRIMARY KEY,
    office        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    kind          TEXT NOT NULL,
    format        TEXT NOT NULL DEFAULT '',
    seq           INTEGER NOT NULL DEFAULT 0,
    date          TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    enterprise_id TEXT NOT NULL DEFAULT '', -- an on-site meeting at an enterprise
    chair         TEXT NOT NULL DEFAULT '',
    attendees     TEXT NOT NULL DEFAULT '[]', -- JSON array of app.Attendee
    agenda        TEXT NOT NULL DEFAULT '',
    minutes       TEXT NOT NULL DEFAULT '',
    decisions     TEXT NOT NULL DEFAULT '[]'  -- JSON array of app.Decision
);
CREATE INDEX meetings_office_kind_date ON meetings(office, kind, date);
CREATE INDEX meetings_date ON meetings(date);
CREATE INDEX meetings_enterprise ON meetings(enterprise_id);
CREATE INDEX meetings_office ON meetings(office, deleted);

CREATE TABLE financing_needs (
    id            TEXT PRIMARY KEY,
    office        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    date          TEXT NOT NULL DEFAULT '',
    enterprise_id TEXT NOT NULL,
    meeting_id    TEXT NOT NULL DEFAULT '',
    amount        INTEGER NOT NULL DEFAULT 0, -- 元
    purpose       TEXT NOT NULL DEFAULT '',   -- app.FinancingNeed.Use
    term_months   INTEGER NOT NULL DEFAULT 0,
    collateral    TEXT NOT NULL DEFAULT '',
    bank          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT '',
    credit        INTEGER NOT NULL DEFAULT 0, -- 元
    lent          INTEGER NOT NULL DEFAULT 0, -- 元
    lent_on       TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX financing_needs_office_date ON financing_needs(office, date);
CREATE INDEX financing_needs_date ON financing_needs(date);
CREATE INDEX financing_needs_enterprise ON financing_needs(enterprise_id);
CREATE INDEX financing_needs_meeting ON financing_needs(meeting_id);
CREATE INDEX financing_needs_bank ON financing_needs(bank);
CREATE INDEX financing_needs_office ON financing_needs(office, deleted);

CREATE TABLE bridge_loans (
    id            TEXT PRIMARY KEY,
    office        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    enterprise_id TEXT NOT NULL,
    bank          TEXT NOT NULL DEFAULT '',
    original      INTEGER NOT NULL DEFAULT 0, -- 元
    original_due  TEXT NOT NULL DEFAULT '',
    commitment    TEXT NOT NULL DEFAULT '',
    conditions    TEXT NOT NULL DEFAULT '[]', -- JSON array of booleans, one per app.LoanConditions
    applied       INTEGER NOT NULL DEFAULT 0, -- 元
    applied_on    TEXT NOT NULL DEFAULT '',
    approved      INTEGER NOT NULL DEFAULT 0, -- 元
    approved_on   TEXT NOT NULL DEFAULT '',
    paid_on       TEXT NOT NULL DEFAULT '',
    due_back      TEXT NOT NULL DEFAULT '',
    repaid_on     TEXT NOT NULL DEFAULT '',
    fee           INTEGER NOT NULL DEFAULT 0, -- 元
    status        TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bridge_loans_office_status ON bridge_loans(office, status);
CREATE INDEX bridge_loans_office_applied ON bridge_loans(office, applied_on);
CREATE INDEX bridge_loans_enterprise ON bridge_loans(enterprise_id);
CREATE INDEX bridge_loans_office ON bridge_loans(office, deleted);
