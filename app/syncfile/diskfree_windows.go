//go:build windows

package syncfile

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// DiskFree is how many bytes this user may still write on the disk that
// holds folder dir.
func DiskFree(dir string) (int64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	var free, total, all uint64
	if err := windows.GetDiskFreeSpaceEx(p, &free, &total, &all); err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	return int64(min(free, 1<<62)), nil
}
