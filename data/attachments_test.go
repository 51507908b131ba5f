package data_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data"
)

// jpegBytes is a file that starts as a JPEG does, n bytes long, its bytes
// following seed.
func jpegBytes(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*7)
	}
	copy(b, []byte{0xFF, 0xD8, 0xFF, 0xE0})
	return b
}

func TestAttachStoresContentOnce(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃有限公司")
	l := addLeader(t, svc, "李明", app.LevelCity)
	v1 := addVisit(t, svc, l, e, app.D(2026, 3, 10))
	v2 := addVisit(t, svc, l, e, app.D(2026, 3, 12))
	photo := jpegBytes(300<<10, 1)

	a1, added, err := svc.Attach(ctx, app.TableVisits, v1.ID, `C:\照片\走访1.jpg`, photo)
	if err != nil || !added {
		t.Fatalf("Attach: %v added %t", err, added)
	}
	if a1.Name != "走访1.jpg" || a1.Type != app.TypeJPEG || a1.Size != int64(len(photo)) || a1.SHA256 != app.ContentHash(photo) || a1.Version != 1 {
		t.Errorf("attachment = %+v", a1)
	}
	// The same file again on the same visit adds nothing.
	again, added, err := svc.Attach(ctx, app.TableVisits, v1.ID, "走访1 副本.jpg", photo)
	if err != nil || added || again.ID != a1.ID {
		t.Errorf("attach again: %+v added %t %v; want the first, not added", again, added, err)
	}
	// The same file on another visit is a second attachment of one content.
	a2, added, err := svc.Attach(ctx, app.TableVisits, v2.ID, "走访2.jpg", photo)
	if err != nil || !added || a2.ID == a1.ID {
		t.Fatalf("attach to the second visit: %+v %t %v", a2, added, err)
	}
	c := counts(t, db)
	if c["attachments"] != 2 || c["attachment_content"] != 1 {
		t.Errorf("rows: %d attachments, %d contents; want 2 and 1", c["attachments"], c["attachment_content"])
	}
	got, err := svc.AttachmentContent(ctx, a2)
	if err != nil || !bytes.Equal(got, photo) {
		t.Errorf("content: %d bytes, %v; want the photo byte for byte", len(got), err)
	}
	list, err := db.Attachments(ctx, app.AttachmentFilter{RecordTable: app.TableVisits, RecordID: v1.ID})
	if err != nil || len(list) != 1 || list[0] != a1 {
		t.Errorf("attachments of the first visit: %+v %v", list, err)
	}

	// Deleting one leaves the other, and its content.
	if err := svc.Delete(ctx, app.TableAttachments, a1.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.Attachments(ctx, app.AttachmentFilter{RecordID: v1.ID}); len(list) != 0 {
		t.Errorf("after delete: %+v", list)
	}
	if got, err := svc.AttachmentContent(ctx, a2); err != nil || !bytes.Equal(got, photo) {
		t.Errorf("the other visit's content after delete: %v", err)
	}
	// Deleting the visit deletes its attachments too, as tombstones.
	if err := svc.Delete(ctx, app.TableVisits, v2.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.Attachments(ctx, app.AttachmentFilter{}); len(list) != 0 {
		t.Errorf("attachments of a deleted visit: %+v", list)
	}
	if h, err := svc.History(ctx, a2.ID); err != nil || !h.Deleted || h.Versions[len(h.Versions)-1].Op != "删除" {
		t.Errorf("the attachment's history after its visit was deleted: %+v %v", h, err)
	}
}

func TestAttachRefuses(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃有限公司")
	v := addVisit(t, svc, addLeader(t, svc, "李明", app.LevelCity), e, app.D(2026, 3, 10))
	st := app.DefaultSettings()
	st.AttachMaxMB = 1
	if err := svc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	for _, tc := range []struct {
		name    string
		table   app.Table
		id      string
		content []byte
		want    string
	}{
		{"above the cap", app.TableVisits, v.ID, jpegBytes(1<<20+1, 2), "超过每个附件 1.0 MB 的上限"},
		{"a Word file", app.TableVisits, v.ID, []byte("PK\x03\x04word/document.xml"), "不是照片（JPG、PNG）或 PDF 文件"},
		{"a deleted record", app.TableVisits, "no-such-visit", jpegBytes(1000, 3), "要添加附件的记录不存在或已删除"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, added, err := svc.Attach(ctx, tc.table, tc.id, "文件", tc.content)
			if err == nil || added || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Attach: added %t, %v; want a refusal saying %q", added, err, tc.want)
			}
		})
	}
	if after := counts(t, db); after["attachments"] != before["attachments"] || after["attachment_content"] != 0 || after["changes"] != before["changes"] {
		t.Errorf("a refused attachment changed the database: %v → %v", before, after)
	}
	// Exactly at the cap is accepted.
	if _, added, err := svc.Attach(ctx, app.TableVisits, v.ID, "正好1MB.jpg", jpegBytes(1<<20, 4)); err != nil || !added {
		t.Errorf("a file at the cap: %t %v", added, err)
	}
}

