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

// Snapshot reads the state of every table of the database (Dump's rows,
// hashed) with its integrity check. An error fails the test.
func (s *Store) Snapshot() Snapshot {
	s.tb.Helper()
	out := Snapshot{Tables: map[string]TableState{}}
	s.raw(func(c *sql.DB) error {
		return c.QueryRow("PRAGMA integrity_check").Scan(&out.Integrity)
	})
	for t, lines := range s.Dump() {
		h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		out.Tables[t] = TableState{Rows: len(lines), Hash: hex.EncodeToString(h[:])}
	}
	return out
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
