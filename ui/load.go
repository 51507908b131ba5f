package ui

import (
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// A screen shows its tab at once and reads what takes long off the UI's
// goroutine: the page on screen first, the rest of a long list, or the
// figures of a notice, in the background (issue 16: every tab within
// 150 ms on the city's database of 10 offices × 10 years).

// firstPage is how many rows of a long list a screen reads before its tab
// is drawn; the rest follow in the background.
const firstPage = 200

// loading is what a screen's note says while its figures are computed.
const loading = "正在统计……"

// background runs read off the UI's goroutine and then, on it, the apply
// function read returns — unless *gen changed meanwhile (the screen was
// reloaded again, with another filter or period), when the result is
// dropped. It increments *gen, which only the UI's goroutine touches.
// With u.inline set (the tests), it does both at once.
func (u *UI) background(gen *int, read func() (apply func())) {
	*gen++
	g := *gen
	if u.inline {
		if apply := read(); apply != nil {
			apply()
		}
		return
	}
	u.readStarts()
	u.afterFrame(func() {
		go func() {
			defer u.readEnds()
			apply := read()
			u.do(func() {
				if g == *gen && apply != nil {
					apply()
				}
			})
		}()
	})
}

// afterFrame runs f once the window has drawn the frame that shows what
// was read first, when ReadAfterFrames was called; at once otherwise.
func (u *UI) afterFrame(f func()) {
	if u.frames == nil {
		f()
		return
	}
	u.frames.after(f)
}

// Option changes how New makes the window.
type Option func(*UI)

// ReadAfterFrames makes the reads in the background start only once the
// window has drawn the frame that shows the page read first (frameHook);
// the first screen's, once the first frame is drawn.
func ReadAfterFrames(u *UI) { u.frames = newFrameHook() }

// readers counts the background reads and gives memory back when the
// window rests.
type readers struct {
	wg   sync.WaitGroup
	busy atomic.Int32
	rest atomic.Int64 // counts tab changes, so that only the last one trims
}

// readStarts counts a background read; readEnds, on its goroutine, ends
// it once its result is handed over.
func (u *UI) readStarts() {
	u.reads.wg.Add(1)
	u.reads.busy.Add(1)
}

func (u *UI) readEnds() {
	u.reads.busy.Add(-1)
	u.reads.wg.Done()
}

// trimDelay is how long after a tab change, with no read under way, the
// memory the screen left no longer needs goes back to the system.
const trimDelay = time.Second

// trimSoon gives back, when the window rests, the memory of the records
// the screen left let go of: Go keeps freed memory for later otherwise,
// and the window would stay as big as at its busiest screen.
func (u *UI) trimSoon() {
	g := u.reads.rest.Add(1)
	var wait func()
	wait = func() {
		switch {
		case u.reads.rest.Load() != g: // another tab since
		case u.reads.busy.Load() > 0:
			time.AfterFunc(trimDelay, wait)
		default:
			debug.FreeOSMemory()
		}
	}
	time.AfterFunc(trimDelay, wait)
}
