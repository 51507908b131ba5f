package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// testPhoto is a JPEG photo of w×h pixels in a gradient from c.
func testPhoto(t *testing.T, w, h int, c color.RGBA, quality int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{c.R + uint8(x*97/w), c.G + uint8(y*89/h), c.B + uint8((x^y)&31), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// startVisit saves an enterprise and a leader and starts a new visit of
// the one to the other on the visits screen.
func startVisit(t *testing.T, u *UI) (*visitsScreen, app.Enterprise) {
	t.Helper()
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	l := app.Leader{Name: "张建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := u.svc.SaveLeader(u.ctx, &l); err != nil {
		t.Fatal(err)
	}
	s := u.visits
	u.selectTab(s)
	s.newRecord()
	s.leader.SetText("张建国（副区长）")
	s.enterprise.SetText(ent.Name)
	return s, ent
}

// savedVisit saves a visit through the visits screen and leaves it open.
func savedVisit(t *testing.T, u *UI) app.Visit {
	t.Helper()
	s, _ := startVisit(t, u)
	s.findings.SetText("企业生产正常，新车间投产")
	s.save()
	if s.cur.ID == "" {
		t.Fatalf("the visit was not saved: %s", s.form.general.Text)
	}
	return s.cur
}

func TestVisitAttachments(t *testing.T) {
	u, st := newTestUI(t)
	var opened []string
	u.printer.open = func(path string) error { opened = append(opened, path); return nil }
	x := u.visits.more
	if !x.addBtn.Hidden || !x.histBtn.Hidden {
		t.Error("a new visit offers to add attachments or show its history")
	}
	v := savedVisit(t, u)
	if x.addBtn.Hidden || x.histBtn.Hidden {
		t.Fatal("a saved visit offers no attachments or history")
	}
	photo1 := testPhoto(t, 640, 480, color.RGBA{40, 80, 120, 255}, 90)
	photo2 := testPhoto(t, 480, 640, color.RGBA{120, 60, 20, 255}, 90)
	x.add("车间.jpg", photo1)
	x.add("座谈.jpg", photo2)
	x.add("车间 副本.jpg", photo1) // the same file again
	x.add("说明.pdf", []byte("%PDF-1.4\n%…\n"))
	list, err := st.Attachments(u.ctx, app.AttachmentFilter{RecordTable: app.TableVisits, RecordID: v.ID})
	if err != nil || len(list) != 3 {
		t.Fatalf("attachments stored: %+v %v; want two photos and a PDF", list, err)
	}
	if len(x.items.Objects) != 3 {
		t.Fatalf("%d tiles shown, want 3", len(x.items.Objects))
	}
	thumbs := 0
	for _, img := range findAll[*canvas.Image](x.items) {
		if img.Image != nil && max(img.Image.Bounds().Dx(), img.Image.Bounds().Dy()) == thumbSide { // not an icon
			thumbs++
		}
	}
	if icons := findAll[*widget.Icon](x.items); thumbs != 2 || len(icons) != 1 {
		t.Errorf("%d thumbnails and %d file icons, want one per photo and one for the PDF", thumbs, len(icons))
	}
	if !strings.Contains(u.status.Text, "没有重复添加") && !strings.Contains(u.status.Text, "说明.pdf") {
		t.Errorf("status line %q", u.status.Text)
	}

	// 打开 writes the photo as it was attached and opens it.
	button(t, findAll[fyne.CanvasObject](x.items.Objects[0]), "打开").OnTapped()
	if len(opened) != 1 {
		t.Fatalf("opened %v", opened)
	}
	b, err := os.ReadFile(opened[0])
	if err != nil || !bytes.Equal(b, photo1) || filepath.Base(opened[0]) != "车间.jpg" {
		t.Errorf("opened %s: %d bytes, %v; want 车间.jpg byte for byte", opened[0], len(b), err)
	}

	// A file that is not a photo or PDF is refused with a message.
	x.add("记录.docx", []byte("PK\x03\x04"))
	if list, _ := st.Attachments(u.ctx, app.AttachmentFilter{RecordID: v.ID}); len(list) != 3 {
		t.Errorf("a Word file was attached: %d", len(list))
	}
	if msg := dialogText(u); !strings.Contains(msg, "不是照片") {
		t.Errorf("no message for a Word file; the window shows %q", msg)
	}
}

// dialogText is the text of the labels of the window's top overlay.
func dialogText(u *UI) string {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var out []string
	for _, l := range findAll[*widget.Label](top) {
		out = append(out, l.Text)
	}
	for _, l := range findAll[*widget.RichText](top) {
		out = append(out, l.String())
	}
	return strings.Join(out, "\n")
}

func TestDropAndShrink(t *testing.T) {
	u, st := newTestUI(t)
	settings, _ := st.Settings(u.ctx)
	settings.ShrinkAboveMB = 1
	if err := u.svc.SaveSettings(u.ctx, settings); err != nil {
		t.Fatal(err)
	}
	v := savedVisit(t, u)
	big := testPhoto(t, 3000, 2000, color.RGBA{10, 20, 30, 255}, 100)
	if len(big) <= 1<<20 {
		t.Fatalf("the test photo has %d bytes, want above 1 MB", len(big))
	}
	path := filepath.Join(t.TempDir(), "现场.jpg")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	u.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})
	// Never shrunk without asking: nothing is stored until the user chooses.
	if list, _ := st.Attachments(u.ctx, app.AttachmentFilter{RecordID: v.ID}); len(list) != 0 {
		t.Fatalf("attached before the user chose: %+v", list)
	}
	if msg := dialogText(u); !strings.Contains(msg, "缩小后添加") && !strings.Contains(msg, "超过 1 MB") {
		t.Fatalf("no question about shrinking; the window shows %q", msg)
	}
	test.Tap(button(t, findAll[fyne.CanvasObject](u.win.Canvas().Overlays().Top()), "缩小后添加"))
	list, _ := st.Attachments(u.ctx, app.AttachmentFilter{RecordID: v.ID})
	if len(list) != 1 || list[0].Name != "现场.jpg" || list[0].Size >= int64(len(big)) {
		t.Fatalf("after shrinking: %+v", list)
	}
	b, _ := u.svc.AttachmentContent(u.ctx, list[0])
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() != shrinkSide || img.Bounds().Dy() != shrinkSide*2/3 {
		t.Errorf("the shrunk photo: %v %v; want %d×%d", img.Bounds(), err, shrinkSide, shrinkSide*2/3)
	}

	// Dropped on a screen with no record, the files are not added.
	u.selectTab(u.ents)
	u.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})
	if !strings.Contains(u.status.Text, "再把文件拖到窗口上") {
		t.Errorf("status line %q", u.status.Text)
	}
}

