package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
)

// assessScreen (考核评估) is the city bureau's yearly assessment of the
// counties: the ranking with rank, grade and share of a fund; a county's
// indicators below it, where the hand scores are entered; the scheme's
// editor; publishing, which locks the year.
type assessScreen struct {
	u       *UI
	year    *widget.Select
	fund    *widget.Entry
	ranking *recordTable
	note    *widget.Label
	cur     app.Ranking
	ranked  []app.Assessment // cur's rows, best first
	gen     int              // counts reloads, so that a late ranking of another year is dropped

	office string // the county shown below, "" for none
	title  *widget.Label
	rows   *recordTable
	hand   *fyne.Container // the hand scores' entries
	scores map[string]*widget.Entry
	scheme *schemeEditor      // the scheme editor last opened
	locked []fyne.Disableable // disabled once the year is published
	root   fyne.CanvasObject
}

// rankingColumns are the columns of the ranking.
var rankingColumns = []column{{"排名", 50}, {"单位", 120}, {"按记录得分", 96}, {"人工评分", 82}, {"总分", 66},
	{"等次", 66}, {"建议分配资金", 130}, {"状态", 170}}

// assessRowColumns are the columns of an office's indicators.
var assessRowColumns = []column{{"考核项目", 82}, {"考核内容", 176}, {"分值", 50}, {"完成情况", 400}, {"得分", 56}, {"评分人", 90}}

func newAssessScreen(u *UI) *assessScreen {
	s := &assessScreen{u: u, fund: widget.NewEntry(), note: widget.NewLabel(""), title: widget.NewLabel(""),
		hand: buttonBar(), scores: map[string]*widget.Entry{}}
	this := u.svc.Today().Year()
	var years []string
	for y := this; y >= this-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year = newSelect(years, nil)
	s.year.Selected = strconv.Itoa(this - 1) // last year's, the one to assess; read when the tab opens
	s.year.OnChanged = func(string) { s.reload() }
	s.fund.SetPlaceHolder("如 1000")
	s.fund.OnSubmitted = func(string) { s.reload() }
	s.ranking = newRecordTable(rankingColumns, func() int { return len(s.ranked) }, s.rankCell, func(r int) { s.show(s.ranked[r].Office) }).keep(0, 1, 5)
	s.rows = newRecordTable(assessRowColumns, func() int { return len(s.shown().Rows) }, func(r, c int) (string, widget.Importance) {
		return assessRowCell(s.shown().Rows[r], c)
	}, nil)
	s.title.TextStyle.Bold = true
	s.title.Truncation = fyne.TextTruncateEllipsis
	s.note.Wrapping = fyne.TextWrapWord

	save := widget.NewButton("保存人工评分", s.saveScores)
	publish := widget.NewButton("发布考核结果", s.publish)
	s.locked = []fyne.Disableable{save, publish}
	compute := widget.NewButton("计算", s.reload)
	compute.Importance = widget.HighImportance
	top := container.NewVBox(
		buttonBar(widget.NewLabel("考核年度"), s.year, widget.NewLabel("资金总额（万元）"),
			container.NewGridWrap(fyne.NewSize(110, s.fund.MinSize().Height), s.fund), compute,
			widget.NewButton("考核指标", s.editScheme), publish),
		wrapped("各县区按记录计算的得分与人工评分相加为总分，按总分排名、定等次（90分以上优秀，80分以上良好，60分以上合格），并按得分比例提出资金分配建议。点一个单位查看各项指标并填写人工评分。"),
		s.note)
	printBtn := widget.NewButton("打印考核表", s.print)
	detail := container.NewBorder(container.NewVBox(s.title, s.hand, buttonBar(save, printBtn)), nil, nil, nil, s.rows)
	s.root = container.NewBorder(top, nil, nil, nil, container.NewVSplit(s.ranking, detail))
	return s
}

func (s *assessScreen) view() fyne.CanvasObject { return s.root }

