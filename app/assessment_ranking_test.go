package app_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// handIndicators are the names of the default scheme's indicators scored
// by hand.
func handIndicators(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, ind := range app.DefaultIndicators() {
		if ind.Code == "" {
			out = append(out, ind.Name)
		}
	}
	if len(out) == 0 {
		t.Fatal("the default scheme has no indicator scored by hand")
	}
	return out
}

// logImport records a successful import from office into st.
func logImport(t *testing.T, st *datatest.Store, office string, at time.Time) {
	t.Helper()
	err := st.Update(context.Background(), app.Op{Operator: "导入", At: at}, func(tx app.Tx) error {
		return tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: office + ".wgy", Hash: "h" + office, Peer: office, At: at, Outcome: app.SyncOK})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The city's ranking of 2025: an office that never sent a file is left
// out; each office's total is its record scores (as Assessment gives them)
// plus its hand scores; ranks follow the totals; the shares add up to the
// fund; it publishes only once complete, after the year, and then is
// locked.
func TestRanking(t *testing.T) {
	ctx := context.Background()
	svc, city := noticeCity(t, app.D(2026, 11, 20))
	const year = 2025
	fund := app.Yuan(5_000_000)

	r, err := svc.Ranking(ctx, year, fund)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(r.Absent, "130303") || len(r.Rows) != 1 || r.Rows[0].Office != "130302" {
		t.Fatalf("before 山海关区's first file: rows %d, absent %v; want 海港区 only, 山海关区 absent", len(r.Rows), r.Absent)
	}
	logImport(t, city, "130303", svc.Now())

	hands := handIndicators(t)
	r, err = svc.Ranking(ctx, year, fund)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 2 || r.Missing() != 2*len(hands) {
		t.Fatalf("rows %d, missing %d; want 2 rows and %d hand scores missing", len(r.Rows), r.Missing(), 2*len(hands))
	}
	if _, err := svc.PublishRanking(ctx, year, fund); app.FieldMsg(err, "Score") == "" || !strings.Contains(err.Error(), "人工评分未填写") {
		t.Errorf("publish with hand scores missing: %v, want refused", err)
	}

	given := map[string][]float64{"130302": {8, 9.5}, "130303": {6, 7}}
	for office, scores := range given {
		for i, name := range hands {
			if err := svc.SetHandScores(ctx, year, []app.HandScore{{Office: office, Indicator: name, Score: scores[i%len(scores)]}}); err != nil {
				t.Fatalf("hand score %s %s: %v", office, name, err)
			}
		}
	}
	clerk := *svc
	clerk.Operator = "李四"
	if err := clerk.SetHandScores(ctx, year, []app.HandScore{{Office: "130303", Indicator: hands[0], Score: 5}}); err != nil { // corrected by another
		t.Fatal(err)
	}

	r, err = svc.Ranking(ctx, year, fund)
	if err != nil {
		t.Fatal(err)
	}
	if r.Missing() != 0 {
		t.Fatalf("missing %d after every hand score", r.Missing())
	}
	var sum app.Yuan
	for _, a := range r.Rows {
		fromRecords, err := svc.Assessment(ctx, a.Office, year)
		if err != nil {
			t.Fatal(err)
		}
		want := fromRecords.Total
		for i, row := range a.Rows {
			if row.Code != "" {
				if row.Score != fromRecords.Rows[i].Score || row.By != "" {
					t.Errorf("%s %s: %v by %q, want %v from the records", a.Office, row.Name, row.Score, row.By, fromRecords.Rows[i].Score)
				}
				continue
			}
			wantScore, wantBy := handScoreOf(t, hands, given[a.Office], row.Name), "市工信局"
			if a.Office == "130303" && row.Name == hands[0] {
				wantScore, wantBy = 5, "李四"
			}
			if !row.Scored || row.Score != wantScore || row.By != wantBy {
				t.Errorf("%s %s: %v (scored %t) by %q, want %v by %q", a.Office, row.Name, row.Score, row.Scored, row.By, wantScore, wantBy)
			}
			want += wantScore
		}
		if math.Abs(a.Total-want) > 0.051 {
			t.Errorf("%s total %v, want %v", a.Office, a.Total, want)
		}
		if a.Grade != app.GradeOf(a.Total) || a.Of != 2 || a.Fund != fund {
			t.Errorf("%s: grade %s of %v, of %d, fund %v", a.Office, a.Grade, a.Total, a.Of, a.Fund)
		}
		sum += a.Share
	}
	if sum != fund {
		t.Errorf("shares add up to %v, want the fund %v", sum, fund)
	}
	best, other := r.Ranked()[0], r.Ranked()[1]
	if best.Total < other.Total || best.Rank != 1 || (other.Rank == 1) != (other.Total == best.Total) || best.Share < other.Share {
		t.Errorf("ranked %s %v #%d %v, %s %v #%d %v", best.Office, best.Total, best.Rank, best.Share, other.Office, other.Total, other.Rank, other.Share)
	}

	if _, err := svc.PublishRanking(ctx, 2026, fund); app.FieldMsg(err, "Year") == "" {
		t.Errorf("publishing the year still running: %v, want refused", err)
	}
	pub, err := svc.PublishRanking(ctx, year, fund)
	if err != nil {
		t.Fatal(err)
	}
	if pub.Published != svc.Today() {
		t.Errorf("published on %v, want today", pub.Published)
	}
	for _, o := range pub.Rows {
		st, err := svc.AssessmentStamp(ctx, o.Office, year)
		if err != nil || st.Published != pub.Published || st.Sealer != "秦皇岛市工业和信息化局" {
			t.Errorf("stamp of %s: %+v, %v; want the city's default name and the publish day", o.Office, st, err)
		}
	}
	stored, err := city.PublishedAssessments(ctx)
	if err != nil || len(stored) != 2 {
		t.Fatalf("stored %d published assessments, %v; want 2", len(stored), err)
	}

	// Locked: no hand score, no second publishing; later changes to the
	// scheme or the fund do not touch the published ranking.
	if err := svc.SetHandScores(ctx, year, []app.HandScore{{Office: "130302", Indicator: hands[0], Score: 1}}); err == nil || !strings.Contains(err.Error(), "锁定") {
		t.Errorf("hand score after publishing: %v, want locked", err)
	}
	if _, err := svc.PublishRanking(ctx, year, fund); err == nil || !strings.Contains(err.Error(), "锁定") {
		t.Errorf("publishing again: %v, want locked", err)
	}
	scheme := app.DefaultIndicators()
	scheme[0].Weight, scheme[1].Weight = 5, 20
	st := app.DefaultSettings()
	st.Indicators = scheme
	if err := svc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	again, err := svc.Ranking(ctx, year, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Rows, r.Rows) || again.Fund != fund || again.Published != pub.Published {
		t.Errorf("the published ranking changed after the scheme did:\n%+v\nwant\n%+v", again.Rows, r.Rows)
	}
	// A year not published follows the new scheme.
	next, err := svc.Ranking(ctx, 2026, fund)
	if err != nil {
		t.Fatal(err)
	}
	if w := next.Rows[0].Rows[0].Weight; w != 5 {
		t.Errorf("2026 ranking's first weight %v, want the new scheme's 5", w)
	}
}

// handScoreOf is the score given for the hand indicator name: scores
// taken in turn over hands.
func handScoreOf(t *testing.T, hands []string, scores []float64, name string) float64 {
	t.Helper()
	for i, h := range hands {
		if h == name {
			return scores[i%len(scores)]
		}
	}
	t.Fatalf("%s is not scored by hand", name)
	return 0
}

// A hand score is refused for an indicator scored from the records, one
// not in the scheme, a score out of range, and at a county.
func TestSetHandScoreRefusals(t *testing.T) {
	ctx := context.Background()
	svc, _ := noticeCity(t, app.D(2026, 11, 20))
	hand := handIndicators(t)[0]
	for _, c := range []struct {
		name, ind string
		score     float64
		field     string
	}{
		{"computed", "问题办结率", 10, "Indicator"},
		{"unknown", "招商引资", 5, "Indicator"},
		{"negative", hand, -1, "Score"},
		{"above full marks", hand, 10.5, "Score"},
		{"not a number", hand, math.NaN(), "Score"},
	} {
		if err := svc.SetHandScores(ctx, 2025, []app.HandScore{{Office: "130302", Indicator: c.ind, Score: c.score}}); app.FieldMsg(err, c.field) == "" {
			t.Errorf("%s: %v, want a message on %s", c.name, err, c.field)
		}
	}
	// One wrong score among good ones: none is saved.
	err := svc.SetHandScores(ctx, 2025, []app.HandScore{{Office: "130302", Indicator: hand, Score: 5},
		{Office: "130303", Indicator: hand, Score: 50}, {Office: "130399", Indicator: hand, Score: 5}})
	if app.FieldMsg(err, "Score") == "" || app.FieldMsg(err, "Office") == "" {
		t.Errorf("a batch with a wrong score and an unknown office: %v", err)
	}
	if hs, err := svc.HandScores(ctx, 2025); err != nil || len(hs) != 0 {
		t.Errorf("hand scores after refusals: %v, %v", hs, err)
	}

	county := datatest.NewSetUp(t, app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty})
	c := &app.Service{Store: county, Operator: "张三", Now: svc.Now}
	if err := c.SetHandScores(ctx, 2025, []app.HandScore{{Office: "130302", Indicator: hand, Score: 5}}); err == nil {
		t.Error("a county entered a hand score")
	}
}

