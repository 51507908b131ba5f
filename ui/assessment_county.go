package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// assessedScreen (考核结果) shows a county the yearly assessments the city
// bureau published of it, as published: read-only, to print.
type assessedScreen struct {
	u      *UI
	list   []app.PublishedAssessment
	choice *widget.Select
	cur    app.Assessment
	rows   *recordTable
	note   *widget.Label
	root   fyne.CanvasObject
}

func newAssessedScreen(u *UI) *assessedScreen {
	s := &assessedScreen{u: u, note: widget.NewLabel("")}
	s.note.Wrapping = fyne.TextWrapWord
	s.choice = newSelect(nil, func(string) { s.show() })
	s.rows = newRecordTable(assessRowColumns, func() int { return len(s.cur.Rows) }, func(r, c int) (string, widget.Importance) {
		return assessRowCell(s.cur.Rows[r], c)
	}, nil)
	printBtn := widget.NewButton("打印考核表", func() {
		if s.cur.Office != "" {
			s.u.printAssessment(s.cur)
		}
	})
	hint := wrapped("市工信局发布的本单位年度考核结果随市局的同步文件到达，在此只能查看和打印。")
	s.note.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(buttonBar(widget.NewLabel("考核年度"),
		container.NewGridWrap(fyne.NewSize(260, s.choice.MinSize().Height), s.choice), printBtn), hint, s.note)
	s.root = container.NewBorder(top, nil, nil, nil, s.rows)
	return s
}

func (s *assessedScreen) view() fyne.CanvasObject { return s.root }

// reload lists the assessments received and shows the chosen one (the
// latest year at first).
func (s *assessedScreen) reload() {
	l, err := s.u.svc.PublishedAssessments(s.u.ctx)
	if err != nil {
		s.note.SetText(app.Message(err))
		return
	}
	s.list = nil
	for _, a := range l {
		if a.Result.Office == s.u.office.Code {
			s.list = append(s.list, a)
		}
	}
	slices.Reverse(s.list) // the latest year first
	var labels []string
	for _, a := range s.list {
		labels = append(labels, assessedChoice(a))
	}
	if !offer(s.choice, labels, s.show) {
		s.cur = app.Assessment{}
		s.note.SetText("尚未收到市工信局发布的本单位考核结果。")
		s.rows.reset()
	}
}

// assessedChoice names a published assessment in the list.
func assessedChoice(a app.PublishedAssessment) string {
	return fmt.Sprintf("%d年度（%s发布）", a.Result.Year, a.Published.Chinese())
}

// show shows the assessment chosen.
func (s *assessedScreen) show() {
	for _, a := range s.list {
		if assessedChoice(a) != s.choice.Selected {
			continue
		}
		s.cur = a.Result
		note := fmt.Sprintf("%d年度考核：总分%s分，在%d个县区中排名第%d，等次：%s。", a.Result.Year, points1(a.Result.Total),
			a.Result.Of, a.Result.Rank, a.Result.Grade)
		if a.Result.Fund > 0 {
			note += fmt.Sprintf("按得分比例建议分配资金%s（资金总额%s）。", a.Result.Share, a.Result.Fund)
		}
		s.note.SetText(note)
		s.rows.reset()
		return
	}
}
