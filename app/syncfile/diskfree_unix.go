//go:build linux || darwin || freebsd

package syncfile

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// DiskFree is how many bytes this user may still write on the disk that
// holds folder dir.
func DiskFree(dir string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	return max(0, int64(st.Bavail)*int64(st.Bsize)), nil
}