func TestShares(t *testing.T) {
	for _, c := range []struct {
		name   string
		totals []float64
		fund   app.Yuan
		want   []app.Yuan
	}{
		{"even", []float64{50, 50}, 100, []app.Yuan{50, 50}},
		{"proportional", []float64{90, 60, 30}, 1_800_000, []app.Yuan{900_000, 600_000, 300_000}},
		{"remainder to the largest fraction", []float64{1, 1, 1}, 100, []app.Yuan{34, 33, 33}},
		{"remainders by size", []float64{70, 20, 10}, 7, []app.Yuan{5, 1, 1}},
		{"zero total gets nothing", []float64{80, 0}, 1000, []app.Yuan{1000, 0}},
		{"no totals", []float64{0, 0}, 1000, []app.Yuan{0, 0}},
		{"no fund", []float64{80, 70}, 0, []app.Yuan{0, 0}},
		{"none", nil, 1000, []app.Yuan{}},
	} {
		got := app.Shares(c.totals, c.fund)
		if len(got) != len(c.want) || (len(got) > 0 && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// Awkward totals and a fund of 1亿元: the shares still add up exactly.
	totals := []float64{91.3, 88.7, 77.1, 64.9, 93.4, 70.2, 85.5, 59.9, 81.6}
	var sum app.Yuan
	for _, s := range app.Shares(totals, 100_000_000) {
		sum += s
	}
	if sum != 100_000_000 {
		t.Errorf("shares of 1亿元 add up to %d", sum)
	}
}

func TestGradeOf(t *testing.T) {
	for total, want := range map[float64]string{100: "优秀", 90: "优秀", 89.9: "良好", 80: "良好", 60: "合格", 59.9: "不合格", 0: "不合格"} {
		if got := app.GradeOf(total); got != want {
			t.Errorf("GradeOf(%v) = %s, want %s", total, got, want)
		}
	}
}

func TestValidateScheme(t *testing.T) {
	edit := func(f func([]app.Indicator) []app.Indicator) []app.Indicator { return f(app.DefaultIndicators()) }
	for _, c := range []struct {
		name   string
		scheme []app.Indicator
		msg    string // in the error; "" when valid
	}{
		{"default", app.DefaultIndicators(), ""},
		{"empty", nil, "至少要有一项"},
		{"not 100", edit(func(s []app.Indicator) []app.Indicator { s[0].Weight = 12; return s }), "合计102分，应为100分"},
		{"zero weight", edit(func(s []app.Indicator) []app.Indicator { s[7].Weight, s[6].Weight = 0, 20; return s }), "分值应大于零"},
		{"duplicate name", edit(func(s []app.Indicator) []app.Indicator { s[1].Name = s[0].Name; return s }), "重名"},
		{"rule used twice", edit(func(s []app.Indicator) []app.Indicator { s[1].Code = s[0].Code; return s }), "已被前面的指标使用"},
		{"unknown rule", edit(func(s []app.Indicator) []app.Indicator { s[1].Code = "nonsense"; return s }), "无法识别"},
		{"no rule text", edit(func(s []app.Indicator) []app.Indicator { s[2].Rule = " "; return s }), "缺少评分标准"},
		{"no group", edit(func(s []app.Indicator) []app.Indicator { s[2].Group = ""; return s }), "缺少考核项目"},
	} {
		err := app.ValidateScheme(c.scheme)
		var inv app.Invalid
		switch {
		case c.msg == "" && err != nil:
			t.Errorf("%s: %v, want valid", c.name, err)
		case c.msg != "" && (!errors.As(err, &inv) || !strings.Contains(err.Error(), c.msg)):
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
	st := app.DefaultSettings()
	st.Indicators = app.DefaultIndicators()[:3]
	if app.FieldMsg(st.Validate(), "Indicators") == "" {
		t.Error("settings with a scheme of 40 points validated")
	}
}
