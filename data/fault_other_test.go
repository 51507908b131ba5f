//go:build !linux

package data_test

import "testing"

// smallDisk skips the test: mounting a small filesystem is done on Linux
// only.
func smallDisk(t *testing.T, size string) string {
	t.Skip("a small filesystem is mounted on Linux only")
	return ""
}
