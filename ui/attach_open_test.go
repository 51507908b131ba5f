package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"wugeyi/app"
)

// 打开 never runs a program: the file written is named from the
// attachment's name made safe, with the extension of its bytes, and bytes
// that are not a photo or a PDF of the attachment's type are not written.
func TestOpenAttachmentNeverRunsAProgram(t *testing.T) {
	u, st := newTestUIOf(t, cityOffice)
	var opened []string
	u.printer.open = func(path string) error { opened = append(opened, path); return nil }
	visit := "00000000-0000-4000-8000-0000000000a1"
	pdf := []byte("%PDF-1.4\n%…\n1 0 obj\n")
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), bytes.Repeat([]byte{0}, 100)...)
	jpeg := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'}
	// Attachments of 海港区 as a forged sync file could bring them, with
	// the content each names.
	for i, a := range []struct {
		name, typ string
		b         []byte
	}{
		{"整改报告.pdf.exe", app.TypePDF, pdf},
		{"说明.pdf", app.TypePDF, exe},
		{"CON.pdf", app.TypePDF, pdf},
		{"../../x.pdf", app.TypePDF, pdf},
		{"现场.pdf", app.TypePDF, jpeg},
	} {
		b := append(append([]byte(nil), a.b...), byte(i)) // each its own content
		h := app.ContentHash(b)
		m := received("00000000-0000-4000-8000-00000000000"+string(rune('1'+i)), haigang.Code)
		att := app.Attachment{Meta: m, RecordTable: app.TableVisits, RecordID: visit, Name: a.name, Type: a.typ,
			Size: int64(len(b)), SHA256: h}
		if err := st.Update(context.Background(), app.Op{Operator: "导入", At: time.Now()}, func(tx app.Tx) error {
			return tx.PutContent(h, b)
		}); err != nil {
			t.Fatal(err)
		}
		putReceived(t, st, app.TableAttachments, m, att)
	}
	x := u.visits.more
	x.set(visit, haigang.Code)
	if len(x.items.Objects) != 5 {
		t.Fatalf("%d attachments shown, want 5", len(x.items.Objects))
	}
	open := func(i int) {
		t.Helper()
		opened = nil
		if top := u.win.Canvas().Overlays().Top(); top != nil {
			u.win.Canvas().Overlays().Remove(top)
		}
		button(t, findAll[fyne.CanvasObject](x.items.Objects[i]), "打开").OnTapped()
	}
	for i, want := range map[int]string{0: "整改报告.pdf", 2: "附件_CON.pdf", 3: "x.pdf"} {
		open(i)
		if len(opened) != 1 || filepath.Base(opened[0]) != want {
			t.Errorf("打开 of %q opened %v, want a file named %s", x.list[i].Name, opened, want)
			continue
		}
		written := opened[0]
		t.Cleanup(func() { os.RemoveAll(filepath.Dir(written)) })
		if dir := filepath.Dir(opened[0]); filepath.Dir(dir) != filepath.Join(os.TempDir(), "五个一工作台附件") {
			t.Errorf("打开 of %q wrote %s, outside the attachments' folder", x.list[i].Name, opened[0])
		}
		if b, err := os.ReadFile(opened[0]); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("打开 of %q wrote %d bytes (%v), want the PDF", x.list[i].Name, len(b), err)
		}
	}
	for i, want := range map[int]string{1: "这个附件不是 PDF 或图片，不能打开", 4: "内容与记录不符"} {
		b, _ := u.svc.AttachmentContent(u.ctx, x.list[i])
		dir := filepath.Join(os.TempDir(), "五个一工作台附件", app.ContentHash(b)[:16])
		os.RemoveAll(dir) // left by an earlier build
		open(i)
		if len(opened) != 0 {
			t.Errorf("打开 of %q labelled PDF opened %v", x.list[i].Name, opened)
		}
		if msg := dialogText(u); !strings.Contains(msg, want) {
			t.Errorf("打开 of %q: the window shows %q, want %q", x.list[i].Name, msg, want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("打开 of %q wrote its bytes in %s", x.list[i].Name, dir)
		}
	}
}
