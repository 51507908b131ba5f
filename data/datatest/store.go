// Package datatest gives tests the program's real store: a new SQLite
// database in a temporary folder for each test, closed and removed when the
// test ends. Around it, Store adds what a test needs to look inside or to
// make a commit fail, without a second implementation of the store.
//
// Tests of every package use it (ui's too): the layer rules hold for the
// program's code, and a test may open the database the program opens.
package datatest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"wugeyi/app"
	"wugeyi/data"
)

// Store is a real database (data.DB) that also records the Op of every
// committed Update and can be told to fail the next commit.
type Store struct {
	*data.DB
	tb testing.TB

	mu       sync.Mutex
	ops      []app.Op
	failNext error
}

var _ app.Store = (*Store)(nil)

// New opens a new, empty database in a temporary folder: Office is
// app.ErrNotSetUp until an Update calls SetUp (app.Service.SetUp does).
// It is closed when the test ends.
func New(tb testing.TB) *Store {
	tb.Helper()
	b, err := emptyDB()
	if err != nil {
		tb.Fatalf("make the test databases' template: %v", err)
	}
	return open(tb, b)
}

// open opens a database of content b in a temporary folder, closed when
// the test ends.
func open(tb testing.TB, b []byte) *Store {
	tb.Helper()
	path := filepath.Join(TempDir(tb), "五个一 测试.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatalf("copy the template database: %v", err)
	}
	db, err := data.Open(path)
	if err != nil {
		tb.Fatalf("open a test database: %v", err)
	}
	// Cleanups run last-added first: the database is closed before
	// TempDir's cleanup removes its folder.
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close the test database: %v", err)
		}
	})
	return &Store{DB: db, tb: tb}
}

// Copy opens a copy of the database file at path (a backup, say) in a
// temporary folder, everything in it kept, accounts included: a test that
// needs many databases alike builds one and copies it. It is closed when
// the test ends.
func Copy(tb testing.TB, path string) *Store {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("copy the test database: %v", err)
	}
	return open(tb, b)
}

// emptyDB is the bytes of a new database with every migration applied and
// nothing else, made once per test program: copying it costs about a
// millisecond, migrating a new file about 12 (40 on a busy machine).
var emptyDB = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "wugeyi-template-")
	if err != nil {
		return nil, err
	}
	defer removeTree(dir)
	path := filepath.Join(dir, "template.db")
	db, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
})

// NewSetUp opens a new database set up for office o with the default
// settings and no sync keys, as app.Service.SetUp leaves one when no key
// maker is wired, except that no start date (app.Settings.Began) is set:
// tests run their own clocks, and every period of the meeting calendar
// counts. Ops starts empty.
func NewSetUp(tb testing.TB, o app.Office) *Store {
	tb.Helper()
	s := New(tb)
	svc := app.NewService(s.DB, "测试")
	if err := svc.SetUp(context.Background(), o); err != nil {
		tb.Fatalf("set up the test database for %s: %v", o.Code, err)
	}
	if err := svc.SaveSettings(context.Background(), app.DefaultSettingsOf(o.Role)); err != nil {
		tb.Fatalf("set up the test database for %s: settings: %v", o.Code, err)
	}
	return s
}

// Update runs fn in one transaction of the database, as data.DB does. When
// a failure is armed (FailNextUpdate) and fn returns nil, the transaction is
// rolled back and Update returns the armed error: what a full disk or a
// crash at commit does.
func (s *Store) Update(ctx context.Context, op app.Op, fn func(tx app.Tx) error) error {
	var failed error
	err := s.DB.Update(ctx, op, func(tx app.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		s.mu.Lock()
		failed, s.failNext = s.failNext, nil
		s.mu.Unlock()
		if failed != nil {
			return fmt.Errorf("commit: %w", failed)
		}
		return nil
	})
	if err == nil {
		s.mu.Lock()
		s.ops = append(s.ops, op)
		s.mu.Unlock()
	}
	return err
}

// FailNextUpdate makes the next Update whose fn returns nil fail: nothing fn
// did is kept, no Op is recorded and Update returns an error wrapping err.
// An Update whose fn fails does not use it up; a nil err cancels it.
func (s *Store) FailNextUpdate(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = err
}