func TestHistoryThreeEditsTwoOperators(t *testing.T) {
	svc, _, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃有限公司")
	l := addLeader(t, svc, "李明", app.LevelCity)
	clock := now
	svc.Now = func() time.Time { return clock }
	v := app.Visit{Date: app.D(2026, 3, 10), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地", Findings: "生产正常"}
	svc.Operator = "张三"
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Hour)
	svc.Operator = "李四"
	v.Findings, v.Companions = "生产正常，订单增加", "工信局王五"
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Hour)
	svc.Operator = "张三"
	v.Date = app.D(2026, 3, 11)
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	h, err := svc.History(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 3 || h.Table != app.TableVisits || h.Deleted || h.Partial {
		t.Fatalf("history = %+v; want three versions of a live visit", h)
	}
	type want struct {
		by, op string
		at     time.Time
		fields map[string][2]string
	}
	wants := []want{
		{"张三", "新增", now, map[string][2]string{"date": {"", "2026-03-10"}, "leader_id": {"", "李明"}, "enterprise_id": {"", "秦皇岛耀华玻璃有限公司"},
			"mode": {"", "实地"}, "findings": {"", "生产正常"}}},
		{"李四", "修改", now.Add(time.Hour), map[string][2]string{"findings": {"生产正常", "生产正常，订单增加"}, "companions": {"", "工信局王五"}}},
		{"张三", "修改", now.Add(2 * time.Hour), map[string][2]string{"date": {"2026-03-10", "2026-03-11"}}},
	}
	for i, w := range wants {
		got := h.Versions[i]
		if got.Version != int64(i+1) || got.By != w.by || got.Op != w.op || !got.At.Equal(w.at) {
			t.Errorf("version %d: %d %s %s %v; want %s %s %v", i+1, got.Version, got.By, got.Op, got.At, w.by, w.op, w.at)
		}
		fields := map[string][2]string{}
		for _, c := range got.Changes {
			fields[c.Field] = [2]string{c.Old, c.New}
			if c.Label == c.Field {
				t.Errorf("version %d: field %s has no Chinese label", i+1, c.Field)
			}
		}
		if len(fields) != len(w.fields) {
			t.Errorf("version %d changed %v; want %v", i+1, fields, w.fields)
		}
		for f, ov := range w.fields {
			if fields[f] != ov {
				t.Errorf("version %d field %s: %q; want %q", i+1, f, fields[f], ov)
			}
		}
	}

	// Deleted, it is still found, with its history and the deletion.
	svc.Operator = "李四"
	if err := svc.Delete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	del, err := svc.DeletedRecords(ctx, app.DeletedFilter{})
	if err != nil || len(del) != 1 || del[0].ID != v.ID || del[0].By != "李四" || !strings.Contains(del[0].Title, "走访记录") {
		t.Fatalf("deleted records: %+v %v", del, err)
	}
	h, err = svc.History(ctx, v.ID)
	if err != nil || len(h.Versions) != 4 || !h.Deleted || h.Versions[3].Op != "删除" || h.Versions[3].By != "李四" {
		t.Errorf("history after delete: %+v %v", h, err)
	}
	if _, err := svc.History(ctx, "no-such-record"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("history of nothing: %v", err)
	}
}

