-- The progress notices (通报) the city bureau published, a row per
-- period; they travel to every county. figures is the JSON array of each
-- county's app.NoticeRow as published.
CREATE TABLE notices (
    id         TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    period     TEXT NOT NULL,            -- 2026-03, 2026Q1 or 2026
    label      TEXT NOT NULL DEFAULT '', -- 2026年3月 …
    end_date   TEXT NOT NULL DEFAULT '', -- the last day counted
    published  TEXT NOT NULL DEFAULT '', -- the day it was published
    figures    TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX notices_office ON notices(office, deleted);
