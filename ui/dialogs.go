package ui

import (
	_ "embed"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// zhStrings are Fyne's own words (dialog buttons, the file dialog, an
// entry's menu, the days of the week) in Chinese.
//
//go:embed zh.json
var zhStrings []byte

// fyneLocales are the languages Fyne 2.7 has words for. The Chinese words
// are registered under each, so the program speaks Chinese whatever the
// PC's language setting is.
var fyneLocales = []fyne.Locale{"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// UseChinese makes Fyne's own words Chinese. main calls it once, before
// the window is made.
func UseChinese() error {
	for _, l := range fyneLocales {
		if err := lang.AddTranslationsForLocale(zhStrings, l); err != nil {
			return fmt.Errorf("add Chinese words for %s: %w", l, err)
		}
	}
	return nil
}

// placeNames are the Chinese names of the places Fyne's file dialog lists
// on its left.
var placeNames = map[string]string{
	"Home": "个人文件夹", "Computer": "此电脑", "Desktop": "桌面", "Documents": "文档", "Downloads": "下载",
	"Music": "音乐", "Pictures": "图片", "Videos": "视频", "Movies": "视频", "App Files": "程序文件",
}

// translatePlaces gives the places list of the file dialog on top of the
// window Chinese names. Fyne builds that list from English names it does
// not translate; the list is found through the dialog's containers and
// split, and nothing happens if Fyne lays the dialog out otherwise.
func (u *UI) translatePlaces() {
	top, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	var visit func(o fyne.CanvasObject) bool
	visit = func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *fyne.Container:
			for _, ch := range w.Objects {
				if visit(ch) {
					return true
				}
			}
		case *container.Split:
			return visit(w.Leading)
		case *widget.List:
			update := w.UpdateItem
			if update == nil {
				return false
			}
			w.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
				update(id, item)
				if c, ok := item.(*fyne.Container); ok && len(c.Objects) > 1 {
					if l, ok := c.Objects[1].(*widget.Label); ok {
						if zh, ok := placeNames[l.Text]; ok {
							l.SetText(zh)
						}
					}
				}
			}
			w.Refresh()
			return true
		}
		return false
	}
	visit(top.Content)
}

// dismissWords are the captions of the buttons that close a dialog
// without doing anything.
var dismissWords = map[string]bool{"取消": true, "关闭": true, "否": true, "确定": true, "知道了": true}

// dialogKey lets the keyboard close the dialog on top of the window when
// no field of it has the keyboard: Esc presses its 取消 (or 关闭, 否, or its
// only button); Enter presses the only button of a message. A pop-up that
// is no dialog (a drop-down list) is closed by Esc.
func (u *UI) dialogKey(k *fyne.KeyEvent) {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	p, ok := top.(*widget.PopUp)
	if !ok {
		if k.Name == fyne.KeyEscape {
			top.Hide()
		}
		return
	}
	buttons := dialogButtons(p.Content)
	switch k.Name {
	case fyne.KeyEscape:
		if len(buttons) == 1 {
			press(buttons[0])
			return
		}
		for _, b := range buttons {
			if dismissWords[b.Text] && b.Text != "确定" {
				press(b)
				return
			}
		}
		if len(buttons) == 0 {
			p.Hide()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if len(buttons) == 1 {
			press(buttons[0])
		}
	}
}

// press taps b as a click would, unless it is switched off.
func press(b *widget.Button) {
	if !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

// dialogButtons are the visible buttons with a caption among the
// containers of a dialog's content (not inside its widgets: those are the
// dialog's fields and lists).
func dialogButtons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, ch := range w.Objects {
				visit(ch)
			}
		case *widget.Button:
			if w.Text != "" {
				out = append(out, w)
			}
		}
	}
	visit(o)
	return out
}