// An attachment goes from a county's database to the city's in a sync
// file, through SQLite on both sides: the city opens it byte for byte, the
// content is stored once and not sent again; the city can back up and
// restore it.
func TestSyncAttachmentSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	county, countyDB, err := syncOffice(dir, otherCounty, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer countyDB.Close()
	city, cityDB, err := syncOffice(dir, cityOffice, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cityDB.Close()
	for _, p := range []struct {
		svc *app.Service
		of  *data.DB
	}{{county, cityDB}, {city, countyDB}} {
		c, err := cardOf(p.of)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.svc.Trust(ctx, c, false); err != nil {
			t.Fatal(err)
		}
	}
	e := addEnterprise(t, county, 1, "山海关船舶重工")
	v := addVisit(t, county, addLeader(t, county, "王海", app.LevelCounty), e, app.D(2026, 3, 2))
	photo := jpegBytes(500<<10, 5)
	a, _, err := county.Attach(ctx, app.TableVisits, v.ID, "船坞.jpg", photo)
	if err != nil {
		t.Fatal(err)
	}
	exportImport := func(all bool) syncfile.Manifest {
		t.Helper()
		path, m, err := syncfile.Export(ctx, countyDB, app.Op{Operator: "张三", At: now}, cityOffice, all, t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := syncfile.Open(ctx, cityDB, raw)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := syncfile.Import(ctx, cityDB, app.Op{Operator: "李四", At: now}, f, "", nil); err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := exportImport(false); len(m.Parts) != 5 { // enterprises, leaders, visits, attachments, one content
		t.Errorf("the first file's parts: %+v", m.Parts)
	}
	list, err := cityDB.Attachments(ctx, app.AttachmentFilter{RecordID: v.ID})
	if err != nil || len(list) != 1 || list[0].ID != a.ID || list[0].Office != otherCounty {
		t.Fatalf("at the city: %+v %v", list, err)
	}
	if got, err := city.AttachmentContent(ctx, list[0]); err != nil || !bytes.Equal(got, photo) {
		t.Errorf("the city opens it: %d bytes, %v", len(got), err)
	}
	// Only the county attaches to its records.
	if _, _, err := city.Attach(ctx, app.TableVisits, v.ID, "市局照片.jpg", jpegBytes(1000, 6)); err == nil || !strings.Contains(err.Error(), "只能由该单位添加附件") {
		t.Errorf("the city attaches to the county's visit: %v", err)
	}
	// Renamed at the county: the record travels, the content does not.
	if err := countyDB.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
		a.Name = "船坞全景.jpg"
		return tx.SaveAttachment(&a)
	}); err != nil {
		t.Fatal(err)
	}
	if m := exportImport(false); len(m.Parts) != 1 {
		t.Errorf("the second file's parts: %+v; want the attachment's record only", m.Parts)
	}
	if list, _ := cityDB.Attachments(ctx, app.AttachmentFilter{RecordID: v.ID}); len(list) != 1 || list[0].Name != "船坞全景.jpg" {
		t.Errorf("renamed at the city: %+v", list)
	}
	if c := counts(t, cityDB); c["attachment_content"] != 1 || c["attachments"] != 1 {
		t.Errorf("city rows %v", c)
	}

	// Backed up and restored, the city still opens it.
	bak := dir + "/city-backup.db"
	if err := cityDB.Backup(ctx, bak); err != nil {
		t.Fatal(err)
	}
	if err := city.Delete(ctx, app.TableAttachments, a.ID); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("the city deletes the county's attachment: %v", err)
	}
	if err := cityDB.Restore(ctx, bak); err != nil {
		t.Fatal(err)
	}
	if got, err := city.AttachmentContent(ctx, a); err != nil || !bytes.Equal(got, photo) {
		t.Errorf("after restore: %v", err)
	}
}
