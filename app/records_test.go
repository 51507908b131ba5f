package app_test

import (
	"strings"
	"testing"
	"time"

	"wugeyi/app"
)

// checkRefusal fails unless err holds a Chinese message for field.
func checkRefusal(t *testing.T, err error, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted, want a refusal on %s", field)
	}
	msg := app.FieldMsg(err, field)
	if msg == "" {
		t.Fatalf("no message for field %s in %v", field, err)
	}
	if !hasHan(msg) {
		t.Errorf("message for %s is not Chinese: %q", field, msg)
	}
}

func validEnterprise() app.Enterprise {
	return app.Enterprise{CreditCode: "91440300708461136T", Name: "秦皇岛某某玻璃有限公司", Address: "海港区河北大街"}
}

func TestEnterpriseValidate(t *testing.T) {
	e := validEnterprise()
	if err := e.Validate(); err != nil {
		t.Fatalf("valid enterprise refused: %v", err)
	}
	tests := []struct {
		name  string
		mod   func(e *app.Enterprise)
		field string
	}{
		{"no name", func(e *app.Enterprise) { e.Name = " " }, "Name"},
		{"long name", func(e *app.Enterprise) { e.Name = strings.Repeat("企", 101) }, "Name"},
		{"long address", func(e *app.Enterprise) { e.Address = strings.Repeat("路", 201) }, "Address"},
		{"no credit code", func(e *app.Enterprise) { e.CreditCode = "" }, "CreditCode"},
		{"bad check character", func(e *app.Enterprise) { e.CreditCode = "91440300708461136U" }, "CreditCode"},
		{"short credit code", func(e *app.Enterprise) { e.CreditCode = "9144030070846113" }, "CreditCode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := validEnterprise()
			tc.mod(&e)
			checkRefusal(t, e.Validate(), tc.field)
		})
	}
}

func TestEnterpriseNormalize(t *testing.T) {
	e := app.Enterprise{CreditCode: " ９１４４０３００７０８４６１１３６ｔ ", Name: "  腾讯  ", Phone: " 0335-1234567 "}
	e.Normalize()
	if e.CreditCode != "91440300708461136T" || e.Name != "腾讯" || e.Phone != "0335-1234567" {
		t.Errorf("Normalize = %+v", e)
	}
	if err := e.Validate(); err != nil {
		t.Errorf("normalized enterprise refused: %v", err)
	}
}

func validLeader() app.Leader {
	return app.Leader{Name: "张明", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
}

func TestLeaderValidate(t *testing.T) {
	for _, body := range app.Bodies {
		for _, lv := range []app.Level{app.LevelCity, app.LevelCounty} {
			l := validLeader()
			l.Body, l.Level = body, lv
			if err := l.Validate(); err != nil {
				t.Errorf("leader %s %s refused: %v", lv, body, err)
			}
		}
	}
	tests := []struct {
		name  string
		mod   func(l *app.Leader)
		field string
	}{
		{"no name", func(l *app.Leader) { l.Name = "" }, "Name"},
		{"long name", func(l *app.Leader) { l.Name = strings.Repeat("张", 31) }, "Name"},
		{"no post", func(l *app.Leader) { l.Post = "  " }, "Post"},
		{"no level", func(l *app.Leader) { l.Level = "" }, "Level"},
		{"bad level", func(l *app.Leader) { l.Level = "省级" }, "Level"},
		{"no body", func(l *app.Leader) { l.Body = "" }, "Body"},
		{"bad body", func(l *app.Leader) { l.Body = "法院" }, "Body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := validLeader()
			tc.mod(&l)
			checkRefusal(t, l.Validate(), tc.field)
		})
	}
}

func validAssignment() app.Assignment {
	return app.Assignment{LeaderID: "l-1", EnterpriseID: "e-1", Liaison: "刘洋", From: app.D(2026, time.January, 1)}
}

