//go:build !windows

package ui

import "time"

// systemIdle is not known here: the idle lock counts from the window's
// own last use (see UI.touch).
func systemIdle() (time.Duration, bool) { return 0, false }
