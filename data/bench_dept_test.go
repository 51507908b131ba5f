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
