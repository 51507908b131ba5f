package data_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/app/syncfile"
	"wugeyi/data"
)

// The speed targets of the sync files (issue 4): a county with ten years
// of demo records exports in under 1 s; the city imports nine such files
// (about 300,000 records) in under 10 s and the same nine again in under
// 1 s, and the import stays within 3× of a plain bulk insert of the same
// rows.

// syncYears is how many years of demo records each county has.
const syncYears = 10

// syncCounties are the nine offices that send their files to the city.
var syncCounties = []string{"130302", "130303", "130304", "130306", "130321", "130322", "130324", "130371", "130372"}

// nine holds the nine county files to the city, built once per run: ten
// years of demo records in each county's own database, exported with
// -all. The county databases are gone once the files are made; the files
// stay in memory.
var nine struct {
	once    sync.Once
	files   [][]byte
	names   []string
	cards   []app.Card     // the counties' cards, as the city registers them
	keys    app.OfficeKeys // the city's keys: every file is encrypted to them
	rows    []app.Change   // every record of the nine files, for the bulk insert
	counts  []map[app.Table]int
	records int
	err     error
}

// fixedKeys makes a service's MakeKeys give keys, so that several
// databases of one office can open the same files.
func fixedKeys(keys app.OfficeKeys) func(app.Office, time.Time) (app.OfficeKeys, error) {
	return func(app.Office, time.Time) (app.OfficeKeys, error) { return keys, nil }
}

func newKeys(o app.Office, at time.Time) (app.OfficeKeys, error) {
	k, _, err := syncfile.NewKeys(o, at)
	return k, err
}

// syncOffice opens a new database for office code in dir, set up with a
// ticking clock and keys (new ones when keys is nil).
func syncOffice(dir, code string, keys *app.OfficeKeys) (*app.Service, *data.DB, error) {
	o, ok := app.LookupOffice(code)
	if !ok {
		return nil, nil, fmt.Errorf("unknown office %s", code)
	}
	db, err := data.Open(filepath.Join(dir, code+".db"))
	if err != nil {
		return nil, nil, err
	}
	svc := &app.Service{Store: db, Operator: "张三", MakeKeys: newKeys}
	if keys != nil {
		svc.MakeKeys = fixedKeys(*keys)
	}
	var tick time.Duration
	svc.Now = func() time.Time { tick += time.Millisecond; return now.Add(tick) }
	if err := svc.SetUp(context.Background(), o.Office); err != nil {
		db.Close()
		return nil, nil, err
	}
	return svc, db, nil
}

// cardOf is the public card of the database's office.
func cardOf(db *data.DB) (app.Card, error) {
	ctx := context.Background()
	o, err := db.Office(ctx)
	if err != nil {
		return app.Card{}, err
	}
	k, err := db.Keys(ctx)
	if err != nil {
		return app.Card{}, err
	}
	return syncfile.CardOf(o, k)
}

// demoCounty fills a county database with syncYears of demo records, the
// seed its office code, and has it trust the city's card.
func demoCounty(svc *app.Service, db *data.DB, code string, city app.Card) error {
	ctx := context.Background()
	var seed int64
	fmt.Sscan(code, &seed)
	if _, err := demo.Fill(ctx, db, app.Op{Operator: "张三", At: now}, demo.Options{Today: today, Years: syncYears, Seed: seed}); err != nil {
		return fmt.Errorf("demo %s: %w", code, err)
	}
	return svc.Trust(ctx, city, false)
}

