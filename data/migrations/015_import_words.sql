-- 015_import_words: the values a clerk mapped at a workbook import (a
-- column's value the program did not know → the value it means), read by
-- the next import's preview. They belong to this database only: no
-- identity columns, no change log, never in a sync file.

CREATE TABLE import_words (
    column_label TEXT NOT NULL,
    from_value   TEXT NOT NULL,
    to_value     TEXT NOT NULL,
    saved_at     TEXT NOT NULL,
    saved_by     TEXT NOT NULL,
    PRIMARY KEY (column_label, from_value)
);
