package datatest

import (
	"os"
	"os/exec"
	"testing"
)

// ReadOnly makes the file at path read-only for this process: by its mode
// for a user, by the immutable attribute (chattr +i, undone when the test
// ends) for root, whom the mode does not stop. It says how, or "" when it
// cannot, and the test should then skip what needs it.
func ReadOnly(tb testing.TB, path string) string {
	tb.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o444); err != nil {
			tb.Fatalf("make %s read-only: %v", path, err)
		}
		return "chmod 0444"
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		tb.Logf("chattr +i: %v %s", err, out)
		return ""
	}
	tb.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	return "chattr +i"
}