// buildNine makes the nine county files (see nine).
func buildNine(b *testing.B) {
	b.Helper()
	nine.once.Do(func() {
		start := time.Now()
		var fills []time.Duration // each county's demo.Fill
		dir, err := os.MkdirTemp("", "wugeyi-sync-bench-")
		if err != nil {
			nine.err = err
			return
		}
		defer os.RemoveAll(dir)
		nine.err = func() error {
			_, city, err := syncOffice(dir, cityOffice, nil)
			if err != nil {
				return err
			}
			defer city.Close()
			if nine.keys, err = city.Keys(context.Background()); err != nil {
				return err
			}
			cityCard, err := cardOf(city)
			if err != nil {
				return err
			}
			// The counties fill their databases two at a time.
			n := len(syncCounties)
			nine.files, nine.names, nine.cards = make([][]byte, n), make([]string, n), make([]app.Card, n)
			errs := make([]error, n)
			fills = make([]time.Duration, n)
			var wg sync.WaitGroup
			sem := make(chan struct{}, 2)
			for i, code := range syncCounties {
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					errs[i] = func() error {
						svc, db, err := syncOffice(dir, code, nil)
						if err != nil {
							return err
						}
						defer db.Close()
						t0 := time.Now()
						if err := demoCounty(svc, db, code, cityCard); err != nil {
							return err
						}
						fills[i] = time.Since(t0)
						if nine.cards[i], err = cardOf(db); err != nil {
							return err
						}
						out := filepath.Join(dir, "files-"+code)
						if err := os.Mkdir(out, 0o755); err != nil {
							return err
						}
						path, _, err := syncfile.Export(context.Background(), db, app.Op{Operator: "张三", At: now}, cityOffice, true, out, nil)
						if err != nil {
							return err
						}
						nine.names[i] = filepath.Base(path)
						nine.files[i], err = os.ReadFile(path)
						return err
					}()
				}()
			}
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				return err
			}
			for i := range nine.files {
				f, err := syncfile.Read(nine.files[i], cityOf(), nine.keys, cardLookup(nine.cards))
				if err != nil {
					return fmt.Errorf("read the file of %s: %w", syncCounties[i], err)
				}
				nine.rows = append(nine.rows, f.Changes...)
				nine.counts = append(nine.counts, f.Manifest.Counts)
			}
			nine.records = len(nine.rows)
			return nil
		}()
		size := 0
		for _, f := range nine.files {
			size += len(f)
		}
		if nine.err == nil && size == 0 {
			nine.err = errors.New("no files")
		}
		var fill time.Duration
		for _, d := range fills {
			fill += d
		}
		fmt.Fprintf(os.Stderr, "nine county files of %d years (%d records, %.1f MB) built in %v (demo.Fill %v in all, two at a time)\n",
			syncYears, nine.records, float64(size)/(1<<20), time.Since(start).Round(time.Millisecond), fill.Round(time.Millisecond))
	})
	if nine.err != nil {
		b.Fatalf("build the nine county files: %v", nine.err)
	}
}

func cityOf() app.Office {
	o, _ := app.LookupOffice(cityOffice)
	return o.Office
}

// cardLookup finds an office's card among cards, as Read asks for it.
func cardLookup(cards []app.Card) func(string) (app.Card, error) {
	return func(office string) (app.Card, error) {
		for _, c := range cards {
			if c.Office == office {
				return c, nil
			}
		}
		return app.Card{}, app.ErrNotFound
	}
}

