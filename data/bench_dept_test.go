package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"wugeyi/app"
)

// BenchmarkNoticeDepartmentsCity9 computes a year's progress notice with
// its figures per department (app.DeptFigures over every office's
// problems registered in the year) at a city holding the nine counties'
// ten years of records. The target (issue 20) is under 1 s.
func BenchmarkNoticeDepartmentsCity9(b *testing.B) {
	buildNine(b)
	ctx := context.Background()
	city := emptyCity(b)
	importNine(b, city, false)
	svc := &app.Service{Store: city, Operator: "市工信局", Now: func() time.Time { return now }}
	p, err := app.ParsePeriod(fmt.Sprint(today.Year() - 1))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		n, err := svc.Notice(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		offices := map[string]bool{}
		for _, f := range n.Depts {
			offices[f.Office] = true
		}
		if len(offices) != 9 {
			b.Fatalf("departments of %d offices in the notice, want the nine counties'", len(offices))
		}
	}
}

// BenchmarkServiceDashboard is the 工作台 of the bench database's county
// as the window reads it: the store's lists, the meetings, the loans and
// the figures per department over every problem.
func BenchmarkServiceDashboard(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	at := time.Date(benchToday.Year(), benchToday.Month(), benchToday.Day(), 10, 0, 0, 0, time.Local)
	svc := &app.Service{Store: db, Operator: "测试", Now: func() time.Time { return at }}
	var d app.Dashboard
	for b.Loop() {
		var err error
		if d, err = svc.Dashboard(ctx, ""); err != nil {
			b.Fatal(err)
		}
	}
	if len(d.Depts) == 0 {
		b.Fatal("no figures per department")
	}
	b.ReportMetric(float64(len(d.Depts)), "depts")
}
