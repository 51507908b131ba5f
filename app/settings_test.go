package app_test

import (
	"reflect"
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
		{"due soon 0", func(s *app.Settings) { s.DueSoonDays = 0 }, "DueSoonDays"},
		{"due soon 61", func(s *app.Settings) { s.DueSoonDays = 61 }, "DueSoonDays"},
		{"due soon 60", func(s *app.Settings) { s.DueSoonDays = 60 }, ""},
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
