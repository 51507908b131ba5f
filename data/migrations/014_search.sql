-- The index of the global search (data/search.go). It holds one row per
-- live enterprise, leader, visit, problem, meeting, financing need and
-- bridge loan, whose body is the record's searched texts (with the names
-- of its enterprise and, for a visit, its leader) split in Go into
-- overlapping pairs of characters, plus each run's last character alone:
-- "焊工培训" is "焊工 工培 培训 训". A word of two characters or more is
-- found as the phrase of its pairs, one character as a prefix. The ascii
-- tokenizer keeps every non-ASCII character in a token; Go lowers A–Z and
-- maps ASCII punctuation to private-use characters, so no pair is split.
--
-- A row's rowid orders the hits newest first: the kind's number (bits 56
-- and up), the record's day in days since 1970 (bits 40–55; a day saved
-- for enterprises and leaders) and the record's own rowid (bits 0–39).
-- search_rows maps a record (kind << 40 | its rowid) to its row, so that a
-- write finds the row to replace when the day changed.
--
-- Contentless: the texts are in the records' own tables; contentless_delete
-- lets a write remove the row of the record it changes. The rows are
-- written in Go, in the same transaction as each write (txn.indexSearch),
-- and filled for the records already stored by the Go step of this
-- migration (fillSearch), in its transaction.
CREATE VIRTUAL TABLE search_fts USING fts5(
    body,
    tokenize = 'ascii',
    content = '',
    contentless_delete = 1
);

CREATE TABLE search_rows (
    rec INTEGER PRIMARY KEY,
    row INTEGER NOT NULL
);

-- As for problems_fts (004): FTS5 writes the rows it holds in memory out as
-- a new segment each time they pass hashsize bytes (1 MB by default), and
-- merges segments when automerge (4) of them pile up on a level. The pairs
-- of a county's ten years fill 1 MB fast: larger, fewer segments make the
-- import of nine counties' files faster.
INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 8);