func TestAssignmentValidate(t *testing.T) {
	a := validAssignment()
	if err := a.Validate(); err != nil {
		t.Fatalf("valid assignment refused: %v", err)
	}
	a.To = a.From
	if err := a.Validate(); err != nil {
		t.Fatalf("one-day assignment refused: %v", err)
	}
	tests := []struct {
		name  string
		mod   func(a *app.Assignment)
		field string
	}{
		{"no leader", func(a *app.Assignment) { a.LeaderID = "" }, "LeaderID"},
		{"no enterprise", func(a *app.Assignment) { a.EnterpriseID = "" }, "EnterpriseID"},
		{"no liaison", func(a *app.Assignment) { a.Liaison = " " }, "Liaison"},
		{"no from", func(a *app.Assignment) { a.From = app.Date{} }, "From"},
		{"to before from", func(a *app.Assignment) { a.To = a.From.AddDays(-1) }, "To"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := validAssignment()
			tc.mod(&a)
			checkRefusal(t, a.Validate(), tc.field)
		})
	}
}

func TestAssignmentActiveOn(t *testing.T) {
	from, to := app.D(2026, time.January, 1), app.D(2026, time.June, 30)
	tests := []struct {
		name string
		to   app.Date
		day  app.Date
		want bool
	}{
		{"before from", to, from.AddDays(-1), false},
		{"on from", to, from, true},
		{"between", to, app.D(2026, time.March, 1), true},
		{"on to", to, to, true},
		{"after to", to, to.AddDays(1), false},
		{"open-ended, years later", app.Date{}, app.D(2030, time.May, 1), true},
		{"open-ended, before from", app.Date{}, from.AddDays(-1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := app.Assignment{From: from, To: tc.to}
			if got := a.ActiveOn(tc.day); got != tc.want {
				t.Errorf("ActiveOn(%v) = %v, want %v", tc.day, got, tc.want)
			}
		})
	}
}

func validVisit() app.Visit {
	return app.Visit{Date: app.D(2026, time.March, 5), LeaderID: "l-1", EnterpriseID: "e-1", Mode: "实地"}
}

func TestVisitValidate(t *testing.T) {
	today := app.D(2026, time.March, 5)
	for _, mode := range app.VisitModes {
		v := validVisit()
		v.Mode = mode
		if err := v.Validate(today); err != nil {
			t.Errorf("visit by %s refused: %v", mode, err)
		}
	}
	tests := []struct {
		name  string
		mod   func(v *app.Visit)
		field string
	}{
		{"no date", func(v *app.Visit) { v.Date = app.Date{} }, "Date"},
		{"tomorrow", func(v *app.Visit) { v.Date = today.AddDays(1) }, "Date"},
		{"no leader", func(v *app.Visit) { v.LeaderID = "" }, "LeaderID"},
		{"no enterprise", func(v *app.Visit) { v.EnterpriseID = "" }, "EnterpriseID"},
		{"no mode", func(v *app.Visit) { v.Mode = "" }, "Mode"},
		{"bad mode", func(v *app.Visit) { v.Mode = "微信" }, "Mode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := validVisit()
			tc.mod(&v)
			checkRefusal(t, v.Validate(today), tc.field)
		})
	}
}

// A form's text loses the characters no field may hold (a NUL pasted from
// another program, a right-to-left override) as it is saved, so a record
// saved here is one the city's import accepts.
func TestNormalizeDropsHiddenCharacters(t *testing.T) {
	e := app.Enterprise{CreditCode: "91130302MA0000001X", Name: " 秦皇岛\x00玻璃\u202e有限公司\x1b ", Address: "海港区\u2066文化路\t1号\xff"}
	e.Normalize()
	if e.Name != "秦皇岛玻璃有限公司" || e.Address != "海港区文化路\t1号" {
		t.Errorf("Normalize kept hidden characters: name %q, address %q", e.Name, e.Address)
	}
}
