//go:build ci

package main

// A build with Fyne's tag "ci" (the loong64 one of .ci/build.sh, which has
// no C compiler and so no GLFW window) links Fyne's pure-Go test driver,
// whose windows are drawn nowhere. Such a build must never seem to start:
// it runs the command line as main does, before main, and where the window
// would open it says that this build has none and exits.

import (
	"fmt"
	"io"
	"os"
)

func init() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, noWindow))
}

// noWindow refuses the window: this build has only the headless commands.
func noWindow(_ windowArgs, stderr io.Writer) int {
	fmt.Fprintln(stderr, "这个版本只有命令行功能，没有窗口（用法：wugeyi help）。")
	return exitFail
}
