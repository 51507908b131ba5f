package data_test

import (
	"context"
	"testing"
	"time"

	"wugeyi/app"
)

// BenchmarkSearch searches everything at a city holding the nine counties'
// ten years of records (see buildNine), as the search box does: a
// two-character word found in many records, a rare one, and two words.
func BenchmarkSearch(b *testing.B) {
	buildNine(b)
	ctx := context.Background()
	city := emptyCity(b)
	importNine(b, city, false)
	svc := &app.Service{Store: city, Operator: "市工信局", Now: func() time.Time { return now }}
	for _, q := range []string{"用地", "焊工", "用工", "用地 融资", "Abc"} {
		b.Run(q, func(b *testing.B) {
			r, err := svc.Search(ctx, q, 20)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: %d records found in %d kinds", q, r.Count(), len(r.Groups))
			for b.Loop() {
				if _, err := svc.Search(ctx, q, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
