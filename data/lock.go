package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// instanceLock is the single-instance lock of one database. It is held on
// the database's identity, not on the path it was opened by: an exclusive
// lock on the database file itself, which every symbolic or hard link to
// it reaches, and one on the sidecar file REAL.lock, REAL being the path
// with its symbolic links resolved, which earlier builds also take.
type instanceLock struct {
	side *os.File // REAL.lock
	file *os.File // the database file
}

// lockDB takes the single-instance lock of the database file at path
// (absolute), creating an empty file when there is none (SQLite takes an
// empty file for a new database). Another holder, through any link, makes
// it fail with app.ErrLocked.
func lockDB(path string) (l *instanceLock, err error) {
	f, err := os.Open(path) // read-only: a read-only database opens too
	if errors.Is(err, os.ErrNotExist) {
		f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("resolve %s: %w", path, err)
	}
	side, err := lockFile(real + ".lock")
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := lockOpened(f); err != nil {
		f.Close()
		return nil, errors.Join(err, unlockFile(side))
	}
	return &instanceLock{side: side, file: f}, nil
}

// release releases both locks.
func (l *instanceLock) release() error {
	err := unlockOpened(l.file)
	if cerr := l.file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		err = fmt.Errorf("unlock %s: %w", l.file.Name(), err)
	}
	return errors.Join(err, unlockFile(l.side))
}
