package datatest_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

func TestDump(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigang)
	svc := app.NewService(st, "张三")
	before := st.Dump()
	for _, tbl := range []string{"office", "settings", "enterprises", "changes", "sync_log", "problems_fts"} {
		if _, ok := before[tbl]; !ok {
			t.Errorf("the dump has no table %s: %v", tbl, before)
		}
	}
	if len(before["office"]) != 1 || !strings.Contains(before["office"][0], strconv.Quote(haigang.Code)) {
		t.Errorf("office rows %q", before["office"])
	}

	// A refused commit leaves the dump as it was.
	st.FailNextUpdate(errors.New("disk full"))
	e := app.Enterprise{CreditCode: datatest.CreditCode(1), Name: "企业\t甲"}
	if err := svc.SaveEnterprise(ctx, &e); err == nil {
		t.Fatal("the armed failure did not fail the save")
	}
	if after := st.Dump(); !reflect.DeepEqual(after, before) {
		t.Fatalf("a rolled-back save changed the dump:\n%v\n%v", before, after)
	}

	// A save adds the record's row, its ID first, and a change-log row.
	e = app.Enterprise{CreditCode: datatest.CreditCode(1), Name: "企业\t甲"}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	after := st.Dump()
	rows := after["enterprises"]
	if len(rows) != 1 || !strings.HasPrefix(rows[0], strconv.Quote(e.ID)+" ") || !strings.Contains(rows[0], strconv.Quote("企业\t甲")) {
		t.Errorf("enterprise rows %q, want one starting with %q and keeping the name's tab, quoted", rows, e.ID)
	}
	if len(after["changes"]) != len(before["changes"])+1 {
		t.Errorf("change-log rows %d, then %d", len(before["changes"]), len(after["changes"]))
	}
	for tbl, rows := range before {
		if tbl != "enterprises" && tbl != "changes" && !strings.HasPrefix(tbl, "problems_fts") && !strings.HasPrefix(tbl, "search_") && !reflect.DeepEqual(after[tbl], rows) {
			t.Errorf("saving an enterprise changed %s: %q → %q", tbl, rows, after[tbl])
		}
	}
}
