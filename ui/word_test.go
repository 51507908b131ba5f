package ui

import (
	"archive/zip"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"wugeyi/app"
)

// wantWord checks that the last document written is a Word document in
// the print folder, opened once, whose name starts with name and whose
// text has each of want.
func wantWord(t *testing.T, u *UI, opened []string, name string, want ...string) {
	t.Helper()
	if len(opened) == 0 || opened[len(opened)-1] != u.printer.last {
		t.Fatalf("%s: opened %q, last written %q", name, opened, u.printer.last)
	}
	path := u.printer.last
	if filepath.Dir(path) != u.printer.dir || !strings.HasPrefix(filepath.Base(path), name) || filepath.Ext(path) != ".docx" {
		t.Errorf("%s: written as %s", name, path)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer zr.Close()
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(string(b), w) {
			t.Errorf("%s lacks %q", path, w)
		}
	}
}

// A saved meeting's minutes and the city's notice are written as Word
// documents from their screens, and opened.
func TestWordMinutesAndNotice(t *testing.T) {
	u, _ := newTestUI(t)
	opened := printInto(t, u)
	m := app.Meeting{Kind: app.MeetingOnSite, Format: app.MeetingOnSite.Formats()[0], Date: app.D(2026, 11, 20), Place: "企业会议室",
		Chair: "李明", Minutes: "协调解决用地问题。"}
	if err := u.svc.SaveMeeting(context.Background(), &m, nil); err != nil {
		t.Fatal(err)
	}
	u.selectTab(u.meetings)
	u.meetings.newRecord()
	if u.meetings.wordBtn.Visible() {
		t.Error("导出Word on a meeting not saved yet")
	}
	u.meetings.edit(m)
	tapButton(t, u.meetings.root, "导出Word")
	wantWord(t, u, *opened, m.Title()+"纪要", "协调解决用地问题。", "仿宋_GB2312")

	city, _ := newTestUIOf(t, cityOffice)
	opened = printInto(t, city)
	city.selectTab(city.notice)
	city.notice.reload()
	tapButton(t, city.notice.root, "导出Word")
	wantWord(t, city, *opened, "2026年10月进展情况通报", "关于2026年10月重点企业联系服务", "山海关区", "方正小标宋简体")
}
