package syncfile_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// Attachments travelling from a county to the city bureau, as parts of
// the sync file.

// rtPhoto is a file that starts as a JPEG does, n bytes following seed.
func rtPhoto(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*13)
	}
	copy(b, []byte{0xFF, 0xD8, 0xFF, 0xE1})
	return b
}

// attach attaches content to the record id of table at n.
func (n *rtNode) attach(t *testing.T, tb app.Table, id, name string, content []byte) app.Attachment {
	t.Helper()
	a, added, err := n.svc.Attach(context.Background(), tb, id, name, content)
	if err != nil || !added {
		t.Fatalf("%s attaches %s: added %t, %v", n.o.Name, name, added, err)
	}
	return a
}

// attachmentParts lists the attachment parts of the manifest m.
func attachmentParts(m syncfile.Manifest) []string {
	var out []string
	for _, p := range m.Parts {
		if strings.HasPrefix(p.Name, "attachments/") {
			out = append(out, strings.TrimPrefix(p.Name, "attachments/"))
		}
	}
	return out
}

// attachedState is what n holds of attachments and their content, and the
// length of its logs, to see that a refused file changed nothing.
func (n *rtNode) attachedState(t *testing.T, hashes ...string) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	b.WriteString(n.state(t))
	list, err := n.st.Attachments(ctx, app.AttachmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		b.WriteString("\n" + a.ID + " " + a.SHA256)
	}
	for _, h := range hashes {
		ok, err := n.st.HasContent(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			b.WriteString("\nhas " + h)
		}
	}
	log, err := n.st.SyncLog(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	b.WriteString("\n" + strings.Repeat("l", len(log)) + strings.Repeat("c", len(n.st.ChangeLog())))
	return b.String()
}

func TestRoundTripAttachments(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	photo1, photo2 := rtPhoto(200<<10, 1), rtPhoto(150<<10, 2)
	a1 := hg.attach(t, app.TableVisits, r.visit.ID, "走访现场1.jpg", photo1)
	a2 := hg.attach(t, app.TableVisits, r.visit.ID, "走访现场2.jpg", photo2)

	path, m := hg.export(t, rtCity.Code, false)
	if got := attachmentParts(m); len(got) != 2 || m.Counts[app.TableAttachments] != 2 {
		t.Fatalf("the first file carries contents %v and %d attachments; want both", got, m.Counts[app.TableAttachments])
	}
	p := city.importFile(t, path)
	if p.Counts[app.TableAttachments].New != 2 {
		t.Errorf("city counts %+v", p.Counts[app.TableAttachments])
	}
	list, err := city.st.Attachments(ctx, app.AttachmentFilter{RecordTable: app.TableVisits, RecordID: r.visit.ID})
	if err != nil || len(list) != 2 {
		t.Fatalf("the city's attachments of the visit: %+v %v", list, err)
	}
	for i, want := range [][]byte{photo1, photo2} {
		got, err := city.svc.AttachmentContent(ctx, list[i])
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("the city opens %s: %d bytes, %v; want the county's file byte for byte", list[i].Name, len(got), err)
		}
	}
	if list[0].ID != a1.ID || list[1].ID != a2.ID || list[0].Office != rtHaigang.Code {
		t.Errorf("the city's attachments %+v are not the county's", list)
	}

	// The same photo on a problem: a new attachment, its content not sent
	// again to the city, which opens it all the same.
	a3 := hg.attach(t, app.TableProblems, r.problems[0].ID, "现场照片.jpg", photo1)
	path, m = hg.export(t, rtCity.Code, false)
	if got := attachmentParts(m); len(got) != 0 || m.Counts[app.TableAttachments] != 1 {
		t.Errorf("the second file carries contents %v, %d attachments; want none and one", got, m.Counts[app.TableAttachments])
	}
	city.importFile(t, path)
	if got, err := city.svc.AttachmentContent(ctx, a3); err != nil || !bytes.Equal(got, photo1) {
		t.Errorf("the city opens the problem's photo: %v", err)
	}
	// Every record again (全部导出) carries every content again.
	_, m = hg.export(t, rtCity.Code, true)
	if got := attachmentParts(m); len(got) != 2 {
		t.Errorf("a file of every record carries contents %v; want both", got)
	}
}

