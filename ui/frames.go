package ui

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// frameHook runs functions once the window has drawn its next frame: a
// tab's screen is drawn with its first page, and only then do the reads of
// the rest start, which on a 2-core PC took the CPU the frame needed (the
// city's ledger drew in 50–85 ms instead of 80–150).
//
// It is a transparent 1×1 raster drawn last in the window: Fyne asks for a
// raster's image only while it paints a frame, and asks again only after
// the raster was refreshed. When no frame comes (the window is minimised),
// the functions run after fallback.
type frameHook struct {
	raster *canvas.Raster
	obj    fyne.CanvasObject

	mu      sync.Mutex
	waiting []func()
	timer   *time.Timer
}

// frameFallback is how long a function waits for a frame at most.
const frameFallback = 200 * time.Millisecond

func newFrameHook() *frameHook {
	h := &frameHook{}
	h.raster = canvas.NewRaster(h.paint)
	h.raster.Resize(fyne.NewSize(1, 1))
	h.obj = container.NewWithoutLayout(h.raster)
	return h
}

// after runs f on the UI's goroutine once the next frame is drawn. Call it
// on the UI's goroutine.
func (h *frameHook) after(f func()) {
	h.mu.Lock()
	h.waiting = append(h.waiting, f)
	if h.timer == nil {
		h.timer = time.AfterFunc(frameFallback, func() { fyne.Do(h.flush) })
	}
	h.mu.Unlock()
	h.raster.Refresh()
}

// paint is the raster's image, asked for while a frame is drawn; the
// functions waiting for it run once the frame is done.
func (h *frameHook) paint(int, int) image.Image {
	h.mu.Lock()
	pending := len(h.waiting) > 0
	h.mu.Unlock()
	if pending {
		fyne.Do(h.flush)
	}
	return image.NewNRGBA(image.Rect(0, 0, 1, 1))
}

// flush runs the waiting functions.
func (h *frameHook) flush() {
	h.mu.Lock()
	fs := h.waiting
	h.waiting = nil
	if h.timer != nil {
		h.timer.Stop()
		h.timer = nil
	}
	h.mu.Unlock()
	for _, f := range fs {
		f()
	}
}
