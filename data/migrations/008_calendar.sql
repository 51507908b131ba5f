-- 008_calendar: the years of holidays an office enters for a year the
-- program was not built with (app.CalendarYear). A synced table with the
-- identity columns of every other: the city's years go to every county.
-- holidays and workdays are JSON arrays of days ("2027-10-01").

CREATE TABLE calendar_years (
    id         TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    year       INTEGER NOT NULL,
    holidays   TEXT NOT NULL DEFAULT '[]',
    workdays   TEXT NOT NULL DEFAULT '[]',
    source     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_years_office ON calendar_years(office, deleted);
