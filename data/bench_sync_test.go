package data_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// changesDB is a county database whose change log holds 300,000 rows, ten
// years of a busy county, built once per run.
var changesDB struct {
	once sync.Once
	db   *data.DB
	err  error
}

const changeRows = 300_000

func benchChangesDB(b *testing.B) *data.DB {
	b.Helper()
	changesDB.once.Do(func() {
		dir := b.TempDir()
		start := time.Now()
		changesDB.db, changesDB.err = data.Open(filepath.Join(dir, "changes.db"))
		if changesDB.err != nil {
			return
		}
		text := strings.Repeat("企业反映用地指标不足，请协调解决。", 6)
		changesDB.err = data.FillChanges(changesDB.db, myOffice, changeRows, func(t app.Table, id string, v int64) string {
			return fmt.Sprintf(`{"id":%q,"office":%q,"version":%d,"updated_at":"2026-03-16T02:00:00Z","updated_by":"张三","description":%q}`,
				id, myOffice, v, text)
		})
		if changesDB.err == nil {
			changesDB.err = data.Optimize(changesDB.db)
		}
		b.Logf("change log of %d rows built in %v", changeRows, time.Since(start).Round(time.Millisecond))
	})
	if changesDB.err != nil {
		b.Fatal(changesDB.err)
	}
	b.Cleanup(func() {}) // the database lives for the whole run
	return changesDB.db
}

// BenchmarkChangesAll lists the whole change log of a county: its first
// sync file.
func BenchmarkChangesAll(b *testing.B) {
	db := benchChangesDB(b)
	var n int
	for b.Loop() {
		cs, top, err := db.Changes(context.Background(), myOffice, 0)
		if err != nil || top != changeRows {
			b.Fatal(err, top)
		}
		n = len(cs)
	}
	b.ReportMetric(float64(n), "records")
}

// BenchmarkChangesRecent lists the last thousand changes: a weekly file.
func BenchmarkChangesRecent(b *testing.B) {
	db := benchChangesDB(b)
	var n int
	for b.Loop() {
		cs, _, err := db.Changes(context.Background(), myOffice, changeRows-1000)
		if err != nil {
			b.Fatal(err)
		}
		n = len(cs)
	}
	b.ReportMetric(float64(n), "records")
}

const putRows = 30_000

// putChanges makes n changes of another county: enterprises, leaders,
// problems, events and visits in turn.
func putChanges(b testing.TB, n int) []app.Change {
	b.Helper()
	at := now.UTC()
	var out []app.Change
	add := func(t app.Table, m *app.Meta, rec any) {
		*m = app.Meta{ID: fmt.Sprintf("%08d-1111-4111-8111-%012d", len(out), len(out)), Office: otherCounty, Version: 1 + int64(len(out)%3),
			UpdatedAt: at, UpdatedBy: "李四"}
		data, err := json.Marshal(rec)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, app.Change{Seq: int64(len(out) + 1), Table: t, ID: m.ID, Office: m.Office, Version: m.Version, Data: data})
	}
	for i := 0; len(out) < n; i++ {
		e := app.Enterprise{CreditCode: creditCode(b, i+1), Name: fmt.Sprintf("山海关企业%05d有限公司", i), Industry: "装备制造",
			Categories: []string{"规模以上"}, Address: "山海关区南海西路"}
		add(app.TableEnterprises, &e.Meta, &e)
		l := app.Leader{Name: "王海", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
		add(app.TableLeaders, &l.Meta, &l)
		p := app.Problem{Number: fmt.Sprintf("山海关-2025-%04d", i+1), EnterpriseID: e.ID, Source: "走访", Category: "用地",
			Description: "新厂区用地指标不足，影响二期项目开工", Request: "协调解决", Registered: app.D(2025, 5, 1), Status: app.StatusAssigned,
			Handling: "交办", LeadDept: "区自然资源局", Person: "王科长", Deadline: app.D(2025, 6, 1)}
		add(app.TableProblems, &p.Meta, &p)
		ev := app.Event{ProblemID: p.ID, Kind: app.ActAssign, Date: app.D(2025, 5, 2), Text: "交办区自然资源局", Status: app.StatusAssigned,
			LeadDept: "区自然资源局", Person: "王科长", NewDeadline: app.D(2025, 6, 1)}
		add(app.TableEvents, &ev.Meta, &ev)
		v := app.Visit{Date: app.D(2025, 5, 1), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地", Findings: "生产经营正常，用地紧张"}
		add(app.TableVisits, &v.Meta, &v)
	}
	return out[:n]
}

// BenchmarkPut applies 30,000 changes of another county in one Update to
// an empty database, as an import does.
func BenchmarkPut(b *testing.B) {
	cs := putChanges(b, putRows)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		_, db := officeService(b, cityOffice)
		b.StartTimer()
		err := db.Update(context.Background(), app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
			for _, c := range cs {
				if err := tx.Put(c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*putRows), "ns/record")
}

// BenchmarkBulkInsert writes the same 30,000 records with plain INSERTs:
// the least an import could cost.
func BenchmarkBulkInsert(b *testing.B) {
	cs := putChanges(b, putRows)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		_, db := officeService(b, cityOffice)
		b.StartTimer()
		if err := data.BulkInsert(db, cs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*putRows), "ns/record")
}
