package datatest

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// TableState is what a test compares of a table: its rows and a hash of
// their values.
type TableState struct {
	Rows int
	Hash string
}

// Snapshot is the state of every table of a database, to show that
// something left it exactly as it was.
type Snapshot struct {
	Tables    map[string]TableState
	Integrity string // PRAGMA integrity_check's answer: "ok" when sound
}

// Snapshot reads the state of every table of the database, every row of
// it (deleted records, the change log, the sync log and attachment
// content included), on a connection of its own, with its integrity
// check. The query planner's statistics (sqlite_stat*), which closing
// the database refreshes, are left out. An error fails the test.
func (s *Store) Snapshot() Snapshot {
	s.tb.Helper()
	out := Snapshot{Tables: map[string]TableState{}}
	s.raw(func(c *sql.DB) error {
		c.SetMaxOpenConns(1)
		if err := c.QueryRow("PRAGMA integrity_check").Scan(&out.Integrity); err != nil {
			return err
		}
		var tables []string
		rows, err := c.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")
		if err != nil {
			return err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return err
			}
			tables = append(tables, name)
		}
		rows.Close()
		for _, t := range tables {
			st, err := tableState(c, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t, err)
			}
			out.Tables[t] = st
		}
		return nil
	})
	return out
}

// tableState hashes the rows of table t, each printed with its values,
// in sorted order.
func tableState(c *sql.DB, t string) (TableState, error) {
	rows, err := c.Query(`SELECT * FROM "` + t + `"`)
	if err != nil {
		return TableState{}, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return TableState{}, err
	}
	var lines []string
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
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

// Diff says how snapshot b differs from a: each table whose rows differ,
// gone or new, and b's integrity check when it is not ok; nil when b is a.
func (a Snapshot) Diff(b Snapshot) []string {
	var out []string
	if b.Integrity != "ok" {
		out = append(out, "integrity check: "+b.Integrity)
	}
	for t, sb := range b.Tables {
		sa, ok := a.Tables[t]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("table %s is new (%d rows)", t, sb.Rows))
		case sa != sb:
			out = append(out, fmt.Sprintf("table %s changed: %d rows %.8s → %d rows %.8s", t, sa.Rows, sa.Hash, sb.Rows, sb.Hash))
		}
	}
	for t := range a.Tables {
		if _, ok := b.Tables[t]; !ok {
			out = append(out, "table "+t+" is gone")
		}
	}
	slices.Sort(out)
	return out
}
