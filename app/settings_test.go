package app_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"wugeyi/app"
)

func TestDefaultSettings(t *testing.T) {
	s := app.DefaultSettings()
	if err := s.Validate(); err != nil {
		t.Fatalf("default settings refused: %v", err)
	}
	want := app.Settings{AssignWithinDays: 3, DeadlineDays: 15, MaxDeadlineDays: 30, VisitIntervalMonths: 3, DueSoonDays: 7,
		FundSize: 100_000_000, LoanTermDays: 15, LoanMaxDays: 30, LoanUsesPerYear: 2, AttachMaxMB: 20, ShrinkAboveMB: 2}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("DefaultSettings() = %+v, want %+v", s, want)
	}
	if r := s.Rules(); r.DefaultDays != 15 || r.MaxDays != 30 {
		t.Errorf("Rules() = %+v", r)
	}
	if got := s.VisitPeriodName(); got != "本季度" {
		t.Errorf("VisitPeriodName() = %q, want 本季度", got)
	}
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(s *app.Settings)
		field string // "" when the settings are valid
	}{
		{"assign 1 day", func(s *app.Settings) { s.AssignWithinDays = 1 }, ""},
		{"assign 30 days", func(s *app.Settings) { s.AssignWithinDays = 30 }, ""},
		{"assign 0 days", func(s *app.Settings) { s.AssignWithinDays = 0 }, "AssignWithinDays"},
		{"assign 31 days", func(s *app.Settings) { s.AssignWithinDays = 31 }, "AssignWithinDays"},
		{"deadline 0", func(s *app.Settings) { s.DeadlineDays = 0 }, "DeadlineDays"},
		{"deadline negative", func(s *app.Settings) { s.DeadlineDays = -5 }, "DeadlineDays"},
		{"deadline 366", func(s *app.Settings) { s.DeadlineDays, s.MaxDeadlineDays = 366, 366 }, "DeadlineDays"},
		{"max equal to default", func(s *app.Settings) { s.MaxDeadlineDays = 15 }, ""},
		{"max below default", func(s *app.Settings) { s.MaxDeadlineDays = 14 }, "MaxDeadlineDays"},
		{"max 366", func(s *app.Settings) { s.MaxDeadlineDays = 366 }, "MaxDeadlineDays"},
		{"visit every month", func(s *app.Settings) { s.VisitIntervalMonths = 1 }, ""},
		{"visit every year", func(s *app.Settings) { s.VisitIntervalMonths = 12 }, ""},
		{"visit interval 0", func(s *app.Settings) { s.VisitIntervalMonths = 0 }, "VisitIntervalMonths"},
		{"visit interval 5", func(s *app.Settings) { s.VisitIntervalMonths = 5 }, "VisitIntervalMonths"},
		{"visit interval 24", func(s *app.Settings) { s.VisitIntervalMonths = 24 }, "VisitIntervalMonths"},
		{"phone calls counted", func(s *app.Settings) { s.VisitModesCounted = []string{"电话", "会议"} }, ""},
		{"unknown mode counted", func(s *app.Settings) { s.VisitModesCounted = []string{"微信"} }, "VisitModesCounted"},
		{"due soon 0", func(s *app.Settings) { s.DueSoonDays = 0 }, "DueSoonDays"},
		{"due soon 61", func(s *app.Settings) { s.DueSoonDays = 61 }, "DueSoonDays"},
		{"due soon 60", func(s *app.Settings) { s.DueSoonDays = 60 }, ""},
		{"issuer set", func(s *app.Settings) { s.IssuerName = "海港区人民政府办公室" }, ""},
		{"issuer 21 characters", func(s *app.Settings) { s.IssuerName = strings.Repeat("局", 21) }, "IssuerName"},
		{"issuer on two lines", func(s *app.Settings) { s.IssuerShort = "海港区\n政府" }, "IssuerShort"},
		{"copied to many", func(s *app.Settings) { s.CopyTo = strings.Repeat("区发改局，", 41) }, "CopyTo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := app.DefaultSettings()
			tc.mod(&s)
			err := s.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate(%+v) = %v, want nil", s, err)
				}
				return
			}
			checkRefusal(t, err, tc.field)
		})
	}
}

func TestVisitPeriodName(t *testing.T) {
	tests := []struct {
		months int
		want   string
	}{
		{1, "本月"}, {3, "本季度"}, {6, "本半年"}, {12, "本年度"}, {2, "本周期"}, {4, "本周期"},
	}
	for _, tc := range tests {
		s := app.DefaultSettings()
		s.VisitIntervalMonths = tc.months
		if got := s.VisitPeriodName(); got != tc.want {
			t.Errorf("VisitPeriodName(%d) = %q, want %q", tc.months, got, tc.want)
		}
	}
}

func TestIssuer(t *testing.T) {
	county := app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}
	city := app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}
	s := app.DefaultSettings()
	if got, want := s.Issuer(county), (app.Issuer{Name: "海港区人民政府办公室", Short: "海港区"}); got != want {
		t.Errorf("county default %+v, want %+v", got, want)
	}
	if got, want := s.Issuer(city), (app.Issuer{Name: "秦皇岛市工业和信息化局", Short: "秦皇岛市工业和信息化局"}); got != want {
		t.Errorf("city default %+v, want %+v", got, want)
	}
	s.IssuerName, s.CopyTo = "海港区工业和信息化局", "区委办公室，区人大常委会办公室"
	want := app.Issuer{Name: "海港区工业和信息化局", Short: "海港区", CopyTo: "区委办公室，区人大常委会办公室"}
	if got := s.Issuer(county); got != want {
		t.Errorf("set %+v, want %+v", got, want)
	}
}

// 实地 always counts as a 走访; the setting only adds modes, in the order
// of VisitModes.
func TestCountedModes(t *testing.T) {
	s := app.DefaultSettings()
	if got := s.CountedModes(); !slices.Equal(got, []string{"实地"}) {
		t.Errorf("default CountedModes() = %v", got)
	}
	if s.CountsAsVisit("电话") || s.CountsAsVisit("会议") || !s.CountsAsVisit("实地") {
		t.Error("default: only 实地 counts")
	}
	s.VisitModesCounted = []string{"会议", "电话"}
	if got := s.CountedModes(); !slices.Equal(got, []string{"实地", "电话", "会议"}) {
		t.Errorf("widened CountedModes() = %v", got)
	}
	vs := []app.Visit{{Mode: "电话"}, {Mode: "实地"}, {Mode: "会议"}}
	if got := app.DefaultSettings().CountedVisits(vs); len(got) != 1 || got[0].Mode != "实地" {
		t.Errorf("CountedVisits = %v", got)
	}
}