// Ops returns the Op of every committed Update, oldest first.
func (s *Store) Ops() []app.Op {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ops)
}

// Change is one row of the change log.
type Change struct {
	Office   string
	Seq      int64
	Table    app.Table
	RecordID string
	Version  int64
	Op       string // insert, update or delete
	By       string
}

// ChangeLog returns the whole change log, by office then sequence.
func (s *Store) ChangeLog() []Change {
	s.tb.Helper()
	var out []Change
	s.raw(func(c *sql.DB) error {
		rows, err := c.Query(`SELECT office, seq, tbl, record_id, version, op, "by" FROM changes ORDER BY office, seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ch Change
			if err := rows.Scan(&ch.Office, &ch.Seq, &ch.Table, &ch.RecordID, &ch.Version, &ch.Op, &ch.By); err != nil {
				return err
			}
			out = append(out, ch)
		}
		return rows.Err()
	})
	return out
}

// SetOwner makes office the owner of the records ids of table t, as if they
// had come in that office's sync file: this office can read them but not
// change them. It writes no change-log row. An unknown ID is an error and
// changes nothing.
func (s *Store) SetOwner(t app.Table, office string, ids ...string) error {
	if !slices.Contains(app.SyncedTables, t) {
		return fmt.Errorf("datatest: set owner: unknown table %q", t)
	}
	var err error
	s.raw(func(c *sql.DB) error {
		tx, berr := c.Begin()
		if berr != nil {
			return berr
		}
		defer tx.Rollback()
		for _, id := range ids {
			res, xerr := tx.Exec("UPDATE "+string(t)+" SET office = ? WHERE id = ?", office, id)
			if xerr != nil {
				return xerr
			}
			if n, _ := res.RowsAffected(); n != 1 {
				err = fmt.Errorf("datatest: set owner of %s %s: %w", t, id, app.ErrNotFound)
				return nil
			}
		}
		return tx.Commit()
	})
	return err
}

// Dump is every row of every table of the database (the search index's,
// the change log and the sync log included; SQLite's statistics left
// out), by table name: each row one line of its columns' values in
// order, quoted as Go quotes them (NULL for a null, x'…' for a blob),
// the lines sorted. Two dumps are equal exactly when the databases hold
// the same rows, so a test can see that a refused write left everything
// as it was, or which rows a write changed (the first value of a record's
// row is its ID).
func (s *Store) Dump() map[string][]string {
	s.tb.Helper()
	out := map[string][]string{}
	s.raw(func(c *sql.DB) error {
		names, err := c.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")
		if err != nil {
			return err
		}
		var tables []string
		for names.Next() {
			var n string
			if err := names.Scan(&n); err != nil {
				names.Close()
				return err
			}
			tables = append(tables, n)
		}
		names.Close()
		if err := names.Err(); err != nil {
			return err
		}
		for _, tbl := range tables {
			lines, err := dumpTable(c, tbl)
			if err != nil {
				return fmt.Errorf("dump %s: %w", tbl, err)
			}
			out[tbl] = lines
		}
		return nil
	})
	return out
}

// dumpTable is every row of tbl, one sorted line each (see Dump).
func dumpTable(c *sql.DB, tbl string) ([]string, error) {
	rows, err := c.Query(`SELECT * FROM "` + strings.ReplaceAll(tbl, `"`, `""`) + `"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	lines := []string{}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch v := v.(type) {
			case nil:
				b.WriteString("NULL")
			case []byte:
				fmt.Fprintf(&b, "x'%x'", v)
			case string:
				b.WriteString(strconv.Quote(v))
			default:
				fmt.Fprintf(&b, "%v", v)
			}
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	return lines, rows.Err()
}

// raw runs fn on a connection of its own to the database file, for what the
// store has no method for; an error fails the test.
func (s *Store) raw(fn func(c *sql.DB) error) {
	s.tb.Helper()
	c, err := sql.Open("sqlite", s.Path()+"?_busy_timeout=5000&_foreign_keys=1")
	if err != nil {
		s.tb.Fatalf("open the test database: %v", err)
	}
	defer c.Close()
	if err := fn(c); err != nil {
		s.tb.Fatalf("test database: %v", err)
	}
}
