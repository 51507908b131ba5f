package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

var cityOffice = app.Office{Code: "130300", Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}

// cardOf is the card of the office of u.
func cardOf(t *testing.T, u *UI) app.Card {
	t.Helper()
	k, err := u.svc.Store.Keys(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := syncfile.CardOf(u.office, k)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestExchangeImportWithPreview(t *testing.T) {
	county, _ := newTestUI(t)
	city, cityStore := newTestUIOf(t, cityOffice)
	ent := addEnterprise(t, county, "秦皇岛海鹏机械有限公司", 3)
	if err := county.svc.Trust(county.ctx, cardOf(t, city), false); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	op := app.Op{Operator: "张三", At: county.svc.Now()}
	path, _, err := syncfile.Export(county.ctx, county.svc.Store, op, cityOffice.Code, false, dir, nil)
	if err != nil {
		t.Fatal(err)
	}

	s := city.exchange
	city.selectTab(s)
	// Before the city trusts the county, the file is refused and logged.
	s.previewFile(path)
	if s.file != nil || len(s.log) != 1 || s.log[0].Outcome != app.SyncRefused || !strings.Contains(s.log[0].Message, "公钥卡") {
		t.Fatalf("a file of an untrusted office: preview %v, log %+v", s.file != nil, s.log)
	}
	if err := city.svc.Trust(city.ctx, cardOf(t, county), false); err != nil {
		t.Fatal(err)
	}
	s.reload()
	if !strings.Contains(labelTexts(s.own), "指纹") || s.cardT.rows() != 1 {
		t.Errorf("the cards: own %q, %d trusted", s.own.Text, s.cardT.rows())
	}
	if fp := city.settings.u.exchange.fingerprints(); !strings.Contains(fp, cardOf(t, county).Fingerprint()) || !strings.Contains(fp, "国密格式") {
		t.Errorf("the settings do not show the county's fingerprint: %q", fp)
	}

	s.previewFile(path)
	shown := labelTexts(s.preview)
	if !strings.Contains(shown, "导入预览") || !strings.Contains(shown, "重点企业\n1\n0\n0\n0\n0") {
		t.Fatalf("preview shows:\n%s", shown)
	}
	if list, _ := cityStore.Enterprises(city.ctx, app.EnterpriseFilter{}); len(list) != 0 {
		t.Fatal("the preview wrote records")
	}

	var mu sync.Mutex
	city.do = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	test.Tap(lookButton(s.preview, "确认导入"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		var busy string
		city.do(func() { busy = s.busy.Text })
		if strings.HasPrefix(busy, "已导入") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s the import says %q", busy)
		}
		time.Sleep(10 * time.Millisecond)
	}
	got, err := cityStore.Enterprise(city.ctx, ent.ID)
	if err != nil || got.Name != ent.Name || got.Office != "130302" {
		t.Fatalf("the city has %+v (%v)", got, err)
	}
	if len(s.log) != 2 || s.log[0].Outcome != app.SyncOK {
		t.Errorf("log %+v", s.log)
	}

	// The same file again: nothing to do.
	s.previewFile(path)
	if !strings.Contains(labelTexts(s.preview), "已经导入过") || lookButton(s.preview, "确认导入") != nil {
		t.Errorf("a second import offers: %s", labelTexts(s.preview))
	}

	// A damaged copy is refused and logged.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x10
	bad := filepath.Join(dir, "bad.wgy")
	if err := os.WriteFile(bad, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s.previewFile(bad)
	if s.file != nil || s.log[0].Outcome != app.SyncRefused || !strings.Contains(s.log[0].Message, "损坏") {
		t.Errorf("a damaged file: log %+v", s.log[0])
	}
}

// received is the identity of version 1 of a record of office, as a sync
// file brings it.
func received(id, office string) app.Meta {
	return app.Meta{ID: id, Office: office, Version: 1, UpdatedAt: time.Now(), UpdatedBy: "张三"}
}

// putReceived writes record x of table t, whose identity is m, into st as
// an import does.
func putReceived(t *testing.T, st app.Store, table app.Table, m app.Meta, x any) {
	t.Helper()
	data, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(context.Background(), app.Op{Operator: "导入", At: time.Now()}, func(tx app.Tx) error {
		return tx.Put(app.Change{Table: table, ID: m.ID, Office: m.Office, Version: m.Version, Data: data})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The city chooses at the top of the window whose records the lists show
// and the 工作台 counts.
func TestCityOfficeFilter(t *testing.T) {
	city, st := newTestUIOf(t, cityOffice)
	for i, office := range []string{"130302", "130302", "130303"} {
		e := app.Enterprise{Meta: received(fmt.Sprintf("00000000-0000-4000-8000-%012d", i), office),
			Name: fmt.Sprintf("企业%d", i), CreditCode: creditCode(t, i+1), Industry: "玻璃"}
		putReceived(t, st, app.TableEnterprises, e.Meta, e)
	}
	for i, office := range []string{"130302", "130303", "130303"} { // leaders with no enterprise: on the 工作台
		l := app.Leader{Meta: received(fmt.Sprintf("00000000-0000-4000-9000-%012d", i), office),
			Name: fmt.Sprintf("领导%d", i), Post: "副区长", Level: app.LevelCounty, Body: "政府"}
		putReceived(t, st, app.TableLeaders, l.Meta, l)
	}
	if city.officeF == nil || city.officeF.Selected != allOffices {
		t.Fatal("the city has no office choice")
	}
	for _, tc := range []struct {
		choice      string
		enterprises int
		leaders     int
	}{{allOffices, 3, 3}, {"海港区", 2, 1}, {"山海关区", 1, 2}, {"昌黎县", 0, 0}} {
		city.selectTab(city.ents)
		city.officeF.SetSelected(tc.choice)
		if got := len(city.ents.list); got != tc.enterprises {
			t.Errorf("%s: the list shows %d enterprises, want %d", tc.choice, got, tc.enterprises)
		}
		city.selectTab(city.dash)
		if got := len(city.dash.d.IdleLeaders); got != tc.leaders {
			t.Errorf("%s: the 工作台 shows %d leaders with no enterprise, want %d", tc.choice, got, tc.leaders)
		}
		if l := city.dash.lists[4]; tc.leaders > 0 && strings.Contains(l.text(0), "【") != (tc.choice == allOffices) {
			t.Errorf("%s: a leader on the 工作台 reads %q", tc.choice, l.text(0))
		}
		if !strings.Contains(city.dash.summary.Text, tc.choice) {
			t.Errorf("%s: the 工作台 says %q, not whose it is", tc.choice, city.dash.summary.Text)
		}
	}
	county, _ := newTestUI(t)
	county.officeF.SetSelected("山海关区") // never shown to a county; must not matter
	if county.ownOffice() != "130302" {
		t.Errorf("a county looks at %q", county.ownOffice())
	}
}

// A file with a record that cannot be imported shows in the preview with
// every refused record and why, offers no import, is logged as refused
// and writes nothing. Here the county's second file comes first: its
// assignment points at an enterprise of the first.
func TestExchangePreviewRefusesTheWholeFile(t *testing.T) {
	county, _ := newTestUI(t)
	city, cityStore := newTestUIOf(t, cityOffice)
	ent := addEnterprise(t, county, "秦皇岛海鹏机械有限公司", 3)
	if err := county.svc.Trust(county.ctx, cardOf(t, city), false); err != nil {
		t.Fatal(err)
	}
	if err := city.svc.Trust(city.ctx, cardOf(t, county), false); err != nil {
		t.Fatal(err)
	}
	export := func() string {
		path, _, err := syncfile.Send(county.ctx, county.svc, cityOffice.Code, false, t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return path
	}
	first := export()
	l := app.Leader{Name: "王建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := county.svc.SaveLeader(county.ctx, &l); err != nil {
		t.Fatal(err)
	}
	a := app.Assignment{LeaderID: l.ID, EnterpriseID: ent.ID, Liaison: "赵联络", LeadDept: "区工信局", From: county.svc.Today()}
	if err := county.svc.SaveAssignment(county.ctx, &a); err != nil {
		t.Fatal(err)
	}
	second := export()

	s := city.exchange
	city.selectTab(s)
	s.previewFile(second)
	shown := labelTexts(s.preview)
	if !strings.Contains(shown, "拒绝：分包关系（记录编号 "+a.ID+"）：重点企业") || !strings.Contains(shown, "整个文件未导入") ||
		lookButton(s.preview, "确认导入") != nil || s.file != nil {
		t.Errorf("the preview of the later file shows:\n%s", shown)
	}
	if len(s.log) != 1 || s.log[0].Outcome != app.SyncRefused || !strings.Contains(s.log[0].Message, a.ID) {
		t.Errorf("log %+v", s.log)
	}
	if list, _ := cityStore.Leaders(city.ctx, app.LeaderFilter{}); len(list) != 0 {
		t.Error("the refused file wrote records")
	}
	s.previewFile(first)
	if lookButton(s.preview, "确认导入") == nil {
		t.Errorf("the earlier file cannot be imported:\n%s", labelTexts(s.preview))
	}
}
