package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// logImportFrom records a successful import of a file from office.
func logImportFrom(t *testing.T, st *datatest.Store, office string) {
	t.Helper()
	err := st.Update(context.Background(), app.Op{Operator: "导入", At: time.Now()}, func(tx app.Tx) error {
		return tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: "f.wgy", Hash: "h-" + office, Peer: office, At: time.Now(), Outcome: app.SyncOK})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The city's 考核评估: a county that sent a file is ranked, one that sent
// none is listed as absent; hand scores are typed in below the ranking (a
// wrong one saves none); the fund is shared out; a scheme that does not
// add up to 100 is refused; publishing locks the year; the form prints.
func TestAssessScreen(t *testing.T) {
	city, st := newTestUIOf(t, cityOffice)
	opened := printInto(t, city)
	p := app.Problem{Meta: received("00000000-0000-4000-8000-000000000001", "130303"), Number: "山海关-2025-0001",
		Source: "企业反映", Category: "用地", Description: "用地指标不足", Registered: app.D(2025, 10, 12), Status: app.StatusRegistered}
	putReceived(t, st, app.TableProblems, p.Meta, p)
	logImportFrom(t, st, "130303")
	s := city.assess
	if s == nil || city.assessed != nil {
		t.Fatal("the city has no 考核评估, or has a county's 考核结果")
	}
	city.selectTab(s)
	if s.year.Selected != "2025" || len(s.ranked) != 1 || s.ranked[0].Office != "130303" || len(s.cur.Absent) != 8 {
		t.Fatalf("year %s: ranked %d, absent %v", s.year.Selected, len(s.ranked), s.cur.Absent)
	}
	if !strings.Contains(s.note.Text, "还有2项人工评分未填写") || !strings.Contains(s.note.Text, "海港区") {
		t.Errorf("the note reads %q", s.note.Text)
	}
	if got, _ := s.rankCell(0, 7); got != "缺2项人工评分" {
		t.Errorf("the state reads %q", got)
	}

	s.ranking.pick(0)
	if len(s.scores) != 2 || !strings.Contains(s.title.Text, "山海关区") {
		t.Fatalf("%d hand score entries, title %q", len(s.scores), s.title.Text)
	}
	var names []string
	for _, r := range s.shown().Rows {
		if r.Code == "" {
			names = append(names, r.Name)
		}
	}
	s.scores[names[0]].SetText("8")
	s.scores[names[1]].SetText("八分")
	tapButton(t, s.root, "保存人工评分")
	if hs, _ := st.HandScores(city.ctx, 2025); len(hs) != 0 {
		t.Errorf("saved %+v with one score unreadable", hs)
	}
	s.scores[names[1]].SetText("9.5")
	tapButton(t, s.root, "保存人工评分")
	hs, err := st.HandScores(city.ctx, 2025)
	if err != nil || len(hs) != 2 || hs[0].By != "测试员" {
		t.Fatalf("hand scores %+v (%v)", hs, err)
	}
	s.fund.SetText("1000")
	s.reload()
	a := s.shown()
	if a.Missing() != 0 || a.Share != 10_000_000 || a.Rank != 1 {
		t.Errorf("after the scores: missing %d, share %v, rank %d", a.Missing(), a.Share, a.Rank)
	}
	if got, _ := s.rankCell(0, 6); got != "1000万元" {
		t.Errorf("the share reads %q", got)
	}

	tapButton(t, s.root, "考核指标")
	if s.scheme == nil || len(s.scheme.lines.rows) != len(app.DefaultIndicators()) {
		t.Fatal("the scheme editor did not open with the scheme")
	}
	weights := findAll[*widget.Entry](s.scheme.lines.rows[0].obj)
	for _, e := range weights {
		if e.Text == "10" {
			e.SetText("12")
		}
	}
	if err := s.scheme.save(); err == nil || !strings.Contains(err.Error(), "应为100分") {
		t.Errorf("a scheme of 102 points: %v", err)
	}
	if set, _ := st.Settings(city.ctx); len(set.Indicators) != 0 {
		t.Errorf("the refused scheme was saved: %+v", set.Indicators)
	}

	s.publishNow(2025, 10_000_000)
	if s.cur.Published.IsZero() || !strings.Contains(s.note.Text, "锁定") {
		t.Fatalf("after publishing: %q", s.note.Text)
	}
	for _, b := range findAll[*widget.Button](s.root) {
		if (b.Text == "保存人工评分" || b.Text == "发布考核结果") && !b.Disabled() {
			t.Errorf("%q is still enabled after publishing", b.Text)
		}
	}
	s.show("130303")
	for _, e := range s.scores {
		if !e.Disabled() {
			t.Error("a hand score can still be typed in after publishing")
		}
	}
	tapButton(t, s.root, "打印考核表")
	wantPDF(t, city, *opened, "山海关区2025年度考核评估表")
}

// A county's 考核结果 lists its own published assessments only, read-only,
// and prints them.
func TestAssessedAtCounty(t *testing.T) {
	county, st := newTestUI(t)
	opened := printInto(t, county)
	s := county.assessed
	if s == nil || county.assess != nil {
		t.Fatal("the county has no 考核结果, or has the city's 考核评估")
	}
	county.selectTab(s)
	if !strings.Contains(s.note.Text, "尚未收到") {
		t.Errorf("before any assessment: %q", s.note.Text)
	}
	for i, office := range []string{"130302", "130303"} {
		a := app.BlankAssessment(office, 2025, app.DefaultIndicators())
		for j := range a.Rows {
			a.Rows[j].Score, a.Rows[j].Scored = a.Rows[j].Weight, true
		}
		a.Total, a.Rank, a.Of, a.Grade, a.Fund, a.Share = 100, 1, 2, "优秀", 2_000_000, 1_000_000
		pub := app.PublishedAssessment{Meta: received("00000000-0000-4000-8000-00000000000"+string(rune('1'+i)), app.CityCode),
			Result: a, Published: app.D(2026, 1, 10)}
		putReceived(t, st, app.TableAssessments, pub.Meta, pub)
	}
	s.reload()
	if len(s.choice.Options) != 1 || s.cur.Office != "130302" || len(s.cur.Rows) != len(app.DefaultIndicators()) {
		t.Fatalf("the county shows %v: %+v", s.choice.Options, s.cur)
	}
	if !strings.Contains(s.note.Text, "排名第1") || !strings.Contains(s.note.Text, "100万元") {
		t.Errorf("the note reads %q", s.note.Text)
	}
	if es := findAll[*widget.Entry](s.root); len(es) != 0 {
		t.Errorf("the county's 考核结果 has %d entries", len(es))
	}
	for _, b := range findAll[*widget.Button](s.root) {
		if b.Text != "打印考核表" {
			t.Errorf("the county's 考核结果 has a button %q", b.Text)
		}
	}
	tapButton(t, s.root, "打印考核表")
	wantPDF(t, county, *opened, "海港区2025年度考核评估表")
}
