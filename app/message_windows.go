package app

import (
	"errors"
	"syscall"
)

// Windows' own codes of a full disk; its syscall.ENOSPC is never returned.
const (
	errorHandleDiskFull syscall.Errno = 39  // ERROR_HANDLE_DISK_FULL
	errorDiskFull       syscall.Errno = 112 // ERROR_DISK_FULL
)

// diskFull reports whether err says the disk is full.
func diskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}
