-- 009_departments: each office's directory of 责任单位 (at the city, the
-- 市级联络部门), the departments a problem is 交办 to. A synced table with
-- the identity columns of every other; problems keep the department's name
-- (lead_dept), so nothing else changes.

CREATE TABLE departments (
    id         TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    name       TEXT NOT NULL,
    short      TEXT NOT NULL DEFAULT '',
    contact    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX departments_office ON departments(office, deleted, name);

-- A published notice keeps its figures per department as published (JSON,
-- as figures); notices published before have none.
ALTER TABLE notices ADD COLUMN depts TEXT NOT NULL DEFAULT 'null';
