package data_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// BenchmarkSearch searches everything at a city holding the nine counties'
// ten years of records (see buildNine), as the search box does: a
// two-character word found in many records, a rare one, two words, Latin
// letters, one character, and an enterprise's name. It logs the size of
// the search index and the time to fill it again from the records (as
// migration 014 does for a database of an earlier version).
func BenchmarkSearch(b *testing.B) {
	buildNine(b)
	ctx := context.Background()
	city := emptyCity(b)
	importNine(b, city, false)
	size, err := data.PageBytes(city, "search%")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := data.RefillSearch(city); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start).Round(time.Millisecond)
	all, err := data.PageBytes(city, "%")
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "search index: %.1f MB of a database of %.1f MB, filled again in %v\n", float64(size)/1e6, float64(all)/1e6, took)
	svc := &app.Service{Store: city, Operator: "市工信局", Now: func() time.Time { return now }}
	es, err := svc.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil || len(es) == 0 {
		b.Fatalf("enterprises: %d, %v", len(es), err)
	}
	for _, q := range []string{"用地", "焊工", "用工", "用地 融资", "Abc", "用", es[0].Name} {
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
