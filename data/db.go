// Package data is the app.Store of 五个一工作台 on SQLite (modernc.org/sqlite,
// no cgo): embedded migrations, the synced tables with their identity
// columns, the change log, full-text search of the problem ledger, the
// single-instance lock, backup and restore.
package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"wugeyi/app"
)

// DB is one office's database. It is safe for concurrent use: reads run on
// a pool of read-only connections, writes on a single writer connection.
type DB struct {
	reader
	path string
	w    *sql.DB // the single writer connection
	r    *sql.DB // read-only connections
	lock *instanceLock
}

var _ app.Store = (*DB)(nil)

// ErrNotDatabase says a file is not a database of this program.
var ErrNotDatabase = app.Refusal("这个文件不是五个一工作台的数据库（或已损坏）：请选择正确的文件")

// Open opens the database at path, creating it if needed. It takes the
// single-instance lock on the database file itself and on PATH.lock (see
// instanceLock), so that no link to the file opens it twice, refuses a
// database of a newer version of the program without touching it, and
// applies the migrations it lacks.
func Open(path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	lock, err := lockDB(abs)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db, err := open(abs, lock)
	if err != nil {
		if uerr := lock.release(); uerr != nil {
			err = errors.Join(err, uerr)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// tuning are the per-connection pragmas: a 16 MB page cache and temporary
// tables in memory. No memory map: mapped pages count in the window's RSS
// (a 300 MB database pushed it from 200 to 350 MB) and gained only 5 ms on
// the dashboard.
const tuning = "&_pragma=mmap_size(0)&_pragma=temp_store(MEMORY)"

// writerCache and readerCache are the page caches of the writer and of
// each of the (up to 4) readers, in KiB.
const (
	writerCache = "&_pragma=cache_size(-16000)"
	readerCache = "&_pragma=cache_size(-2000)"
)

func open(path string, lock *instanceLock) (*DB, error) {
	if _, err := os.Stat(path); err == nil {
		// Check the version on a read-only connection before anything may
		// write: a newer database must stay exactly as it is.
		if _, err := checkFile(path); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("stat: %w", err)
	}
	w, err := sql.Open("sqlite", path+"?_txlock=immediate&_busy_timeout=5000&_foreign_keys=1&_journal_mode=WAL&_synchronous=NORMAL"+tuning+writerCache)
	if err != nil {
		return nil, fmt.Errorf("open writer: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := migrate(context.Background(), w); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", path+"?_busy_timeout=5000&_foreign_keys=1&_synchronous=NORMAL&_query_only=1"+tuning+readerCache)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open readers: %w", err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	r.SetConnMaxLifetime(0)
	r.SetConnMaxIdleTime(0)
	if err := r.Ping(); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open readers: %w", err)
	}
	return &DB{reader: reader{q: r}, path: path, w: w, r: r, lock: lock}, nil
}

// Path is the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database and releases the single-instance lock.
func (db *DB) Close() error {
	var errs []error
	// Let SQLite refresh its query-planner statistics where they are stale;
	// a failure here loses nothing.
	db.w.Exec("PRAGMA analysis_limit = 400; PRAGMA optimize")
	if err := db.r.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close readers: %w", err))
	}
	if err := db.w.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close writer: %w", err))
	}
	if err := db.lock.release(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// roURI is a read-only SQLite URI for the file at path.
func roURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x → /C:/x
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String() + "?mode=ro&_busy_timeout=5000"
}

// fileInfo is what checkFile learns of a database file.
type fileInfo struct {
	version int    // schema version
	office  string // the office code, "" when not set up
}

// checkFile opens the file at path read-only and checks that it is a
// database of this program that this build can open: not another program's
// database, not of a newer schema. An empty database is fine.
func checkFile(path string) (fileInfo, error) {
	var fi fileInfo
	c, err := sql.Open("sqlite", roURI(path))
	if err != nil {
		return fi, fmt.Errorf("check %s: %w", path, err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	ctx := context.Background()
	var userVersion int
	if err := c.QueryRowContext(ctx, "PRAGMA user_version").Scan(&userVersion); err != nil {
		return fi, fmt.Errorf("check %s: %w (%v)", path, ErrNotDatabase, err)
	}
	var tables, hasMigrations int
	if err := c.QueryRowContext(ctx,
		`SELECT count(*), count(*) FILTER (WHERE name = 'schema_migrations') FROM sqlite_master WHERE type = 'table'`).
		Scan(&tables, &hasMigrations); err != nil {
		return fi, fmt.Errorf("check %s: %w (%v)", path, ErrNotDatabase, err)
	}
	fi.version = userVersion
	if hasMigrations == 1 {
		var v sql.NullInt64
		if err := c.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
			return fi, fmt.Errorf("check %s: %w (%v)", path, ErrNotDatabase, err)
		}
		fi.version = max(fi.version, int(v.Int64))
	} else if tables > 0 || userVersion != 0 {
		return fi, fmt.Errorf("check %s: %w", path, ErrNotDatabase)
	}
	if fi.version > latestVersion() {
		return fi, fmt.Errorf("check %s: schema version %d, this build knows %d: %w", path, fi.version, latestVersion(), app.ErrNewerSchema)
	}
	if fi.version >= 1 {
		err := c.QueryRowContext(ctx, "SELECT code FROM office WHERE id = 1").Scan(&fi.office)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fi, fmt.Errorf("check %s: %w (%v)", path, ErrNotDatabase, err)
		}
	}
	return fi, nil
}
