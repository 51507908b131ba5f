package data_test

import (
	"context"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// BenchmarkHistory reads a problem's history (three versions) in the
// ten-year database of ten offices.
func BenchmarkHistory(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	svc := &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "测"}
	ps, err := db.Problems(ctx, app.ProblemFilter{Office: "130302", Limit: 1})
	if err != nil || len(ps) == 0 {
		b.Fatal(err)
	}
	p := ps[0]
	for range 2 {
		p.Request += "（补充）"
		if err := svc.EditProblem(ctx, &p); err != nil {
			b.Fatal(err)
		}
	}
	var h app.History
	for b.Loop() {
		if h, err = svc.History(ctx, p.ID); err != nil {
			b.Fatal(err)
		}
	}
	if len(h.Versions) < 3 {
		b.Fatalf("history %+v", h)
	}
}

// BenchmarkAttach3MB attaches a new 3 MB photo to a visit: hash, store
// once, record, change log, in one transaction.
func BenchmarkAttach3MB(b *testing.B) {
	db := openBenchAttach(b)
	svc, v := db.svc, db.visit
	photo := jpegBytes(3<<20, 9)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		photo[100], photo[101], photo[102] = byte(i), byte(i>>8), byte(i>>16) // a new photo each time
		if _, added, err := svc.Attach(ctx, app.TableVisits, v.ID, "照片.jpg", photo); err != nil || !added {
			b.Fatal(added, err)
		}
	}
	b.SetBytes(3 << 20)
}

// BenchmarkOpenAttachment3MB reads a 3 MB photo back and checks its hash.
func BenchmarkOpenAttachment3MB(b *testing.B) {
	db := openBenchAttach(b)
	ctx := context.Background()
	a, _, err := db.svc.Attach(ctx, app.TableVisits, db.visit.ID, "照片.jpg", jpegBytes(3<<20, 9))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.svc.AttachmentContent(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(3 << 20)
}

type benchAttach struct {
	db    *data.DB
	svc   *app.Service
	visit app.Visit
}

// openBenchAttach is a new database of 海港区 with one visit.
func openBenchAttach(b *testing.B) benchAttach {
	b.Helper()
	db, err := data.Open(b.TempDir() + "/attach.db")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "张三"}
	ctx := context.Background()
	if err := svc.SetUp(ctx, app.Office{Code: myOffice, Name: "海港区", Role: app.RoleCounty}); err != nil {
		b.Fatal(err)
	}
	cc, err := app.CreditCheckChar("91130302MA0000001")
	if err != nil {
		b.Fatal(err)
	}
	e := app.Enterprise{Name: "秦皇岛耀华玻璃有限公司", CreditCode: "91130302MA0000001" + string(cc)}
	l := app.Leader{Name: "李明", Post: "副市长", Level: app.LevelCity, Body: "政府"}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		b.Fatal(err)
	}
	if err := svc.SaveLeader(ctx, &l); err != nil {
		b.Fatal(err)
	}
	v := app.Visit{Date: app.D(2026, 3, 10), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地"}
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		b.Fatal(err)
	}
	return benchAttach{db: db, svc: svc, visit: v}
}
