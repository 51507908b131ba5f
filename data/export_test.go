package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
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

// LimitPages makes the writer connection's database full after extra more
// pages (PRAGMA max_page_count): a write past it fails with SQLITE_FULL,
// exactly as on a full disk. Tests only.
func LimitPages(db *DB, extra int) error {
	var n int
	if err := db.w.QueryRow("PRAGMA page_count").Scan(&n); err != nil {
		return err
	}
	var got int
	if err := db.w.QueryRow(fmt.Sprintf("PRAGMA max_page_count = %d", n+extra)).Scan(&got); err != nil {
		return err
	}
	if got != n+extra {
		return fmt.Errorf("max_page_count %d, want %d", got, n+extra)
	}
	return nil
}

// SmallCache gives the writer connection a page cache of 50 pages, so
// that a long transaction spills its pages to the file before it commits,
// as an import larger than the cache does. Tests only.
func SmallCache(db *DB) error {
	_, err := db.w.Exec("PRAGMA cache_size = 50")
	return err
}

// QueryOnly makes the writer connection refuse every write with
// SQLITE_READONLY, as a read-only file does. Tests only.
func QueryOnly(db *DB) error {
	_, err := db.w.Exec("PRAGMA query_only = 1")
	return err
}

// TableState is what a test compares of a table: its rows and a hash of
// their values.
type TableState struct {
	Rows int
	Hash string
}

// Snapshot is the state of every table of the database file at path, read
// on a read-only connection of its own, with PRAGMA integrity_check. The
// query planner's statistics (sqlite_stat*), which Close refreshes, are
// left out.
func Snapshot(path string) (map[string]TableState, string, error) {
	c, err := sql.Open("sqlite", roURI(path))
	if err != nil {
		return nil, "", err
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	var integrity string
	if err := c.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil {
		return nil, "", err
	}
	var tables []string
	rows, err := c.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")
	if err != nil {
		return nil, "", err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, "", err
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string]TableState{}
	for _, tbl := range tables {
		s, err := tableState(c, tbl)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", tbl, err)
		}
		out[tbl] = s
	}
	return out, integrity, nil
}

// tableState hashes the rows of tbl, each printed with its values, in
// sorted order.
func tableState(c *sql.DB, tbl string) (TableState, error) {
	rows, err := c.Query(`SELECT * FROM "` + tbl + `"`)
	if err != nil {
		return TableState{}, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return TableState{}, err
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return TableState{}, err
		}
		lines = append(lines, fmt.Sprintf("%#v", vals))
	}
	if err := rows.Err(); err != nil {
		return TableState{}, err
	}
	slices.Sort(lines)
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return TableState{Rows: len(lines), Hash: hex.EncodeToString(h[:])}, nil
}

// RollBackUnderneath ends the transaction of tx with a ROLLBACK that
// neither Update nor its fn asked for, as SQLite does by itself on some
// faults. Tests only.
func RollBackUnderneath(tx app.Tx) error {
	g, ok := tx.(guarded)
	if !ok {
		return fmt.Errorf("not the Tx of data.DB.Update: %T", tx)
	}
	_, err := g.tx.ExecContext(g.ctx, "ROLLBACK")
	return err
}

// LockSidecar takes the lock an earlier build took, on the sidecar file
// at path only; release releases it. Tests only.
func LockSidecar(path string) (release func() error, err error) {
	f, err := lockFile(path)
	if err != nil {
		return nil, err
	}
	return func() error { return unlockFile(f) }, nil
}

// RefillSearch empties the global search's index and fills it again from
// the stored records, in one transaction, as migration 014 does.
func RefillSearch(db *DB) error {
	ctx := context.Background()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"INSERT INTO search_fts(search_fts) VALUES ('delete-all')", "DELETE FROM search_rows"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := fillSearch(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// PageBytes is the size of the pages of the tables and indexes whose
// name matches the SQL pattern like (dbstat): "%" for the whole database.
func PageBytes(db *DB, like string) (int64, error) {
	var n int64
	err := db.r.QueryRow("SELECT COALESCE(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?", like).Scan(&n)
	return n, err
}

// RemigrateSearch drops the global search's index and applies migration
// 014 again, SQL and Go step, as on a database of an earlier version.
func RemigrateSearch(db *DB) error {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, q := range []string{"DROP TABLE search_fts", "DROP TABLE search_rows", "DELETE FROM schema_migrations WHERE version = 14"} {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if m.version == 14 {
			if err := applyMigration(ctx, db.w, m); err != nil {
				return err
			}
		}
	}
	_, err = db.w.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", latestVersion()))
	return err
}
