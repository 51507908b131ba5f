package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS of AttachConsole.
const attachParentProcess = ^uint32(0)

// attachConsole lets the headless subcommands print from the program built
// with -H=windowsgui, which Windows starts with no console: a standard
// handle the caller already gave (output redirected to a file or a pipe) is
// kept; otherwise the program attaches to the console of the cmd.exe or
// PowerShell it was started from and writes there. Started from Explorer,
// there is no console and nothing changes.
func attachConsole() {
	out, errOut := usable(windows.STD_OUTPUT_HANDLE), usable(windows.STD_ERROR_HANDLE)
	if out && errOut {
		return
	}
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if attach.Find() != nil {
		return
	}
	if r, _, _ := attach.Call(uintptr(attachParentProcess)); r == 0 {
		return
	}
	if !out {
		if f := openConsole(windows.STD_OUTPUT_HANDLE); f != nil {
			os.Stdout = f
		}
	}
	if !errOut {
		if f := openConsole(windows.STD_ERROR_HANDLE); f != nil {
			os.Stderr = f
		}
	}
}

// usable tells whether the standard handle std leads somewhere.
func usable(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}

// openConsole opens the attached console's output and makes it the
// standard handle std; nil if it cannot.
func openConsole(std uint32) *os.File {
	f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return nil
	}
	_ = windows.SetStdHandle(std, windows.Handle(f.Fd()))
	return f
}
