package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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
func CreateVersion1(path string) error { return CreateVersion(path, 1) }

// CreateVersion makes a database file at path with the first n migrations
// applied, as the version of the program of schema n left it.
func CreateVersion(path string, n int) error {
	c, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer c.Close()
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms[:n] {
		if err := applyMigration(context.Background(), c, m); err != nil {
			return err
		}
	}
	_, err = c.Exec("PRAGMA journal_mode = DELETE")
	return err
}

// BulkInsert writes the records of cs with plain INSERTs in one
// transaction: what Put costs compared with the least a write can cost.
// Benchmarks only.
func BulkInsert(db *DB, cs []app.Change) error {
	tx, err := db.w.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, c := range cs {
		d := putDefs[c.Table]
		m, vals, err := d.decode(c.Data)
		if err != nil {
			return err
		}
		n := len(strings.Split(d.cols, ", "))
		q := "INSERT INTO " + string(c.Table) + " (id, office, version, updated_at, updated_by, deleted, " + d.cols +
			") VALUES (?, ?, ?, ?, ?, ?" + strings.Repeat(", ?", n) + ")"
		if _, err := tx.Exec(q, append([]any{m.ID, m.Office, m.Version, stampOf(m.UpdatedAt), m.UpdatedBy, m.Deleted}, vals...)...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// FillChanges writes n change-log rows of office straight into the changes
// table: records of the tables in turn, each changed about three times,
// the data of each the JSON data gives for its (table, id, version).
// Benchmarks only.
func FillChanges(db *DB, office string, n int, data func(t app.Table, id string, version int64) string) error {
	tx, err := db.w.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.Prepare(`INSERT INTO changes(office, seq, tbl, record_id, version, op, at, "by", data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	records := n / 3
	versions := make([]int64, records)
	for seq := 1; seq <= n; seq++ {
		// Mostly recent records change again: a record is picked among the
		// last thousand made, or made new.
		k := (seq - 1) % records
		if seq%3 != 0 {
			k = (seq/3 + (seq*7919)%1000) % records
		}
		versions[k]++
		t := app.SyncedTables[k%len(app.SyncedTables)]
		id := fmt.Sprintf("%08d-0000-4000-8000-%012d", k, k)
		op := "update"
		if versions[k] == 1 {
			op = "insert"
		}
		if _, err := st.Exec(office, seq, string(t), id, versions[k], op, "2026-03-16T02:00:00Z", "张三", data(t, id, versions[k])); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Versions are the schema versions this build applies, 1 to the latest.
func Versions() []int {
	ms, _ := migrations()
	var out []int
	for _, m := range ms {
		out = append(out, m.version)
	}
	return out
}
