package data

import (
	"context"
	"database/sql"
	"fmt"

	"wugeyi/app"
)

// Change is one change-log row, for tests.
type Change struct {
	Office   string
	Seq      int64
	Tbl      string
	RecordID string
	Version  int64
	Op       string
	At       string
	By       string
	Data     string
}

// Changes returns the whole change log in (office, seq) order.
func Changes(db *DB) ([]Change, error) {
	return queryList(context.Background(), db.r, func(c *Change) []any {
		return []any{&c.Office, &c.Seq, &c.Tbl, &c.RecordID, &c.Version, &c.Op, &c.At, &c.By, &c.Data}
	}, `SELECT office, seq, tbl, record_id, version, op, at, "by", data FROM changes ORDER BY office, seq`)
}

// CountRows counts every row of table, deleted ones included.
func CountRows(db *DB, table string) (int, error) {
	var n int
	err := db.r.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	return n, err
}

// SchemaState returns PRAGMA user_version and the versions recorded in
// schema_migrations.
func SchemaState(db *DB) (int, []int, error) {
	var uv int
	if err := db.r.QueryRow("PRAGMA user_version").Scan(&uv); err != nil {
		return 0, nil, err
	}
	vs, err := queryList(context.Background(), db.r, func(v *int) []any { return []any{v} },
		"SELECT version FROM schema_migrations ORDER BY version")
	return uv, vs, err
}

// SetOwner rewrites the owning office of the records ids of table t, as if
// they had come from that office's sync file. Tests and benchmarks only.
func SetOwner(db *DB, t app.Table, office string, ids ...string) error {
	tx, err := db.w.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.Prepare("UPDATE " + string(t) + " SET office = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		if _, err := st.Exec(office, id); err != nil {
			return fmt.Errorf("set owner of %s: %w", id, err)
		}
	}
	return tx.Commit()
}

// Optimize runs ANALYZE and PRAGMA optimize, as after a bulk load.
func Optimize(db *DB) error {
	_, err := db.w.Exec("ANALYZE; PRAGMA optimize")
	return err
}

// CreateVersion1 makes a database file at path with only the first
// migration applied, as the first version of the program left it.
func CreateVersion1(path string) error {
	c, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer c.Close()
	ms, err := migrations()
	if err != nil {
		return err
	}
	if err := applyMigration(context.Background(), c, ms[0]); err != nil {
		return err
	}
	_, err = c.Exec("PRAGMA journal_mode = DELETE")
	return err
}
