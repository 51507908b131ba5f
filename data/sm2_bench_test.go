package data_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

// BenchmarkFormatsCounty10y exports (-all) a county with ten years of demo
// records to the city and the city imports the file into an empty
// database, in sync file format 1 (Ed25519, SHA-256, age) and format 2
// (SM2, SM3, SM4), in the same run: the target is format 2 within 1.5× of
// format 1.
func BenchmarkFormatsCounty10y(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	_, city, err := syncOffice(dir, cityOffice, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer city.Close()
	cityCard, err := cardOf(city)
	if err != nil {
		b.Fatal(err)
	}
	cityKeys, err := city.Keys(ctx)
	if err != nil {
		b.Fatal(err)
	}
	svc, db, err := syncOffice(dir, myOffice, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := demoCounty(svc, db, myOffice, cityCard); err != nil {
		b.Fatal(err)
	}
	myCard, err := cardOf(db)
	if err != nil {
		b.Fatal(err)
	}
	oldCity := cityCard
	oldCity.SM2SignKey, oldCity.SM2EncryptKey = nil, nil
	for _, f := range []struct {
		name   string
		card   app.Card // the city's card as the county registered it
		format int
	}{{"format1", oldCity, syncfile.FormatAge}, {"format2", cityCard, syncfile.FormatSM}} {
		if err := svc.Trust(ctx, f.card, true); err != nil {
			b.Fatal(err)
		}
		var file []byte
		b.Run(f.name+"/export", func(b *testing.B) {
			out := b.TempDir()
			for b.Loop() {
				path, m, err := syncfile.Export(ctx, db, app.Op{Operator: "张三", At: now}, cityOffice, true, out, nil)
				if err != nil || m.Format != f.format {
					b.Fatalf("export: format %d, %v", m.Format, err)
				}
				if file, err = os.ReadFile(path); err != nil {
					b.Fatal(err)
				}
				if err := os.Remove(path); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(file))/(1<<20), "MB")
		})
		b.Run(f.name+"/import", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				csvc, cdb, err := syncOffice(b.TempDir(), cityOffice, &cityKeys)
				if err != nil {
					b.Fatal(err)
				}
				if err := csvc.Trust(ctx, myCard, false); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				r, err := syncfile.Open(ctx, cdb, bytes.Clone(file))
				if err != nil {
					b.Fatal(err)
				}
				p, err := syncfile.Import(ctx, cdb, app.Op{Operator: "市工信局", At: now}, r, "", nil)
				if err != nil || r.Manifest.Format != f.format || p.Err() != nil {
					b.Fatalf("import: format %d, %v", r.Manifest.Format, err)
				}
				b.StopTimer()
				cdb.Close()
				b.StartTimer()
			}
		})
	}
}
