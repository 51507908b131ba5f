//go:build !windows

package app_test

import "syscall"

// diskFull is the system's error for a full disk.
var diskFull error = syscall.ENOSPC