func TestHistoryDialog(t *testing.T) {
	u, _ := newTestUI(t)
	v := savedVisit(t, u)
	u.svc.Operator = "李四"
	s := u.visits
	s.findings.SetText("企业生产正常，新车间投产，用工紧张")
	s.save()
	u.svc.Operator = "王五"
	s.companions.SetText("区工信局赵六")
	s.save()
	test.Tap(s.more.histBtn)
	msg := dialogText(u)
	for _, want := range []string{
		"第 3 版", "王五", "陪同人员：（空） → 区工信局赵六",
		"第 2 版", "李四", "走访情况：企业生产正常，新车间投产 → 企业生产正常，新车间投产，用工紧张",
		"第 1 版", "测试员", "新增", "联系领导：张建国",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the history does not show %q:\n%s", want, msg)
		}
	}
	if strings.Index(msg, "第 3 版") > strings.Index(msg, "第 1 版") {
		t.Error("the history does not show the latest version first")
	}

	// Deleted, the visit is found under 已删除的记录 with its history.
	if err := u.svc.Delete(u.ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	u.showDeleted()
	top := u.win.Canvas().Overlays().Top()
	if !strings.Contains(dialogText(u), "走访记录") {
		t.Fatalf("deleted records: %q", dialogText(u))
	}
	test.Tap(button(t, findAll[fyne.CanvasObject](top), "修改记录"))
	if msg := dialogText(u); !strings.Contains(msg, "第 4 版") || !strings.Contains(msg, "删除") {
		t.Errorf("the deleted visit's history: %q", msg)
	}
}

// The visits list tells a phone call or a video call, which is a 联系 and
// no 走访, from a visit in person, and counts each; ticking 电话 in 设置
// makes a phone call a 走访 there too.
func TestVisitsListTellsContactsFromVisits(t *testing.T) {
	u, _ := newTestUI(t)
	s, ent := startVisit(t, u)
	s.findings.SetText("企业生产正常")
	s.save()
	for _, mode := range []string{"电话", "视频"} {
		s.newRecord()
		s.leader.SetText("张建国（副区长）")
		s.enterprise.SetText(ent.Name)
		s.mode.SetSelected(mode)
		s.findings.SetText("了解近期生产经营情况")
		s.save()
	}
	s.reload()
	modes := map[string]bool{}
	for r := range s.list {
		text, _ := s.table.cell(r, 3)
		modes[text] = true
	}
	if !modes["实地"] || !modes["电话（联系）"] || !modes["视频（联系）"] || len(s.list) != 3 {
		t.Errorf("the list's 方式 column: %v", modes)
	}
	if want := "共 3 条：走访 1 次，联系 2 次（电话、视频等方式，不计为走访）"; s.count.Text != want {
		t.Errorf("the count says %q, want %q", s.count.Text, want)
	}
	st, err := u.svc.Settings(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.VisitModesCounted = []string{"电话"}
	if err := u.svc.SaveSettings(u.ctx, st); err != nil {
		t.Fatal(err)
	}
	s.reload()
	if want := "共 3 条：走访 2 次，联系 1 次（电话、视频等方式，不计为走访）"; s.count.Text != want {
		t.Errorf("with 电话 counted the count says %q, want %q", s.count.Text, want)
	}
}
