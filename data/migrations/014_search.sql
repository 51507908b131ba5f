-- The index of the global search (data/search.go): one row per live
-- enterprise, leader, visit, problem, meeting, financing need and bridge
-- loan, whose rowid is its kind's number shifted left by 40 bits plus the
-- record's rowid, and whose body is the record's searched texts (with the
-- names of its enterprise and, for a visit, its leader) split in Go into
-- overlapping pairs of characters, plus each run's last character alone:
-- "焊工培训" is "焊工 工培 培训 训". A word of two characters or more is
-- found as the phrase of its pairs, one character as a prefix. The ascii
-- tokenizer keeps every non-ASCII character; Go lowers A–Z and maps ASCII
-- punctuation to private-use characters, so no pair is split again.
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
