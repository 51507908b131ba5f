package app_test

import "syscall"

// diskFull is the system's error for a full disk (ERROR_DISK_FULL).
var diskFull error = syscall.Errno(112)
