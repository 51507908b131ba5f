package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"wugeyi/app"
)

// Tx.Undelete clears the tombstone as a new version whose change carries
// the record, live, so that a sync file brings it back.
func TestTxUndelete(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	_, top, err := db.Changes(ctx, myOffice, 0)
	if err != nil {
		t.Fatal(err)
	}
	undelete := func(tb app.Table, id string) error {
		return db.Update(ctx, app.Op{Operator: "李四", At: now}, func(tx app.Tx) error { return tx.Undelete(tb, id) })
	}
	if err := undelete("settings", e.ID); err == nil {
		t.Error("undelete in a table that does not sync: accepted")
	}
	if err := undelete(app.TableLeaders, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("undelete in the wrong table: %v, want ErrNotFound", err)
	}
	if err := undelete(app.TableEnterprises, e.ID); err != nil {
		t.Fatalf("Undelete: %v", err)
	}
	got, err := db.Enterprise(ctx, e.ID)
	if err != nil || got.Version != e.Version+2 || got.UpdatedBy != "李四" || got.Name != "企业甲" {
		t.Fatalf("restored enterprise: %+v, %v", got, err)
	}
	cs, _, err := db.Changes(ctx, myOffice, top)
	if err != nil || len(cs) != 1 {
		t.Fatalf("changes after the restore: %v, %v", cs, err)
	}
	c := cs[0]
	var rec app.Enterprise
	if err := json.Unmarshal(c.Data, &rec); err != nil {
		t.Fatal(err)
	}
	if c.Deleted || c.Version != got.Version || rec.Deleted || rec.Version != got.Version || rec.Name != "企业甲" || rec.CreditCode != e.CreditCode {
		t.Errorf("the restore's change: deleted %t version %d, record %+v; want live version %d", c.Deleted, c.Version, rec, got.Version)
	}
	if err := undelete(app.TableEnterprises, e.ID); !errors.Is(err, app.ErrNotDeleted) {
		t.Errorf("undelete a live record: %v, want ErrNotDeleted", err)
	}
}
