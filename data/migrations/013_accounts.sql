-- Operator accounts (issue: operators who sign in). An account belongs to
-- this database file and is not synced: no change-log row, and Restore
-- keeps the accounts the database has. hash is the password's argon2id
-- hash; failures and locked_to count wrong passwords in a row and hold the
-- account after too many; times are RFC 3339 text, '' when not set.
CREATE TABLE accounts (
	name       TEXT PRIMARY KEY,
	access     TEXT NOT NULL CHECK (access IN ('管理员', '录入员', '只读')),
	hash       TEXT NOT NULL,
	failures   INTEGER NOT NULL DEFAULT 0,
	locked_to  TEXT NOT NULL DEFAULT '',
	created    TEXT NOT NULL,
	created_by TEXT NOT NULL,
	changed    TEXT NOT NULL,
	changed_by TEXT NOT NULL
) WITHOUT ROWID;