// reload computes (or reads, once published) the ranking of the year
// chosen with the fund typed in, and shows it.
func (s *assessScreen) reload() {
	year, _ := strconv.Atoi(s.year.Selected)
	fund, err := app.ParseWan(s.fund.Text)
	if err != nil {
		s.note.SetText("资金总额：" + app.Message(err))
		return
	}
	// The ranking assesses every county's records: it is computed in the
	// background, the note saying so meanwhile.
	s.note.SetText(loading)
	s.u.background(&s.gen, func() func() {
		r, err := s.u.svc.Ranking(s.u.ctx, year, fund)
		if err != nil {
			return func() { s.note.SetText(app.Message(err)) }
		}
		ranked := r.Ranked()
		return func() {
			s.cur, s.ranked = r, ranked
			for _, w := range s.locked {
				if r.Published.IsZero() {
					w.Enable()
				} else {
					w.Disable()
				}
			}
			s.note.SetText(rankingNote(r))
			s.ranking.reset()
			if !r.Published.IsZero() && r.Fund > 0 && strings.TrimSpace(s.fund.Text) == "" {
				s.fund.SetText(r.Fund.Wan())
			}
			s.show(s.office)
		}
	})
}

// rankingNote says where the ranking of r stands.
func rankingNote(r app.Ranking) string {
	var b strings.Builder
	switch {
	case !r.Published.IsZero():
		fmt.Fprintf(&b, "%d年度考核结果已于%s发布并锁定，不能再修改；已随同步文件发往各县区。", r.Year, r.Published.Chinese())
	case len(r.Rows) == 0:
		b.WriteString("尚未收到任何县区的同步文件，无法考核。")
	case r.Missing() > 0:
		fmt.Fprintf(&b, "还有%d项人工评分未填写，填写完整后才能发布。", r.Missing())
	default:
		b.WriteString("评分已填写完整，核对无误后可发布考核结果。")
	}
	if len(r.Absent) > 0 {
		var names []string
		for _, o := range r.Absent {
			names = append(names, app.OfficeName(o))
		}
		b.WriteString("尚未报送同步文件、不参加考核：" + strings.Join(names, "、") + "。")
	}
	return b.String()
}

// rankCell is the text of row r, column c of the ranking.
func (s *assessScreen) rankCell(r, c int) (string, widget.Importance) {
	a := s.ranked[r]
	var byRecords, byHand float64
	for _, x := range a.Rows {
		if x.Code != "" {
			byRecords += x.Score
		} else {
			byHand += x.Score
		}
	}
	state, imp := "评分完整", widget.MediumImportance
	if n := a.Missing(); n > 0 {
		state, imp = fmt.Sprintf("缺%d项人工评分", n), widget.WarningImportance
	}
	if !s.cur.Published.IsZero() {
		state = "已发布"
	}
	share := "—"
	if a.Fund > 0 {
		share = a.Share.String()
	}
	cells := [...]string{strconv.Itoa(a.Rank), app.OfficeName(a.Office), points1(byRecords), points1(byHand),
		points1(a.Total), a.Grade, share, state}
	if c == 7 {
		return cells[c], imp
	}
	return cells[c], widget.MediumImportance
}

// points1 writes points with one decimal.
func points1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// assessRowCell is the text of column c of an indicator's row.
func assessRowCell(r app.AssessmentRow, c int) (string, widget.Importance) {
	score, figure := "", r.Figure
	if r.Scored {
		score = points1(r.Score)
	}
	if r.Code == "" && figure == "" {
		figure = "人工评分：" + r.Rule
	}
	cells := [...]string{r.Group, r.Name, strconv.FormatFloat(r.Weight, 'f', -1, 64), oneLine(figure), score, r.By}
	if c == 4 && !r.Scored {
		return "未评分", widget.WarningImportance
	}
	return cells[c], widget.MediumImportance
}

// shown is the assessment of the county shown below the ranking.
func (s *assessScreen) shown() app.Assessment {
	for _, a := range s.cur.Rows {
		if a.Office == s.office {
			return a
		}
	}
	return app.Assessment{}
}

