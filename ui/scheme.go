package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// schemeEditor edits the assessment scheme (考核指标) kept in the
// settings: a row per indicator with its group, name, full marks, how it
// is scored and the scoring rule as the form prints it.
type schemeEditor struct {
	u     *UI
	lines *lines[app.Indicator]
	total *widget.Label
	root  fyne.CanvasObject
}

// ruleChoices are the ways an indicator can be scored, as the editor
// offers them: each rule from the records, or by hand.
func ruleChoices() []string {
	out := []string{app.RuleName("")}
	for _, c := range app.RuleCodes {
		out = append(out, app.RuleName(c))
	}
	return out
}

// ruleCode is the rule code of the choice named name.
func ruleCode(name string) string {
	for _, c := range app.RuleCodes {
		if app.RuleName(c) == name {
			return c
		}
	}
	return ""
}

func newSchemeEditor(u *UI, scheme []app.Indicator) *schemeEditor {
	e := &schemeEditor{u: u, total: widget.NewLabel("")}
	e.lines = newLines("添加指标", indicatorRow)
	e.lines.set(scheme)
	reset := widget.NewButton("恢复默认方案", func() { e.lines.set(app.DefaultIndicators()) })
	hint := widget.NewLabel("每行一项指标：考核项目、考核内容、分值、计分方式和评分标准。各项分值合计应为100分。已发布年度的考核结果不受修改影响。")
	hint.Wrapping = fyne.TextWrapWord
	e.root = container.NewBorder(hint, container.NewHBox(reset, e.total), nil, nil, container.NewVScroll(e.lines.root))
	return e
}

// indicatorRow is one indicator's line in the editor.
func indicatorRow(ind app.Indicator) (fyne.CanvasObject, func(*app.Invalid, int) app.Indicator) {
	group := widget.NewEntry()
	group.SetPlaceHolder("考核项目")
	group.SetText(ind.Group)
	name := widget.NewEntry()
	name.SetPlaceHolder("考核内容")
	name.SetText(ind.Name)
	weight := widget.NewEntry()
	weight.SetPlaceHolder("分值")
	if ind.Weight > 0 {
		weight.SetText(strconv.FormatFloat(ind.Weight, 'f', -1, 64))
	}
	rule := newSelect(ruleChoices(), nil)
	rule.SetSelected(app.RuleName(ind.Code))
	text := newTextArea()
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(3)
	text.SetPlaceHolder("评分标准")
	text.SetText(ind.Rule)
	get := func(v *app.Invalid, i int) app.Indicator {
		w, err := strconv.ParseFloat(strings.TrimSpace(weight.Text), 64)
		if err != nil {
			v.Add("Indicators", "第"+strconv.Itoa(i+1)+"项指标的分值应是数字")
		}
		return app.Indicator{Group: strings.TrimSpace(group.Text), Name: strings.TrimSpace(name.Text), Weight: w,
			Rule: strings.TrimSpace(text.Text), Code: ruleCode(rule.Selected)}
	}
	left := container.NewGridWrap(fyne.NewSize(110, group.MinSize().Height), group)
	mid := container.NewHBox(container.NewGridWrap(fyne.NewSize(150, name.MinSize().Height), name),
		container.NewGridWrap(fyne.NewSize(60, weight.MinSize().Height), weight),
		container.NewGridWrap(fyne.NewSize(210, rule.MinSize().Height), rule))
	return container.NewBorder(nil, nil, container.NewHBox(left, mid), nil, text), get
}

// save checks the scheme and saves it in the settings.
func (e *schemeEditor) save() error {
	var v app.Invalid
	inds := e.lines.values(&v)
	if err := v.Err(); err != nil {
		return err
	}
	st, err := e.u.svc.Settings(e.u.ctx)
	if err != nil {
		return err
	}
	st.Indicators = inds
	return e.u.svc.SaveSettings(e.u.ctx, st)
}

// editScheme opens the scheme editor in a dialog; saving recomputes the
// ranking shown.
func (s *assessScreen) editScheme() {
	st, err := s.u.svc.Settings(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
	e := newSchemeEditor(s.u, st.Scheme())
	var d *dialog.CustomDialog
	save := widget.NewButton("保存", func() {
		if err := e.save(); err != nil {
			e.total.SetText(app.Message(err))
			e.total.Importance = widget.DangerImportance
			e.total.Refresh()
			return
		}
		d.Hide()
		s.reload()
		s.u.notify("已保存考核指标")
	})
	save.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("考核指标", container.NewBorder(nil, container.NewHBox(save, widget.NewButton("取消", func() { d.Hide() })), nil, nil, e.root), s.u.win)
	c := s.u.win.Canvas().Size() // never wider or higher than the window
	d.Resize(fyne.NewSize(min(c.Width-40, 1100), min(c.Height-40, 660)))
	d.Show()
	s.scheme = e
}