// rewrap decrypts a file sent to n, lets edit change its zip's parts (by
// name; a nil part is left out) and encrypts it to n again: the manifest
// and its signature stay as the sender made them.
func (n *rtNode) rewrap(t *testing.T, file []byte, edit func(parts map[string][]byte)) []byte {
	t.Helper()
	plain := decryptFor(t, file, n.keys(t))
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name] = b
		names = append(names, zf.Name)
	}
	edit(parts)
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	for _, name := range names {
		if parts[name] == nil {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return encrypt(t, z.Bytes(), n.card(t))
}

func TestRoundTripDamagedAttachmentRefusesTheFile(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	photo := rtPhoto(100<<10, 3)
	hg.attach(t, app.TableVisits, r.visit.ID, "走访现场.jpg", photo)
	path, _ := hg.export(t, rtCity.Code, false)
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	part := "attachments/" + app.ContentHash(photo)
	before := city.attachedState(t, app.ContentHash(photo))
	for _, tc := range []struct {
		name string
		edit func(parts map[string][]byte)
		want string
	}{
		{"a byte of the photo changed", func(parts map[string][]byte) { parts[part][5000] ^= 1 }, "校验不符"},
		{"the photo cut short", func(parts map[string][]byte) { parts[part] = parts[part][:len(parts[part])/2] }, "校验不符"},
		{"the photo left out", func(parts map[string][]byte) { parts[part] = nil }, "缺少"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := city.rewrap(t, file, tc.edit)
			f, err := syncfile.Open(ctx, city.st, bad)
			if f != nil {
				t.Fatal("the file was accepted")
			}
			se := rtCode(t, err, syncfile.ErrDamaged)
			if !strings.Contains(se.Msg, tc.want) {
				t.Errorf("message %q; want it to say %q", se.Msg, tc.want)
			}
			if after := city.attachedState(t, app.ContentHash(photo)); after != before {
				t.Errorf("the refused file changed the city's database")
			}
		})
	}
	// The file as sent imports, whole.
	city.importFile(t, path)
	if after := city.attachedState(t, app.ContentHash(photo)); after == before {
		t.Error("the sound file changed nothing")
	}
}

// A file whose attachment's content went in an earlier file the city never
// imported is refused whole, saying to export every record again.
func TestRoundTripMissingContentRefusesTheFile(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	photo := rtPhoto(80<<10, 4)
	hg.attach(t, app.TableVisits, r.visit.ID, "走访现场.jpg", photo)
	hg.export(t, rtCity.Code, false) // lost on the way
	hg.attach(t, app.TableProblems, r.problems[1].ID, "同一张照片.jpg", photo)
	path, m := hg.export(t, rtCity.Code, false)
	if len(attachmentParts(m)) != 0 {
		t.Fatalf("the second file carries the content again: %v", attachmentParts(m))
	}
	plan := city.refusedWhole(t, path)
	if msg := plan.Err().Error(); !strings.Contains(msg, "同一张照片.jpg") || !strings.Contains(msg, "缺少附件") || !strings.Contains(msg, "全部记录") {
		t.Errorf("message %q; want it to name the file and say to export every record", msg)
	}
	// Every record again brings the content and imports.
	path, _ = hg.export(t, rtCity.Code, true)
	city.importFile(t, path)
	list, err := city.st.Attachments(ctx, app.AttachmentFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("attachments at the city: %+v %v", list, err)
	}
	for _, a := range list {
		if got, err := city.svc.AttachmentContent(ctx, a); err != nil || !bytes.Equal(got, photo) {
			t.Errorf("the city opens %s: %v", a.Name, err)
		}
	}
}

