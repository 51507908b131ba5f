//go:build windows

package data

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"

	"wugeyi/app"
)

// lockFile takes an exclusive, non-blocking lock on the sidecar file path,
// creating it if needed. Another holder makes it fail with app.ErrLocked.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file %s: %w", path, err)
	}
	if err := lockAt(f, 0); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// unlockFile releases the lock taken by lockFile and closes the file.
func unlockFile(f *os.File) error {
	err := unlockAt(f, 0)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("unlock %s: %w", f.Name(), err)
	}
	return nil
}

// lockByte is the byte of the database file lockOpened locks: in SQLite's
// lock-byte page (the page at 1 GiB, which never holds data), past the
// bytes SQLite itself locks (0x40000000 to 0x40000201) and inside the page
// for any page size from 1024 bytes (this program's is 4096).
const lockByte = 0x40000000 + 0x300

// lockOpened takes an exclusive, non-blocking lock on one byte of the
// opened database file f that SQLite neither locks nor reads. Another
// holder makes it fail with app.ErrLocked.
func lockOpened(f *os.File) error { return lockAt(f, lockByte) }

// unlockOpened releases the lock of lockOpened.
func unlockOpened(f *os.File) error { return unlockAt(f, lockByte) }

// lockAt takes an exclusive, non-blocking lock on the byte of f at offset.
func lockAt(f *os.File, offset uint32) error {
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &windows.Overlapped{Offset: offset})
	if err != nil {
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return fmt.Errorf("lock %s: %w", f.Name(), app.ErrLocked)
		}
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return nil
}

// unlockAt releases the lock of lockAt.
func unlockAt(f *os.File, offset uint32) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &windows.Overlapped{Offset: offset})
}
