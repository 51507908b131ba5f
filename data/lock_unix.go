//go:build unix

package data

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"

	"wugeyi/app"
)

// lockFile takes an exclusive, non-blocking lock on the sidecar file path,
// creating it if needed. Another holder makes it fail with app.ErrLocked.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file %s: %w", path, err)
	}
	if err := lockOpened(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// unlockFile releases the lock taken by lockFile and closes the file.
func unlockFile(f *os.File) error {
	err := unlockOpened(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("unlock %s: %w", f.Name(), err)
	}
	return nil
}

// lockOpened takes an exclusive, non-blocking flock on the opened file f.
// On the database file, flock is not the fcntl lock SQLite takes, so the
// two do not meet. Another holder makes it fail with app.ErrLocked.
func lockOpened(f *os.File) error {
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		if errors.Is(err, unix.EWOULDBLOCK) || errors.Is(err, unix.EAGAIN) {
			return fmt.Errorf("lock %s: %w", f.Name(), app.ErrLocked)
		}
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return nil
}

// unlockOpened releases the lock of lockOpened.
func unlockOpened(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_UN) }
