-- 1 on the sync-log line of a file that carried every record of its sender
-- (exported with -all): its sequence range says nothing about the sender's
-- change log going back, so the backwards check leaves it out.
ALTER TABLE sync_log ADD COLUMN whole INTEGER NOT NULL DEFAULT 0;

-- While an import writes many problems, the search index is filled once at
-- the end of its transaction (txn.indexDeferred) instead of row by row:
-- FTS5 writes out its pending rows at every statement that fires one of
-- these triggers, which took a fifth of the time of importing nine
-- counties' files. deferred is 1 only inside such a transaction.
CREATE TABLE fts_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    deferred INTEGER NOT NULL DEFAULT 0
);
INSERT INTO fts_state(id, deferred) VALUES (1, 0);

DROP TRIGGER problems_fts_insert;
CREATE TRIGGER problems_fts_insert AFTER INSERT ON problems
WHEN NEW.deleted = 0 AND (SELECT deferred FROM fts_state) = 0
BEGIN
    INSERT INTO problems_fts(rowid, number, enterprise, description, request, lead_dept, person)
    VALUES (NEW.rowid, NEW.number,
            COALESCE((SELECT name FROM enterprises WHERE id = NEW.enterprise_id), ''),
            NEW.description, NEW.request, NEW.lead_dept, NEW.person);
END;

DROP TRIGGER problems_fts_update;
CREATE TRIGGER problems_fts_update AFTER UPDATE ON problems
WHEN (SELECT deferred FROM fts_state) = 0
BEGIN
    DELETE FROM problems_fts WHERE rowid = OLD.rowid;
    INSERT INTO problems_fts(rowid, number, enterprise, description, request, lead_dept, person)
    SELECT NEW.rowid, NEW.number,
           COALESCE((SELECT name FROM enterprises WHERE id = NEW.enterprise_id), ''),
           NEW.description, NEW.request, NEW.lead_dept, NEW.person
    WHERE NEW.deleted = 0;
END;

-- FTS5 writes its pending rows out as a new segment each time they pass
-- hashsize bytes (1 MB by default), and merges segments once automerge (4
-- by default) of them pile up on a level; trigrams of Chinese text fill
-- 1 MB fast. Fewer, larger merges took the import of nine counties' files
-- from 9.3-9.7 s to 8.6 s, with no change in the search benchmarks.
INSERT INTO problems_fts(problems_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO problems_fts(problems_fts, rank) VALUES ('automerge', 8);
