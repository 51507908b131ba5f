-- The yearly assessments (考核评估) the city bureau published, a row per
-- office and year; each travels to the office it assesses. result is the
-- JSON of the app.Assessment as published (rows with their scores, total,
-- rank, grade and share of the fund).
CREATE TABLE assessments (
    id         TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    assessed   TEXT NOT NULL,            -- the office assessed
    year       INTEGER NOT NULL,
    published  TEXT NOT NULL DEFAULT '', -- the day it was published
    result     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX assessments_office ON assessments(office, deleted);

-- The city bureau's hand scores of the indicators no rule computes, with
-- who entered them; they stay in the city's database.
CREATE TABLE hand_scores (
    year       INTEGER NOT NULL,
    assessed   TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    score      REAL NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    PRIMARY KEY (year, assessed, indicator)
);