// benchNode is an office on a new database for the benchmarks.
func benchNode(b *testing.B, o app.Office) (*datatest.Store, *app.Service) {
	b.Helper()
	st := datatest.New(b)
	svc := app.NewService(st, "张三")
	svc.Now = func() time.Time { return rtNow }
	svc.MakeKeys = func(o app.Office, now time.Time) (app.OfficeKeys, error) {
		k, _, err := syncfile.NewKeys(o, now)
		return k, err
	}
	if err := svc.SetUp(context.Background(), o); err != nil {
		b.Fatal(err)
	}
	return st, svc
}

// BenchmarkPhotosRoundTrip: a county sends 20 photos of 3 MB (60 MB that
// do not compress, as JPEGs do not) with their visit to the city, which
// reads, checks and imports the file into a new database.
func BenchmarkPhotosRoundTrip(b *testing.B) {
	ctx := context.Background()
	hgSt, hg := benchNode(b, rtHaigang)
	cards := map[string]app.Card{}
	for _, n := range []struct {
		st *datatest.Store
		o  app.Office
	}{{hgSt, rtHaigang}} {
		k, err := n.st.Keys(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if cards[n.o.Code], err = syncfile.CardOf(n.o, k); err != nil {
			b.Fatal(err)
		}
	}
	cc, _ := app.CreditCheckChar("91130302MA0000001")
	e := app.Enterprise{Name: "秦皇岛耀华玻璃有限公司", CreditCode: "91130302MA0000001" + string(cc)}
	l := app.Leader{Name: "李明", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := hg.SaveEnterprise(ctx, &e); err != nil {
		b.Fatal(err)
	}
	if err := hg.SaveLeader(ctx, &l); err != nil {
		b.Fatal(err)
	}
	v := app.Visit{Date: app.D(2026, 3, 10), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地"}
	if err := hg.SaveVisit(ctx, &v, nil); err != nil {
		b.Fatal(err)
	}
	for i := range 20 {
		photo := rtPhoto(3<<20, byte(i))
		for j := 16; j < len(photo); j += 8 { // noise, as a JPEG's bytes are
			photo[j] ^= byte(j*2654435761>>13) + byte(i)
		}
		if _, _, err := hg.Attach(ctx, app.TableVisits, v.ID, "照片.jpg", photo); err != nil {
			b.Fatal(err)
		}
	}
	var exportT, importT time.Duration
	for b.Loop() {
		citySt, city := benchNode(b, rtCity)
		ck, err := citySt.Keys(ctx)
		if err != nil {
			b.Fatal(err)
		}
		cityCard, err := syncfile.CardOf(rtCity, ck)
		if err != nil {
			b.Fatal(err)
		}
		if err := hg.Trust(ctx, cityCard, true); err != nil {
			b.Fatal(err)
		}
		if err := city.Trust(ctx, cards[rtHaigang.Code], false); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		path, _, err := syncfile.Export(ctx, hgSt, app.Op{Operator: "张三", At: rtNow}, rtCity.Code, true, b.TempDir(), nil)
		if err != nil {
			b.Fatal(err)
		}
		exportT += time.Since(start)
		start = time.Now()
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		f, err := syncfile.Open(ctx, citySt, data)
		if err != nil {
			b.Fatal(err)
		}
		p, err := syncfile.Import(ctx, citySt, app.Op{Operator: "李四", At: rtNow}, f, "", nil)
		if err != nil || p.Counts[app.TableAttachments].New != 20 {
			b.Fatal(p.Counts, err)
		}
		importT += time.Since(start)
	}
	b.ReportMetric(float64(exportT.Milliseconds())/float64(b.N), "export-ms/op")
	b.ReportMetric(float64(importT.Milliseconds())/float64(b.N), "import-ms/op")
}
