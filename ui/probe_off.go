//go:build !probe

package ui

// startProbe does nothing: the probe that the real-window test talks to
// (probe.go) is compiled only with -tags probe.
func (u *UI) startProbe() {}
