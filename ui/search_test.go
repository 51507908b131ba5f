package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// searchRows are the rows of the search box: headings as their text,
// records as "· id".
func searchRows(s *searchBox) []string {
	var out []string
	for _, o := range s.box.Objects {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *searchRow:
			out = append(out, "· "+o.id)
		}
	}
	return out
}

func TestSearchBox(t *testing.T) {
	u, _ := newTestUI(t)
	ctx := u.ctx
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	leader := app.Leader{Name: "张建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := u.svc.SaveLeader(ctx, &leader); err != nil {
		t.Fatal(err)
	}
	visit := app.Visit{Date: app.D(2026, 11, 20), LeaderID: leader.ID, EnterpriseID: ent.ID, Mode: app.VisitModes[0], Findings: "生产正常，车间焊工短缺"}
	if err := u.svc.SaveVisit(ctx, &visit, nil); err != nil {
		t.Fatal(err)
	}
	p := registerProblem(t, u, ent, "熟练焊工招聘难", app.D(2026, 11, 2), nil)
	meeting := app.Meeting{Kind: app.MeetingOnSite, Format: app.MeetingOnSite.Formats()[0], Date: app.D(2026, 11, 20), Place: "企业会议室", Chair: "李明",
		Minutes: "研究焊工培训事宜"}
	if err := u.svc.SaveMeeting(ctx, &meeting, nil); err != nil {
		t.Fatal(err)
	}
	need := app.FinancingNeed{Date: app.D(2026, 11, 20), EnterpriseID: ent.ID, Amount: 8_000_000, Use: "焊工培训基地建设", Bank: app.Banks[0]}
	if err := u.svc.SaveFinancingNeed(ctx, &need); err != nil {
		t.Fatal(err)
	}

	s := u.showSearch()
	if m := s.d.MinSize(); m.Width > maxContentSize.Width || m.Height > maxContentSize.Height {
		t.Errorf("the search box asks for %v, more than %v", m, maxContentSize)
	}
	test.Type(s.entry, "焊工")
	want := []string{"走访记录（1）", "· " + visit.ID, "问题（1）", "· " + p.ID, "会议（1）", "· " + meeting.ID, "融资需求（1）", "· " + need.ID}
	if got := searchRows(s); !slices.Equal(got, want) {
		t.Fatalf("焊工 shows %q, want %q", got, want)
	}
	if s.summary.Text != "共找到 4 条" {
		t.Errorf("summary %q", s.summary.Text)
	}
	// The word is bold in the snippet.
	for _, o := range s.box.Objects {
		if r, ok := o.(*searchRow); ok {
			bold := false
			for _, seg := range r.text.Segments {
				if ts, ok := seg.(*widget.TextSegment); ok && ts.Text == "焊工" && ts.Style.TextStyle.Bold {
					bold = true
				}
			}
			if !bold {
				t.Errorf("row %s does not mark 焊工: %q", r.id, r.text.String())
			}
		}
	}
	// Two words: both must be in the record.
	s.entry.SetText("焊工 培训")
	if got := searchRows(s); !slices.Equal(got, []string{"会议（1）", "· " + meeting.ID, "融资需求（1）", "· " + need.ID}) {
		t.Errorf("焊工 培训 shows %q", got)
	}
	s.entry.SetText("没有的词")
	if len(s.box.Objects) != 0 || s.summary.Text != "没有找到" {
		t.Errorf("no match shows %q, %q", searchRows(s), s.summary.Text)
	}

	// A click opens the record on its screen and closes the box.
	s.entry.SetText("焊工")
	for _, o := range s.box.Objects {
		if r, ok := o.(*searchRow); ok && r.id == visit.ID {
			test.Tap(r)
		}
	}
	if u.current() != screen(u.visits) || u.visits.cur.ID != visit.ID {
		t.Errorf("the click opened %T, visit %q", u.current(), u.visits.cur.ID)
	}
	if s.d != nil && overlayShown(u) {
		t.Error("the search box stays open")
	}
	s = u.showSearch()
	s.entry.SetText("焊工 培训")
	for _, o := range s.box.Objects {
		if r, ok := o.(*searchRow); ok && r.id == need.ID {
			test.Tap(r)
		}
	}
	if u.current() != screen(u.finance) || u.finance.cur.ID != need.ID {
		t.Errorf("the click opened %T, need %q", u.current(), u.finance.cur.ID)
	}
	s = u.showSearch()
	s.entry.SetText("招聘")
	for _, o := range s.box.Objects {
		if r, ok := o.(*searchRow); ok {
			test.Tap(r)
		}
	}
	if u.current() != screen(u.ledger) || u.ledger.shown() != p.ID {
		t.Errorf("the click opened %T, problem %q", u.current(), u.ledger.shown())
	}
}

// overlayShown tells whether a dialog is on the window.
func overlayShown(u *UI) bool { return u.win.Canvas().Overlays().Top() != nil }

var _ fyne.Tappable = (*searchRow)(nil)