// show shows office's indicators below the ranking, with an entry for
// each hand score while the year is not published.
func (s *assessScreen) show(office string) {
	s.office = office
	a := s.shown()
	s.hand.RemoveAll()
	clear(s.scores)
	if a.Office == "" {
		s.office = ""
		s.title.SetText("点上面的一个单位查看各项指标")
		s.rows.reset()
		return
	}
	s.title.SetText(fmt.Sprintf("%s %d年度考核：总分%s分，第%d名，%s", app.OfficeName(a.Office), a.Year, points1(a.Total), a.Rank, a.Grade))
	for _, r := range a.Rows {
		if r.Code != "" {
			continue
		}
		e := widget.NewEntry()
		e.SetPlaceHolder("0–" + strconv.FormatFloat(r.Weight, 'f', -1, 64))
		if r.Scored {
			e.SetText(strconv.FormatFloat(r.Score, 'f', -1, 64))
		}
		if !s.cur.Published.IsZero() {
			e.Disable()
		}
		s.scores[r.Name] = e
		s.hand.Add(container.NewHBox(widget.NewLabel(r.Name), container.NewGridWrap(fyne.NewSize(70, e.MinSize().Height), e)))
	}
	s.rows.reset()
}

// saveScores saves the hand scores typed in for the county shown that
// differ from those saved; an unreadable one stops before any is saved.
func (s *assessScreen) saveScores() {
	a := s.shown()
	if a.Office == "" {
		return
	}
	var todo []app.HandScore
	for _, r := range a.Rows {
		e, ok := s.scores[r.Name]
		if !ok || strings.TrimSpace(e.Text) == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(e.Text), 64)
		if err != nil {
			s.u.showError(app.FieldError{Field: "Score", Msg: "“" + r.Name + "”的得分应是数字，如 8 或 8.5"})
			return
		}
		if !r.Scored || v != r.Score {
			todo = append(todo, app.HandScore{Office: a.Office, Indicator: r.Name, Score: v})
		}
	}
	if err := s.u.svc.SetHandScores(s.u.ctx, a.Year, todo); err != nil {
		s.u.showError(err)
		return
	}
	s.reload()
	s.u.notify(fmt.Sprintf("已保存%s的%d项人工评分", app.OfficeName(a.Office), len(todo)))
}

// print prints the assessment form of the county shown.
func (s *assessScreen) print() {
	a := s.shown()
	if a.Office == "" {
		s.u.showError(app.FieldError{Field: "Office", Msg: "请先在上面选一个单位"})
		return
	}
	s.u.printAssessment(a)
}

// printAssessment prints the assessment form of a.
func (u *UI) printAssessment(a app.Assessment) {
	name := app.OfficeName(a.Office)
	u.printDoc(fmt.Sprintf("%s%d年度考核评估表", name, a.Year), func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		stamp, err := u.svc.AssessmentStamp(u.ctx, a.Office, a.Year)
		if err != nil {
			return nil, err
		}
		return print.AssessmentForm(fs, a, name, stamp, at)
	})
}

// publish publishes the year's ranking after the user confirms it.
func (s *assessScreen) publish() {
	year, _ := strconv.Atoi(s.year.Selected)
	fund, err := app.ParseWan(s.fund.Text)
	if err != nil {
		s.u.showError(app.FieldError{Field: "Fund", Msg: "资金总额：" + app.Message(err)})
		return
	}
	msg := fmt.Sprintf("发布后%d年度考核结果即锁定，不能再修改评分；各县区在下次收到的同步文件中看到本单位的结果。资金总额%s。确定发布吗？", year, fund)
	dialog.ShowConfirm("发布考核结果", msg, func(ok bool) {
		if ok {
			s.publishNow(year, fund)
		}
	}, s.u.win)
}

// publishNow publishes the ranking of year with fund shared out.
func (s *assessScreen) publishNow(year int, fund app.Yuan) {
	r, err := s.u.svc.PublishRanking(s.u.ctx, year, fund)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.reload()
	s.u.notify(fmt.Sprintf("已发布%d年度考核结果（%d个县区）：下次向各县区导出同步文件时一并发送", year, len(r.Rows)))
}