// emptyCity opens a new city database with the city's keys that trusts
// the nine counties.
func emptyCity(b *testing.B) *data.DB {
	b.Helper()
	svc, db, err := syncOffice(b.TempDir(), cityOffice, &nine.keys)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for _, c := range nine.cards {
		if err := svc.Trust(context.Background(), c, false); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// importNine opens (checks the hash, decrypts, verifies) and imports the
// nine files into city, as the city bureau does; wantDuplicate says Open
// should refuse each as imported before.
func importNine(b *testing.B, city *data.DB, wantDuplicate bool) {
	b.Helper()
	ctx := context.Background()
	for i, raw := range nine.files {
		f, err := syncfile.Open(ctx, city, raw)
		if wantDuplicate {
			var se *syncfile.Error
			if f != nil || !errors.As(err, &se) || se.Code != syncfile.ErrDuplicate {
				b.Fatalf("the file of %s again: %v", syncCounties[i], err)
			}
			continue
		}
		if err != nil {
			b.Fatalf("read the file of %s: %v", syncCounties[i], err)
		}
		f.Name = nine.names[i]
		p, err := syncfile.Import(ctx, city, app.Op{Operator: "市工信局", At: now}, f, "", nil)
		if err != nil {
			b.Fatalf("import the file of %s: %v", syncCounties[i], err)
		}
		for t, n := range nine.counts[i] {
			if c := p.Counts[t]; c.New != n || c.Refused != 0 {
				b.Fatalf("the file of %s: %s %+v, want %d new", syncCounties[i], t, c, n)
			}
		}
	}
}

// BenchmarkExportCounty10y exports (-all) a county with ten years of demo
// records: target under 1 s.
func BenchmarkExportCounty10y(b *testing.B) {
	start := time.Now()
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
	svc, db, err := syncOffice(dir, myOffice, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := demoCounty(svc, db, myOffice, cityCard); err != nil {
		b.Fatal(err)
	}
	b.Logf("county of %d years built in %v", syncYears, time.Since(start).Round(time.Millisecond))
	out := b.TempDir()
	var records int
	var size int64
	for b.Loop() {
		path, m, err := syncfile.Export(context.Background(), db, app.Op{Operator: "张三", At: now}, cityOffice, true, out, nil)
		if err != nil {
			b.Fatal(err)
		}
		records = 0
		for _, n := range m.Counts {
			records += n
		}
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		size = st.Size()
		if err := os.Remove(path); err != nil {
			b.Fatal(err)
		}
	}
	if records < 10_000 {
		b.Fatalf("the export carried %d records", records)
	}
	b.ReportMetric(float64(records), "records")
	b.ReportMetric(float64(size)/(1<<20), "MB")
}

// BenchmarkImportCity9 reads and imports the nine county files into an
// empty city database: target under 10 s for about 300,000 records.
func BenchmarkImportCity9(b *testing.B) {
	buildNine(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		city := emptyCity(b)
		b.StartTimer()
		importNine(b, city, false)
		b.StopTimer()
		st, err := city.Stats(ctx, today)
		if err != nil {
			b.Fatal(err)
		}
		if st.Enterprises == 0 || st.Problems == 0 || st.Visits == 0 {
			b.Fatalf("the city has %+v", st)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(nine.records), "records")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nine.records), "ns/record")
}

// BenchmarkReimportCity9 reads the same nine files again into the city that
// has them: each is reported as imported before, nothing changes. Target
// under 1 s.
func BenchmarkReimportCity9(b *testing.B) {
	buildNine(b)
	ctx := context.Background()
	city := emptyCity(b)
	importNine(b, city, false)
	before, err := city.Stats(ctx, today)
	if err != nil {
		b.Fatal(err)
	}
	logLen := func() int {
		log, err := city.SyncLog(ctx, "", 0)
		if err != nil {
			b.Fatal(err)
		}
		return len(log)
	}
	lines := logLen()
	for b.Loop() {
		importNine(b, city, true)
	}
	if after, err := city.Stats(ctx, today); err != nil || after != before || logLen() != lines {
		b.Fatalf("the second import changed the city: %+v, was %+v (%v)", after, before, err)
	}
	b.ReportMetric(float64(nine.records), "records")
}

// BenchmarkBulkInsertCity9 writes the rows of the nine files into an empty
// city database with data.BulkInsert (plain INSERTs in one transaction):
// what the import is compared with (within 3×).
func BenchmarkBulkInsertCity9(b *testing.B) {
	buildNine(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		city := emptyCity(b)
		b.StartTimer()
		if err := data.BulkInsert(city, nine.rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(nine.records), "records")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nine.records), "ns/record")
}

// BenchmarkNoticeCity9 computes a quarter's progress notice and the year's
// monthly trend at a city holding the nine counties' ten years of records,
// as the 进展通报 screen does.
func BenchmarkNoticeCity9(b *testing.B) {
	buildNine(b)
	ctx := context.Background()
	city := emptyCity(b)
	importNine(b, city, false)
	svc := &app.Service{Store: city, Operator: "市工信局", Now: func() time.Time { return now }}
	p, err := app.ParsePeriod(fmt.Sprintf("%dQ1", today.Year()))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		n, err := svc.Notice(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		if n.Rows[0].Visits == 0 {
			b.Fatalf("no visits in %+v", n.Rows[0])
		}
		if _, err := svc.Trend(ctx, p.Year, n.End); err != nil {
			b.Fatal(err)
		}
	}
}
