package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// showSupervision lists the 督办意见 the city bureau wrote on this office's
// problems, newest first, each with what was done since and a button that
// opens the problem in the ledger.
func (u *UI) showSupervision() {
	list, err := u.svc.Supervision(u.ctx)
	if err != nil {
		u.showError(err)
		return
	}
	box := container.NewVBox()
	if len(list) == 0 {
		box.Add(widget.NewLabel("尚未收到市工信局的督办意见。"))
	}
	var d dialog.Dialog
	for _, x := range list {
		text := widget.NewLabel(supervisedText(x))
		text.Wrapping = fyne.TextWrapWord
		row := container.NewBorder(nil, nil, nil, nil, text)
		if id := x.Problem.ID; id != "" {
			row = container.NewBorder(nil, nil, nil, widget.NewButton("查看问题", func() {
				d.Hide()
				u.showProblem(id)
			}), text)
		}
		box.Add(row)
		box.Add(widget.NewSeparator())
	}
	d = dialog.NewCustom("收到的督办意见", "关闭", container.NewVScroll(box), u.win)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}

// supervisedText is a 督办意见 as the list shows it: when, on which problem,
// what it said, where the problem stands and what was done since.
func supervisedText(x app.Supervised) string {
	c := x.Comment
	if x.Problem.ID == "" {
		return fmt.Sprintf("%s　%s\n督办意见：%s\n该问题已删除。", c.Date, c.ProblemNumber, c.Text)
	}
	p := x.Problem
	head := fmt.Sprintf("%s　%s　%s（%s）", c.Date, p.Number, p.EnterpriseName, p.Status)
	if c.Author != "" {
		head += "　" + c.Author
	}
	var done []string
	for _, e := range x.Since {
		s := fmt.Sprintf("%s %s", e.Date, e.Kind)
		if e.Text != "" {
			s += "：" + oneLine(e.Text)
		}
		done = append(done, s)
	}
	since := "此后尚无办理记录。"
	if len(done) > 0 {
		since = "此后：" + strings.Join(done, "；")
	}
	return head + "\n督办意见：" + c.Text + "\n" + since
}
