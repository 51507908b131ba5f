package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// historyView is the history (修改记录) of one record: each version with
// its time, operator and the fields it changed, old → new.
func (u *UI) historyView(h app.History) fyne.CanvasObject {
	box := container.NewVBox()
	if h.Partial {
		l := widget.NewLabel(fmt.Sprintf("这是%s的记录，本库只有收到的最新版本；逐次修改的记录在%s的数据库中。", app.OfficeName(h.Office), app.OfficeName(h.Office)))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	for i := len(h.Versions) - 1; i >= 0; i-- { // the latest first
		v := h.Versions[i]
		head := widget.NewLabel(fmt.Sprintf("第 %d 版　%s　%s　%s", v.Version, v.At.Local().Format("2006-01-02 15:04"), v.By, v.Op))
		head.TextStyle = fyne.TextStyle{Bold: true}
		if v.Op == "删除" {
			head.Importance = widget.DangerImportance
		}
		box.Add(head)
		if len(v.Changes) == 0 && v.Op != "删除" {
			box.Add(widget.NewLabel("　（内容没有变化）"))
		}
		for _, c := range v.Changes {
			var l *widget.Label
			if i == 0 {
				l = widget.NewLabel(fmt.Sprintf("　%s：%s", c.Label, c.New))
			} else {
				l = widget.NewLabel(fmt.Sprintf("　%s：%s → %s", c.Label, orEmpty(c.Old), orEmpty(c.New)))
			}
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
		box.Add(widget.NewSeparator())
	}
	return container.NewVScroll(box)
}

// orEmpty is s, or says it is empty.
func orEmpty(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// showHistory shows the history of record id in a dialog.
func (u *UI) showHistory(id string) {
	h, err := u.svc.History(u.ctx, id)
	if err != nil {
		u.showError(err)
		return
	}
	title := "修改记录：" + h.Title
	if h.Deleted {
		title += "（已删除）"
	}
	d := dialog.NewCustom(title, "关闭", u.historyView(h), u.win)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}

// showDeleted lists the deleted records, each with its history and a
// button that restores it.
func (u *UI) showDeleted() {
	box := container.NewVBox()
	if !u.fillDeleted(box) {
		return
	}
	d := dialog.NewCustom("已删除的记录", "关闭", container.NewVScroll(box), u.win)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}

// fillDeleted lists the deleted records in box, again after a restore; it
// reports whether they could be read.
func (u *UI) fillDeleted(box *fyne.Container) bool {
	list, err := u.svc.DeletedRecords(u.ctx, app.DeletedFilter{Limit: 500})
	if err != nil {
		u.showError(err)
		return false
	}
	box.RemoveAll()
	if len(list) == 0 {
		box.Add(widget.NewLabel("没有已删除的记录"))
	}
	for _, r := range list {
		l := widget.NewLabel(fmt.Sprintf("%s　%s 删除　%s", r.At.Local().Format("2006-01-02 15:04"), r.By, r.Title))
		l.Truncation = fyne.TextTruncateEllipsis
		buttons := container.NewHBox(
			widget.NewButton("恢复", func() { u.confirmUndelete(r, box) }),
			widget.NewButton("修改记录", func() { u.showHistory(r.ID) }))
		box.Add(container.NewBorder(nil, nil, nil, buttons, l))
	}
	box.Refresh()
	return true
}

// confirmUndelete asks before restoring the deleted record r, then
// restores it (or says why not) and reads every screen and box again.
func (u *UI) confirmUndelete(r app.DeletedRecord, box *fyne.Container) {
	msg := "确定恢复“" + r.Title + "”吗？恢复后作为新版本保存，随下次同步发出。"
	dialog.ShowConfirm("恢复记录", msg, func(ok bool) {
		if !ok {
			return
		}
		done, err := u.svc.Undelete(u.ctx, r.Table, r.ID)
		if err != nil {
			u.showError(err)
			return
		}
		u.notify(done.String())
		u.reloadAll()
		u.fillDeleted(box)
	}, u.win)
}
