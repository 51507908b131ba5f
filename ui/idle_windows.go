package ui

import (
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32           = windows.NewLazySystemDLL("user32.dll")
	getLastInputInfo = user32.NewProc("GetLastInputInfo")
	kernel32         = windows.NewLazySystemDLL("kernel32.dll")
	getTickCount     = kernel32.NewProc("GetTickCount")
)

// systemIdle is how long since the last key or mouse input to this PC's
// session (GetLastInputInfo): what the idle lock counts on Windows, so
// that reading a long list with the mouse wheel keeps the window open.
func systemIdle() (time.Duration, bool) {
	var info struct {
		size uint32
		time uint32
	}
	info.size = uint32(unsafe.Sizeof(info))
	if r, _, _ := getLastInputInfo.Call(uintptr(unsafe.Pointer(&info))); r == 0 {
		return 0, false
	}
	now, _, _ := getTickCount.Call()
	// Both are milliseconds since boot in 32 bits: the difference is right
	// across the wrap every 49.7 days.
	return time.Duration(uint32(now)-info.time) * time.Millisecond, true
}
