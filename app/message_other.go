//go:build !windows

package app

import (
	"errors"
	"syscall"
)

// diskFull reports whether err is the system's "no space left on device".
func diskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }
